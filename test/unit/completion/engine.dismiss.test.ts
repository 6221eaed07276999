import assert from 'node:assert/strict';
import { blockPrefetchStrategy } from '../../../src/completion/strategies';
import { doc, typed } from './helpers/fixture';
import { EngineHarness, WHOLE_LINES } from './helpers/harness';

// Esc on ghost text (the editor's command calls engine.dismissed()): the stream behind it ends and
// its text is forgotten, nothing grows back or comes back at that state unless asked for, the
// prefetch made for accepting it goes too; and it is no verdict on the model (no back-off).
const BLOCK_AT = doc('function f(a) {\n  █\n}\n');
const BLOCK = 'const b = a * 2;\n  const c = b + 1;\n  log(c);\n  return c;\n}\n';
/** A line every ~150 ms after the first: the block is still streaming long after its first line shows. */
const SLOW = { ttftMs: 100, msPerToken: 40 };

describe('completion engine: Esc dismisses the ghost text', () => {
  it('the stream ends, it does not grow back, and only Alt+\\ shows a suggestion there again', async () => {
    const h = new EngineHarness(() => ({ ...SLOW, text: BLOCK }));
    const first = await h.answer(BLOCK_AT);
    assert.ok(first && first.insertText !== '' && BLOCK.startsWith(first.insertText), `the block shows while it streams: ${JSON.stringify(first?.insertText)}`);
    assert.equal(h.engine.log.all()[0].outcome, 'streaming');
    const grows = h.grows;

    h.engine.dismissed();
    const record = h.engine.log.all()[0];
    assert.equal(record.outcome, 'aborted');
    assert.equal(record.abortReason, 'dismissed');
    assert.ok((record.tokensOut ?? 0) < 20, `the stream ended early (${record.tokensOut} tokens)`);
    await h.drain();
    assert.equal(h.grows, grows, 'no growth asks the editor to show it again');
    assert.equal(await h.answer(BLOCK_AT), undefined, "the editor's own call at the same state gets nothing");
    assert.equal(h.requests.length, 1, 'and sends nothing');
    // A growth's re-query is an explicit call too: it gets nothing.
    assert.equal(await h.answer(BLOCK_AT, 'explicit'), undefined, 'a re-query gets nothing');
    assert.equal(h.requests.length, 1);
    // Alt+\\: a new request, not the dismissed stream's partial text.
    h.engine.userAsked();
    const asked = await h.answer(BLOCK_AT, 'explicit');
    assert.equal(h.requests.length, 2);
    assert.ok(asked && asked.insertText !== '' && BLOCK.startsWith(asked.insertText), `Alt+\\ shows a suggestion again: ${JSON.stringify(asked?.insertText)}`);
  });

  it('a call under way when Esc comes returns nothing', async () => {
    // The first line is slow to complete: the call waits for it.
    const h = new EngineHarness(() => ({ ttftMs: 100, msPerToken: 40, text: BLOCK }));
    const shown = await h.answer(BLOCK_AT);
    assert.ok(shown);
    const regrow = h.ask(BLOCK_AT, 'explicit');
    h.engine.dismissed();
    assert.equal(await h.clock.settle(regrow.result, 10_000), undefined);
  });

  it('a cursor that moves away and back: suggestions come there again', async () => {
    const h = new EngineHarness(() => ({ ...WHOLE_LINES, text: BLOCK }));
    await h.answer(BLOCK_AT);
    h.engine.dismissed();
    h.engine.observe(doc('function f(a) {\n  \n}█\n'), false);
    h.engine.observe(BLOCK_AT, false);
    const again = await h.answer(BLOCK_AT);
    assert.ok(again && again.insertText !== '' && BLOCK.startsWith(again.insertText), JSON.stringify(again?.insertText));
    assert.equal(h.requests.length, 2, 'a new request: the dismissed text was forgotten');
  });

  it('once the user moves on, suggestions come again', async () => {
    const h = new EngineHarness((_r, i) => ({ ...WHOLE_LINES, text: i === 0 ? BLOCK : 'x = 1;\n' }));
    await h.answer(BLOCK_AT);
    h.engine.dismissed();
    const next = h.key(typed(BLOCK_AT, 'let '));
    const answer = await h.answer(next);
    assert.equal(answer?.insertText, 'x = 1;', 'a key the dismissed text did not show: a new request');
  });

  it('the prefetch made for accepting the dismissed suggestion is aborted too', async () => {
    // The suggestion is one line and ends at once; the state after it is asked for (slowly).
    const h = new EngineHarness((_r, i) => (i === 0 ? { ...WHOLE_LINES, text: 'return a;\n}\n' } : { ttftMs: 2000, msPerToken: 40, text: 'unused();\n' }));
    await h.answer(doc('function f(a) {\n  █\n}\n'));
    await h.clock.advance(500);
    assert.deepEqual(h.prefetches().map((r) => r.outcome), ['streaming'], 'the after-accept request is on its way');
    h.engine.dismissed();
    assert.deepEqual(h.prefetches().map((r) => [r.outcome, r.abortReason]), [['aborted', 'dismissed']]);
  });

  it('dismissals are no verdict on the model: after three in a row, a new line still asks at once, for a whole block', async () => {
    // A user who clears the view with Esc after reading each suggestion (the growth bench does).
    const h = new EngineHarness(() => ({ ...WHOLE_LINES, text: BLOCK }));
    for (const n of [1, 2, 3]) {
      const state = doc(`function f${n}(a) {\n  █\n}\n`, { uri: `file:///work/f${n}.ts`, path: `f${n}.ts` });
      h.key(state);
      await h.answer(state);
      await h.drain();
      h.engine.dismissed();
    }
    const next = h.key(doc('function g(a) {\n  █\n}\n', { uri: 'file:///work/g.ts', path: 'g.ts' }));
    const before = h.requests.length;
    await h.clock.advance(50);
    const asked = h.ask(next);
    await h.clock.flush();
    assert.equal(h.requests.length, before + 1, 'not backed off: the call after the key asked at once');
    await h.clock.settle(asked.result, 10_000);
    await h.drain();
    const answer = await h.answer(next);
    assert.equal(answer?.insertText.split('\n').length, 4, `the whole block: ${JSON.stringify(answer?.insertText)}`);
  });

  it("a peer's stream that always runs to its end (block prefetch) is not cut by Esc", async () => {
    const h = new EngineHarness(() => ({ ...SLOW, text: BLOCK }), { strategy: blockPrefetchStrategy() });
    h.ask(BLOCK_AT);
    await h.clock.advance(400);
    h.engine.dismissed();
    await h.drain();
    assert.notEqual(h.engine.log.all()[0].outcome, 'aborted');
  });
});
