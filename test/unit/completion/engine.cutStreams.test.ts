import assert from 'node:assert/strict';
import { LlmError } from '../../../src/llm/errors';
import { doc, typed } from './helpers/fixture';
import { EngineHarness, WHOLE_LINES } from './helpers/harness';

// What the provider layer raises when a body ends without its end marker (issue 13 part 0).
const CUT = () => new LlmError('network', 'The connection to the server was closed before the answer was complete (the stream ended without its end marker). Try again.');
const BLOCK_AT = doc('function f(a) {\n  const b = a * 2;█\n}\n');

describe('completion engine: a cut stream is never offered as whole', () => {
  it('a line cut by a dropped connection shows nothing, and the status shows the error', async () => {
    // Its partial line would show at the cut-off (333 ms before the model is measured), had the
    // stream not failed just before.
    const h = new EngineHarness(() => ({ ttftMs: 100, msPerToken: 20, text: 'return computeTotal(items, options', error: CUT() }));
    const state = doc('function f(items, options) {\n  █\n}\n');
    assert.equal(await h.answer(state), undefined);
    const status = h.engine.currentStatus();
    assert.equal(status.state, 'error');
    assert.equal(status.error?.kind, 'network');
    assert.match(status.error?.message ?? '', /closed before the answer was complete/);
    assert.equal(h.engine.log.all()[0].outcome, 'error');
  });

  it('a block cut after its first line was shown is withdrawn from the screen, and not offered again', async () => {
    // Later requests (once the pause after the error is over) get nothing to show.
    const h = new EngineHarness((_r, i) => (i === 0 ? { ...WHOLE_LINES, text: '\n  const c = b + 1;\n  return c', error: CUT() } : { text: '' }));
    let withdrawn = 0;
    h.engine.onDidWithdraw(() => withdrawn++);
    const first = await h.answer(BLOCK_AT);
    assert.equal(first?.insertText, '\n  const c = b + 1;', 'the first line showed while the stream ran');
    await h.drain();
    assert.equal(withdrawn, 1, 'the editor is told to hide the cut suggestion');
    assert.equal(await h.answer(BLOCK_AT), undefined, 'asked again, the cut block is not offered');
    // Typing through what had been shown finds nothing either.
    const state = h.key(typed(BLOCK_AT, '\n  const'));
    assert.equal(await h.answer(state), undefined);
    assert.ok(h.engine.log.all().every((r) => r.id === first!.sessionId || r.shownAt === undefined));
  });

  it('an error event after a few tokens: nothing of them is shown', async () => {
    const h = new EngineHarness(() => ({ ttftMs: 100, msPerToken: 20, text: 'Hello from', error: new LlmError('server', 'The server stopped the answer with an error: out of memory.') }));
    assert.equal(await h.answer(doc('greeting = █\n')), undefined);
    assert.equal(h.engine.currentStatus().error?.kind, 'server');
  });

  it('a block that ended (a rule stopped it) before the connection dropped stays whole', async () => {
    // The block ends at the dedent; the error comes after the rule closed the stream.
    const h = new EngineHarness(() => ({ ttftMs: 100, msPerToken: 20, text: '\n  return b;\n}\n\nfunction g() {', error: CUT() }));
    await h.answer(BLOCK_AT);
    await h.drain();
    const answer = await h.answer(BLOCK_AT);
    assert.equal(answer?.insertText, '\n  return b;');
    assert.equal(h.engine.log.all()[0].outcome, 'stopped');
    assert.notEqual(h.engine.currentStatus().state, 'error');
  });
});
