import assert from 'node:assert/strict';
import { AdaptiveThrottle } from '../../../src/completion/throttle';
import { adaptiveStrategy, debounceStrategy, perKeystrokeStrategy } from '../../../src/completion/strategies';
import { doc, typed } from './helpers/fixture';
import { type Asked, EngineHarness, WHOLE_LINES } from './helpers/harness';

/** A model whose answer never matches the typing, so that every ask needs the throttle. */
const UNRELATED = () => ({ ttftMs: 300, msPerToken: 20, text: 'zzz;\n' });
/**
 * Rill's strategy without its back-off on contradicted suggestions (which such a model triggers,
 * see engine.backoff.test.ts), so that these tests see the adaptive throttle alone.
 */
const THROTTLE_ONLY = { strategy: { ...adaptiveStrategy(), backoffOnRejection: false } };
const LINE = doc('const value = █\n');

/**
 * Types `text` one key every `gapMs`, with the editor asking 50 ms after each key (VS Code's own
 * delay) and cancelling its call on the next key.
 */
async function typeBurst(h: EngineHarness, start: typeof LINE, text: string, gapMs: number): Promise<typeof LINE> {
  let state = start;
  let asked: Asked | undefined;
  for (const ch of text) {
    asked?.cancel();
    state = h.key(typed(state, ch));
    await h.clock.advance(50);
    asked = h.ask(state);
    await h.clock.advance(gapMs - 50);
  }
  return state;
}

describe('completion engine: adaptive throttle', () => {
  it('in a burst, holds one request that the next keystroke replaces; sends once the burst ends', async () => {
    const h = new EngineHarness(UNRELATED, THROTTLE_ONLY);
    await typeBurst(h, LINE, 'computeTot', 100);
    const lastKey = h.clock.now() - 100;
    // The burst's first key follows a pause: that call went out at once; none after it.
    assert.equal(h.requests.length, 1, 'one request, at the start of the burst');
    await h.clock.advance(300);
    assert.equal(h.requests.length, 2);
    const sentAfter = h.requests[1].startedAt - lastKey;
    assert.ok(sentAfter > 50 && sentAfter <= 160, `sent ${sentAfter} ms after the last key`);
    const superseded = h.engine.log.all().filter((r) => r.abortReason === 'superseded');
    // Calls before the first token joined the first stream; after it contradicted the typing, each
    // call waited and was replaced by the next key.
    assert.ok(superseded.length >= 5, `each replaced request left a record (${superseded.length})`);
    assert.ok(superseded.every((r) => r.sentAt === undefined), 'and none was sent');
  });

  it('a request held in the throttle shows in the status as waiting, and the status tells its listeners', async () => {
    const h = new EngineHarness(UNRELATED, THROTTLE_ONLY);
    const states: string[] = [];
    h.engine.onDidChangeStatus((status) => states.push(status.state));
    await typeBurst(h, LINE, 'computeTot', 100);
    assert.equal(h.engine.currentStatus().state, 'waiting', 'the last key\'s request waits in the throttle');
    assert.ok(states.includes('waiting'), `the status bar was told: ${states.join(', ')}`);
    await h.clock.advance(300);
    assert.notEqual(h.engine.currentStatus().state, 'waiting');
  });

  it('no wait at the start of a line', async () => {
    const h = new EngineHarness(UNRELATED, THROTTLE_ONLY);
    const state = await typeBurst(h, LINE, 'abcdef', 100);
    const sent = h.requests.length;
    const newLine = h.key({ ...typed(state, ';\n  '), suffix: '\n' });
    await h.clock.advance(50);
    h.ask(newLine);
    await h.clock.flush();
    assert.equal(h.requests.length, sent + 1, 'the call after Enter went out at once');
    assert.equal(h.requests[sent].startedAt, h.clock.now());
  });

  it('no wait on the first keystroke after a pause', async () => {
    const h = new EngineHarness(UNRELATED, THROTTLE_ONLY);
    await typeBurst(h, LINE, 'abcdef', 100);
    await h.clock.advance(3000);
    const before = h.requests.length;
    const state = h.key(typed(typed(LINE, 'abcdef'), 'g'));
    await h.clock.advance(50);
    h.ask(state);
    await h.clock.flush();
    assert.equal(h.requests.length, before + 1);
  });

  it('the key that contradicts the suggestion on screen asks at once; the next key of the burst waits again', async () => {
    // Rill's whole strategy: the back-off stays out of it (one contradiction is no streak).
    const h = new EngineHarness((_request, index) => ({ ...WHOLE_LINES, text: index === 0 ? 'computeTotal(items);\n' : 'zzz;\n' }));
    assert.equal((await h.answer(LINE))?.insertText, 'computeTotal(items);');
    await h.drain();
    // Typed through in a burst: answered from the session, the rhythm learnt.
    let state = await typeBurst(h, LINE, 'comp', 100);
    const sent = () => h.demandRequests().length;
    assert.equal(sent(), 1);
    state = h.key(typed(state, 'x'));
    await h.clock.advance(50);
    const contradicting = h.ask(state);
    await h.clock.flush();
    assert.equal(sent(), 2, 'the call after the contradicting key went out at once');
    assert.equal(h.demandRequests()[1].sentAt, h.clock.now());
    await h.clock.advance(50);
    contradicting.cancel();
    state = h.key(typed(state, 'y'));
    await h.clock.advance(50);
    h.ask(state);
    await h.clock.flush();
    assert.equal(sent(), 2, 'the next key in the burst (nothing on screen to contradict) is held by the rhythm');
    await h.clock.advance(300);
    assert.equal(sent(), 3, 'and sent once the burst ended');
  });

  it('never delays an answer a session has', async () => {
    const h = new EngineHarness(() => ({ ...WHOLE_LINES, text: 'computeTotal(items);\n' }));
    const first = await h.answer(LINE);
    assert.equal(first?.insertText, 'computeTotal(items);');
    const state = await typeBurst(h, LINE, 'compu', 100);
    const start = h.clock.now();
    const answer = await h.answer(state);
    assert.equal(h.clock.now(), start);
    assert.equal(answer?.insertText, 'teTotal(items);');
  });

  it('follows the typist\'s rhythm and is capped by the backend\'s latency', () => {
    const throttle = new AdaptiveThrottle();
    for (let t = 0; t <= 2000; t += 200) throttle.noteKeystroke(t);
    assert.ok(Math.abs(throttle.typicalIntervalMs - 200) < 30, `${throttle.typicalIntervalMs}`);
    const delay = throttle.delayMs({ now: 2050, atLineStart: false, capMs: 1000 });
    assert.ok(delay > 200 && delay < 260, `${delay}`);
    assert.equal(throttle.delayMs({ now: 2050, atLineStart: false, capMs: 100 }), 100);
    assert.equal(throttle.delayMs({ now: 2050, atLineStart: true, capMs: 1000 }), 0);
  });
});

describe('completion engine: naive strategies built from the same engine', () => {
  it('per keystroke: a request at every call, each aborted by the next keystroke', async () => {
    const h = new EngineHarness(UNRELATED, { strategy: perKeystrokeStrategy() });
    await typeBurst(h, LINE, 'abcd', 100);
    assert.equal(h.requests.length, 4);
    assert.equal(h.requests.slice(0, 3).filter((r) => r.abortedAt !== undefined).length, 3);
  });

  it('fixed debounce: waits 350 ms on every call', async () => {
    const h = new EngineHarness(UNRELATED, { strategy: debounceStrategy(350) });
    await typeBurst(h, LINE, 'abcd', 100);
    assert.equal(h.requests.length, 0);
    await h.clock.advance(400);
    assert.equal(h.requests.length, 1);
  });
});
