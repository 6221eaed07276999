import assert from 'node:assert/strict';
import { doc, typed } from './helpers/fixture';
import { EngineHarness } from './helpers/harness';
import { BackendStats } from '../../../src/completion/backendStats';
import type { RequestRecord } from '../../../src/completion/requestRecord';

// A slow local model: 2 s to its first token, every time.
const SLOW = { ttftMs: 2000, msPerToken: 20, text: '7;\n' };
const LEARNED_AT = doc('const p = █\n');
const AT = doc('const p = 7;\nlet q = █\n');

/** A harness whose engine has measured the model's time to first token (one whole request). */
async function measured(maxStreamsPerDocument: number): Promise<EngineHarness> {
  const h = new EngineHarness(() => SLOW, { maxStreamsPerDocument });
  await h.answer(h.key(LEARNED_AT));
  await h.drain();
  return h;
}

/** Asks at AT, then types `99` (two keys 120 ms apart) `afterMs` into the request's wait. Returns when the first key came. */
async function typePastAfter(h: EngineHarness, afterMs: number): Promise<number> {
  h.ask(h.key(AT));
  await h.clock.advance(afterMs);
  const keyAt = h.clock.now();
  h.ask(h.key(typed(AT, '9')));
  await h.clock.advance(120);
  h.ask(h.key(typed(AT, '99')));
  await h.clock.advance(400);
  return keyAt;
}

describe('completion engine: a one-slot server and a stream with no token yet', () => {
  it('typing past it early in its wait closes it at the keystroke and sends a request for what was typed', async () => {
    const h = await measured(1);
    const keyAt = await typePastAfter(h, 300);
    const stale = h.requests.find((r) => r.request.prefix.endsWith('let q = '));
    const fresh = h.requests.at(-1)!;
    assert.ok(fresh.request.prefix.endsWith('let q = 99'), 'a request for what was typed went out');
    assert.ok(stale?.abortedAt !== undefined && stale.abortedAt <= fresh.startedAt, 'the stale stream gave the slot up first');
    assert.equal(stale.abortedAt, keyAt, 'closed at the keystroke');
    assert.ok(h.engine.log.all().some((r) => r.outcome === 'aborted' && r.abortReason === 'capacity'));
  });

  it('half way or more to its first token, it is waited for: its answer may begin with what was typed', async () => {
    const h = await measured(1);
    await typePastAfter(h, 1100);
    assert.ok(h.requests.at(-1)!.request.prefix.endsWith('let q = '), 'no request for what was typed');
    assert.equal(h.requests.at(-1)!.abortedAt, undefined);
  });

  it('a quick model (a first token in 400 ms): typed past at once, it is still waited for (a rest under a second is worth no new request)', async () => {
    const h = new EngineHarness(() => ({ ...SLOW, ttftMs: 400 }), { maxStreamsPerDocument: 1 });
    await h.answer(h.key(LEARNED_AT));
    await h.drain();
    await typePastAfter(h, 50);
    const stale = h.requests.find((r) => r.request.prefix.endsWith('let q = '));
    assert.ok(stale && stale.tokensSent > 0, 'it was waited for until its first token (which disagreed: `7;` against `99`)');
    assert.ok(!h.engine.log.all().some((r) => r.abortReason === 'capacity'));
  });

  it('a server that runs requests side by side keeps waiting for it (a new request would not be served sooner)', async () => {
    const h = await measured(2);
    await typePastAfter(h, 300);
    assert.ok(h.requests.at(-1)!.request.prefix.endsWith('let q = '), 'no request for what was typed');
    assert.equal(h.requests.at(-1)!.abortedAt, undefined);
  });

  it('a model that just got slower is expected to stay so: one slow first token is enough', async () => {
    // Quick first tokens at first (the average learns 100 ms), then a slow one (2 s).
    let slow = false;
    const h = new EngineHarness(() => (slow ? SLOW : { ...SLOW, ttftMs: 100 }), { maxStreamsPerDocument: 1 });
    for (let i = 0; i < 4; i++) {
      await h.answer(h.key(doc(`const p${i} = █\n`)), 'explicit');
      await h.drain();
    }
    slow = true;
    await h.answer(h.key(LEARNED_AT), 'explicit');
    await h.drain();
    const keyAt = await typePastAfter(h, 700);
    const stale = h.requests.find((r) => r.request.prefix.endsWith('let q = '));
    assert.equal(stale?.abortedAt, keyAt, '700 ms into a wait the last first token put at 2 s: closed for a request for what was typed');
  });

  it('a request closed before its first token, later than first tokens came, raises the expected time to first token', () => {
    const stats = new BackendStats('m');
    const record = (sentAt: number, firstByteAt: number | undefined, endedAt: number) => ({ sentAt, firstByteAt, endedAt, tokensOut: 0 }) as unknown as RequestRecord;
    stats.note(record(0, 1000, 1500));
    assert.equal(stats.ttftMs, 1000);
    stats.note(record(0, undefined, 400));
    assert.equal(stats.ttftMs, 1000, 'closed sooner than the first token comes: says nothing');
    stats.note(record(0, undefined, 9000));
    assert.ok(stats.ttftMs > 1000, 'at least 9 s this time');
    assert.equal(stats.recentTtftMs, 9000);
  });

  it('a key typed while completion waited for the slot: its keystroke-to-ghost time counts from the end of the wait', async () => {
    const h = new EngineHarness(() => ({ ttftMs: 200, msPerToken: 20, text: '7;\n' }), { maxStreamsPerDocument: 1 });
    const state = h.key(AT);
    h.engine.stopAll();
    await h.clock.advance(5_000); // a chat answer held the server's one slot
    h.engine.resumed();
    await h.answer(state);
    const latency = h.engine.currentStatus().lastLatencyMs;
    assert.ok(latency !== undefined && latency < 1_000, `shown ${latency} ms after the wait ended, not counted from the key 5 s before`);
  });
});
