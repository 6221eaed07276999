import * as assert from 'node:assert/strict';
import { CoalescedRun } from '../../../src/base/coalescedRun';

describe('CoalescedRun: one job at a time, later requests coalesced with the latest argument', () => {
  it('requests during a run make one more run, with the latest argument', async () => {
    const runs: boolean[] = [];
    let release: () => void = () => undefined;
    const run = new CoalescedRun<boolean>(async (final) => {
      runs.push(final);
      if (runs.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    run.request(false);
    run.request(false);
    run.request(true); // the stream ended while the first growth was being applied
    assert.equal(run.pending, true);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(runs, [false, true], 'the last growth keeps the latest `final`');
    assert.equal(run.pending, false);
  });

  it('a failing run does not stop the next', async () => {
    const runs: number[] = [];
    let fail: (e: Error) => void = () => undefined;
    const run = new CoalescedRun<number>(async (n) => {
      runs.push(n);
      if (n === 1) await new Promise<void>((_, reject) => (fail = reject));
    });
    run.request(1);
    run.request(2);
    fail(new Error('boom'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(runs, [1, 2]);
  });

  it('cancelNext forgets the waiting run', async () => {
    const runs: number[] = [];
    let release: () => void = () => undefined;
    const run = new CoalescedRun<number>(async (n) => {
      runs.push(n);
      if (n === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    run.request(1);
    run.request(2);
    run.cancelNext();
    release();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(runs, [1]);
  });
});
