import * as assert from 'node:assert/strict';
import { aggregate, measure } from '../../../src/report/aggregate';
import { record } from './records';

const T0 = Date.UTC(2025, 0, 1, 9, 0, 0);

describe('aggregate: the latency report from request records', () => {
  it('an empty log gives an empty report, not an error', () => {
    const r = aggregate([]);
    assert.equal(r.requests.total, 0);
    assert.equal(r.from, undefined);
    assert.equal(r.acceptance.rate, undefined);
    assert.deepEqual(r.models, []);
  });

  it('measures time to first token, pause to ghost and tokens/s per request', () => {
    const r = record(T0, { keystrokeAt: T0 - 50, sentAt: T0, firstByteAt: T0 + 200, shownAt: T0 + 260, endedAt: T0 + 1200, tokensOut: 21 });
    assert.equal(measure(r, 'ttftMs'), 200);
    assert.equal(measure(r, 'ghostMs'), 310);
    assert.equal(measure(r, 'tokensPerSec'), 20);
  });

  it('leaves out what a request did not measure', () => {
    const notSent = record(T0, { sentAt: undefined, outcome: 'aborted', abortReason: 'superseded' });
    assert.equal(measure(notSent, 'ttftMs'), undefined);
    assert.equal(measure(notSent, 'ghostMs'), undefined);
    assert.equal(measure(record(T0, { firstByteAt: T0 + 5, endedAt: T0 + 5, tokensOut: 1 }), 'tokensPerSec'), undefined);
    // Three tokens in one read, or a burst of 10 ms, is no speed measurement.
    assert.equal(measure(record(T0, { firstByteAt: T0 + 5, endedAt: T0 + 900, tokensOut: 3 }), 'tokensPerSec'), undefined);
    assert.equal(measure(record(T0, { firstByteAt: T0 + 5, endedAt: T0 + 15, tokensOut: 20 }), 'tokensPerSec'), undefined);
  });

  it('counts requests sent, reused, not sent, ended by a rule, aborted by reason and failed by kind', () => {
    const r = aggregate([
      record(T0, { answers: 3 }),
      record(T0 + 1, { answers: 1 }),
      record(T0 + 2, { sentAt: undefined, outcome: 'aborted', abortReason: 'superseded' }),
      record(T0 + 3, { outcome: 'aborted', abortReason: 'diverged' }),
      record(T0 + 4, { outcome: 'aborted', abortReason: 'diverged' }),
      record(T0 + 5, { outcome: 'error', errorKind: 'rate-limited' }),
      record(T0 + 6, { outcome: 'streaming' }),
      record(T0 + 7, { sentAt: undefined, outcome: 'throttled' }),
      record(T0 + 8, { outcome: 'stopped', stopReason: 'block-end' }),
    ]);
    // A stream a rule closed at the end of its block is neither the model's own end nor the user's abort.
    // The request replaced before it went out is "not sent", not also a stopped stream.
    assert.deepEqual(r.requests, { total: 9, sent: 7, reused: 2, notSent: 1, completed: 2, stoppedByRule: 1, aborted: 2, failed: 1, streaming: 1 });
    assert.deepEqual(r.abortReasons, [['diverged', 2]]);
    assert.deepEqual(r.errors, [['rate-limited', 1]]);
  });

  it('sums tokens spent and wasted, per model and in total', () => {
    const r = aggregate([
      record(T0, { model: 'a', tokensIn: 100, tokensOut: 20, tokensWasted: 5 }),
      record(T0, { model: 'b', tokensIn: 50, tokensOut: 10, tokensWasted: 10 }),
      record(T0, { model: 'a', tokensIn: undefined, tokensOut: 4, tokensWasted: 0 }),
    ]);
    assert.deepEqual(r.tokens, { input: 150, output: 34, wasted: 15 });
    assert.deepEqual(r.tokensByModel, [
      ['a', { input: 100, output: 24, wasted: 5 }],
      ['b', { input: 50, output: 10, wasted: 10 }],
    ]);
  });

  it('acceptance rate is accepted over shown', () => {
    const r = aggregate([
      record(T0, { shownAt: T0 + 1, acceptedAt: T0 + 2 }),
      record(T0, { shownAt: T0 + 1 }),
      record(T0, { shownAt: T0 + 1 }),
      record(T0, { shownAt: T0 + 1, acceptedAt: T0 + 9 }),
      record(T0),
    ]);
    assert.deepEqual(r.acceptance, { shown: 4, accepted: 2, rate: 0.5 });
  });

  it('gives each model p50/p90 over time, one point per bucket with measurements', () => {
    const ttfts = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000];
    const records = [
      ...ttfts.map((ms, i) => record(T0 + i * 100, { model: 'fast', firstByteAt: T0 + i * 100 + ms })),
      record(T0 + 120_000, { model: 'fast', firstByteAt: T0 + 120_000 + 50 }),
      record(T0 + 60_000, { model: 'slow', firstByteAt: T0 + 60_000 + 3000 }),
    ];
    const r = aggregate(records, 30);
    assert.equal(r.bucketMs, 5_000);
    assert.deepEqual(r.models.map((m) => m.model), ['fast', 'slow']);
    const fast = r.models[0];
    assert.ok(fast);
    assert.deepEqual(fast.series.ttftMs, [
      { t: T0, p50: 500, p90: 900, n: 10 },
      { t: T0 + 120_000, p50: 50, p90: 50, n: 1 },
    ]);
    assert.deepEqual(fast.overall.ttftMs, { p50: 500, p90: 900, count: 11 });
    assert.equal(fast.overall.tokensPerSec, undefined);
    assert.equal(r.models[1]?.overall.ttftMs?.p50, 3000);
  });

  it('requests never sent (no model yet) count in the totals, not per model', () => {
    const r = aggregate([record(T0, { model: '', sentAt: undefined, outcome: 'aborted', abortReason: 'superseded' }), record(T0, { model: 'm', tokensOut: 3 })]);
    assert.equal(r.requests.total, 2);
    assert.deepEqual(r.models.map((m) => m.model), ['m']);
    assert.deepEqual(r.tokensByModel.map(([m]) => m), ['m']);
  });

  it('completion, chat and Generate requests: figures per model and feature, counts and tokens per feature', () => {
    const r = aggregate([
      record(T0, { model: 'coder', firstByteAt: T0 + 100, shownAt: T0 + 120, tokensIn: 300, tokensOut: 8 }),
      record(T0 + 10, { model: 'coder', outcome: 'aborted', abortReason: 'diverged', firstByteAt: T0 + 90, tokensOut: 4, tokensWasted: 4 }),
      record(T0 + 20, { feature: 'chat', kind: 'explicit', model: 'big', keystrokeAt: undefined, firstByteAt: T0 + 520, endedAt: T0 + 2520, tokensIn: 900, tokensOut: 101 }),
      record(T0 + 30, { feature: 'chat', kind: 'explicit', model: 'big', keystrokeAt: undefined, outcome: 'error', errorKind: 'server' }),
      record(T0 + 40, { feature: 'generate', kind: 'explicit', model: 'big', keystrokeAt: undefined, outcome: 'aborted', abortReason: 'stopped', firstByteAt: T0 + 340, tokensIn: 500, tokensOut: 30 }),
      // The same model serving completion too: its figures stay apart from its chat figures.
      record(T0 + 50, { model: 'big', firstByteAt: T0 + 80, tokensOut: 2 }),
      // Replaced by a newer keystroke before it went out: not sent, and no stream was stopped.
      record(T0 + 60, { model: '', sentAt: undefined, outcome: 'aborted', abortReason: 'superseded' }),
    ]);
    assert.deepEqual(r.models.map((m) => [m.feature, m.model, m.requests]), [['completion', 'big', 1], ['completion', 'coder', 2], ['chat', 'big', 2], ['generate', 'big', 1]]);
    const chat = r.models.find((m) => m.feature === 'chat');
    assert.deepEqual(chat?.overall.ttftMs, { p50: 500, p90: 500, count: 1 });
    assert.equal(chat?.overall.tokensPerSec?.p50, 50);
    assert.equal(chat?.overall.ghostMs, undefined, 'no pause to ghost text for a chat request');
    assert.deepEqual(r.features, [
      { feature: 'completion', total: 4, sent: 3, completed: 2, stoppedByRule: 0, aborted: 1, failed: 0, tokens: { input: 300, output: 14, wasted: 4 } },
      { feature: 'chat', total: 2, sent: 2, completed: 1, stoppedByRule: 0, aborted: 0, failed: 1, tokens: { input: 900, output: 101, wasted: 0 } },
      { feature: 'generate', total: 1, sent: 1, completed: 0, stoppedByRule: 0, aborted: 1, failed: 0, tokens: { input: 500, output: 30, wasted: 0 } },
    ]);
    assert.deepEqual(r.errors, [['server', 1]]);
    assert.deepEqual(r.abortReasons, [['diverged', 1], ['stopped', 1]]);
    assert.deepEqual(r.tokensByModel, [
      ['big', { input: 1400, output: 133, wasted: 0 }],
      ['coder', { input: 300, output: 12, wasted: 4 }],
    ]);
    assert.deepEqual(r.acceptance, { shown: 1, accepted: 0, rate: 0 });
  });

  it('a report without chat or Generate requests lists only completion', () => {
    assert.deepEqual(aggregate([record(T0)]).features.map((f) => f.feature), ['completion']);
  });

  it('the same records give the same report', () => {
    const records = [record(T0, { firstByteAt: T0 + 7 }), record(T0 + 9000, { firstByteAt: T0 + 9100 })];
    assert.deepEqual(aggregate(records), aggregate([...records]));
  });
});
