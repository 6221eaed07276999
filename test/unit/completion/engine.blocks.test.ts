import assert from 'node:assert/strict';
import { doc, typed } from './helpers/fixture';
import { EngineHarness, WHOLE_LINES } from './helpers/harness';
import { adaptiveStrategy } from '../../../src/completion/strategies';
import type { CompletionAnswer } from '../../../src/completion/types';
import { tokens } from './helpers/scriptedProvider';

const FAST = WHOLE_LINES;
const AT_LINE_END = doc('function f(a) {\n  const b = a * 2;█\n}\n');
const BLOCK = '\n  const c = b + 1;\n  log(c);\n  return c;\n}\n\nfunction g() {}\n';

describe('completion engine: block-sized suggestions, one stream per block', () => {
  it('at the end of a line the suggestion is the rest of the block: its first line at once, then it grows', async () => {
    const h = new EngineHarness(() => ({ ...FAST, text: BLOCK }));
    const first = await h.answer(AT_LINE_END);
    assert.equal(first?.insertText, '\n  const c = b + 1;', 'a suggestion that starts with a line break is shown from its first line');
    assert.equal(first?.final, false);
    await h.drain();
    const last = await h.answer(AT_LINE_END);
    assert.equal(last?.insertText, '\n  const c = b + 1;\n  log(c);\n  return c;', 'the whole block, up to its end');
    assert.equal(last?.final, true);
    assert.ok(h.grows >= 2, `grown as lines arrived (${h.grows} growths)`);
    assert.equal(h.demandRequests().length, 1);
  });

  it('the latency the status bar shows is keystroke to first ghost text; the block growing later does not change it', async () => {
    const h = new EngineHarness(() => ({ ...FAST, text: BLOCK }));
    h.key(AT_LINE_END);
    const keyAt = h.clock.now();
    await h.answer(AT_LINE_END);
    const first = h.engine.currentStatus().lastLatencyMs;
    assert.ok(first !== undefined && first === h.clock.now() - keyAt, `${first}`);
    await h.drain();
    assert.ok(h.clock.now() > keyAt + (first ?? 0), 'the stream went on after the first answer');
    const grown = await h.answer(AT_LINE_END);
    assert.equal(grown?.final, true);
    assert.equal(h.engine.currentStatus().lastLatencyMs, first, 'a growth is not a new keystroke-to-ghost time');
  });

  it('a user who types past the lines a live stream may give gets a new request at once, not a wait for that stream', async () => {
    // A slow stream with a one-line budget: the user writes its line by hand and presses Enter
    // before the line has streamed.
    const slow = { ttftMs: 100, msPerToken: 200, text: ' = a + 1;\n  next();\n' };
    const h = new EngineHarness(() => slow, { strategy: { ...adaptiveStrategy(), budgets: { maxLines: 1 } } });
    const start = doc('function f(a) {\n  const b█\n}\n');
    void h.ask(start).result;
    await h.clock.advance(150);
    assert.equal(h.requests.length, 1);
    const state = [' = a + 1;', '\n  '].reduce((s, text) => h.key(typed(s, text)), start);
    const asked = h.ask(state).result;
    await h.clock.advance(10);
    assert.equal(h.requests.length, 2, 'the second request left at once');
    assert.equal(h.requests[0]!.ended, false, 'before the first stream had ended');
    await h.clock.settle(asked, 5000);
  });

  it('mid-line stays single-line', async () => {
    const h = new EngineHarness(() => ({ ...FAST, text: 'a, b)\n  more();\n' }));
    const answer = await h.answer(doc('function f() {\n  call(█);\n}\n'));
    assert.equal(answer?.insertText, 'a, b');
    assert.equal(answer?.final, true);
  });

  it('Enter at the end of a line is type-through: the same stream serves the next line at once', async () => {
    const h = new EngineHarness(() => ({ ...FAST, text: BLOCK }));
    await h.answer(AT_LINE_END);
    // The user presses Enter (the editor indents the new line as the model does) and types the line.
    let state = h.key(typed(AT_LINE_END, '\n  '));
    const start = h.clock.now();
    const next = await h.answer(state);
    assert.equal(h.clock.now(), start, 'answered without waiting');
    assert.equal(next?.insertText, 'const c = b + 1;');
    assert.equal(next?.source, 'session');
    for (const ch of 'const c = b + 1;') state = h.key(typed(state, ch));
    state = h.key(typed(state, '\n  '));
    const third = await h.answer(state);
    assert.equal(third?.insertText, 'log(c);');
    assert.equal(h.demandRequests().length, 1, 'one request for the whole block');
    assert.equal(h.requests[0].abortedAt === undefined || h.engine.log.all()[0].outcome === 'stopped', true, 'the stream was not aborted by Enter');
  });

  it('Enter where the editor indents otherwise than the model: the answer re-indents the line', async () => {
    const h = new EngineHarness(() => ({ ...FAST, text: BLOCK }));
    await h.answer(AT_LINE_END);
    // Deeper than the model (4 spaces instead of 2): the answer covers the editor's indentation.
    const deeper = h.key(typed(AT_LINE_END, '\n    '));
    const answer = await h.answer(deeper);
    assert.deepEqual([answer?.insertText, answer?.replaceBefore], ['  const c = b + 1;', 4]);
    // No indentation at all: the model's indentation is simply ghost text.
    const none = h.key(typed(AT_LINE_END, '\n'));
    const flat = await h.answer(none);
    assert.deepEqual([flat?.insertText, flat?.replaceBefore], ['  const c = b + 1;', 0]);
    // Typing on in the editor's indentation is still type-through.
    const on = h.key(typed(deeper, 'const c'));
    const rest = await h.answer(on);
    assert.deepEqual([rest?.insertText, rest?.replaceBefore], [' = b + 1;', 0]);
    assert.equal(h.demandRequests().length, 1);
    assert.equal(h.requests[0].abortedAt, undefined, 'Enter and the indentation contradict nothing');
  });

  it('Tab accepts the block while it streams; the rest follows from the same stream', async () => {
    const h = new EngineHarness(() => ({ ...FAST, text: BLOCK }));
    const first = await h.answer(AT_LINE_END);
    h.engine.accepted(first!.sessionId);
    const afterTab = h.key(typed(AT_LINE_END, first!.insertText));
    const next = await h.answer(afterTab);
    assert.ok(next && '\n  log(c);'.startsWith(next.insertText) && next.insertText.includes('log'), JSON.stringify(next?.insertText));
    assert.equal(next?.source, 'session');
    assert.equal(h.demandRequests().length, 1);
  });

  it('after Tab mid-stream, the editor\'s own call gets the next line\'s first words the moment they arrive', async () => {
    const h = new EngineHarness(() => ({ ...FAST, text: BLOCK }));
    const first = await h.answer(AT_LINE_END);
    // Tab as the first line completes: nothing of the next line yet.
    const afterTab = h.key(typed(AT_LINE_END, first!.insertText));
    h.engine.accepted(first!.sessionId);
    const grows = h.grows;
    // The editor asks for the state Tab made (after its own delay); the call waits for the stream.
    const got: { answer?: CompletionAnswer; grows?: number } = {};
    void h.ask(afterTab).result.then((answer) => Object.assign(got, { answer, grows: h.grows }));
    await h.clock.advance(40);
    assert.equal(got.grows, undefined, 'nothing to show yet');
    await h.clock.advance(200);
    assert.ok(got.answer?.insertText.includes('log'), JSON.stringify(got.answer));
    // No growth before: VS Code would only start its delay over (an explicit trigger while its call
    // for an edit is pending is delayed too). The line shown may grow afterwards, as any does.
    assert.equal(got.grows, grows);
  });

  it('automatic completion off: after Tab on an Alt+\\ suggestion mid-stream, the editor\'s own call still gets the rest of that stream, and starts nothing', async () => {
    const h = new EngineHarness(() => ({ ...FAST, text: BLOCK }), { enablement: { enabled: false, languages: {} } });
    assert.equal(await h.answer(AT_LINE_END), undefined, 'off: the automatic call gets nothing');
    const first = await h.answer(AT_LINE_END, 'explicit');
    assert.equal(first?.insertText, '\n  const c = b + 1;');
    const afterTab = h.key(typed(AT_LINE_END, first!.insertText));
    h.engine.accepted(first!.sessionId);
    const next = await h.answer(afterTab);
    assert.ok(next && '\n  log(c);'.startsWith(next.insertText) && next.insertText.includes('log'), JSON.stringify(next));
    assert.equal(h.requests.length, 1, 'the one explicit request');
    // Elsewhere, off stays off: no stream the user follows, no answer, no request.
    assert.equal(await h.answer(doc('const x = █\n')), undefined);
    assert.equal(h.requests.length, 1);
  });

  it('after Tab the next suggestion is already there: the editor\'s own call gets it at once, from the prefetch', async () => {
    // The block ended; its after-accept prefetch has the next block ready.
    const file = 'function f(a) {\n  const b = a * 2;\n  const c = b + 1;\n  const d = c * 3;\n  return d;\n}\n';
    const h = new EngineHarness((request) => {
      const from = file.indexOf(request.prefix) + request.prefix.length;
      return { ...FAST, text: file.slice(from, file.indexOf('\n', file.indexOf('\n', from) + 1)) + '\n' };
    });
    const first = await h.answer(AT_LINE_END);
    await h.drain(1000);
    assert.equal(h.prefetches().length, 1, 'the state after Tab was asked for');
    const grows = h.grows;
    // Tab: the edit reaches the engine, then the item's command.
    const afterTab = h.key(typed(AT_LINE_END, first!.insertText));
    h.engine.accepted(first!.sessionId);
    assert.equal(h.grows, grows, 'no growth: the editor asks by itself, and a trigger would not make it sooner');
    const start = h.clock.now();
    const next = await h.answer(afterTab);
    assert.equal(h.clock.now(), start);
    assert.equal(next?.sessionId, h.prefetches()[0].id);
  });

  it('a contradicting key closes the stream as aborted (diverged); a rule ending the block closes it as stopped', async () => {
    const h = new EngineHarness(() => ({ ...FAST, text: BLOCK }));
    await h.answer(AT_LINE_END);
    h.key(typed(AT_LINE_END, '\n  if'));
    const aborted = h.engine.log.all()[0];
    assert.deepEqual([aborted.outcome, aborted.abortReason], ['aborted', 'diverged']);
    assert.ok(h.requests[0].abortedAt !== undefined, 'its socket closed at the key');

    const other = new EngineHarness(() => ({ ...FAST, text: BLOCK }));
    await other.answer(AT_LINE_END);
    await other.drain();
    await other.answer(AT_LINE_END);
    const stopped = other.engine.log.all()[0];
    assert.equal(stopped.outcome, 'stopped');
    assert.equal(stopped.abortReason, undefined);
    const sent = other.requests[0].tokensSent;
    assert.ok(other.requests[0].abortedAt !== undefined && sent <= tokens(BLOCK.slice(0, BLOCK.indexOf('}\n') + 2)).length, `the socket closed at the block end (${sent} tokens sent)`);
  });

  it('stop vs abort accounting: a stopped block wastes only what arrived after its end; an aborted one what the user never got', async () => {
    const h = new EngineHarness(() => ({ ...FAST, text: '\n  return b;\n}\n\nfunction g() {}\n' }));
    await h.answer(AT_LINE_END);
    await h.drain();
    const final = await h.answer(AT_LINE_END);
    assert.equal(final?.insertText, '\n  return b;');
    const stopped = h.engine.log.all()[0];
    assert.equal(stopped.outcome, 'stopped');
    assert.equal(stopped.charsUsed, '\n  return b;'.length, 'the whole block reached the user');
    // What arrived past the block's end before the socket closed: the `}` line the suffix has.
    assert.equal(stopped.charsOut - stopped.charsUsed, '\n}\n'.length);
    assert.ok(stopped.tokensWasted > 0 && stopped.tokensWasted <= 3, `${stopped.tokensWasted} of ${stopped.tokensOut} tokens wasted`);

    const a = new EngineHarness(() => ({ ...FAST, text: BLOCK }));
    await a.answer(AT_LINE_END);
    a.key(typed(AT_LINE_END, '\n  if'));
    const aborted = a.engine.log.all()[0];
    assert.equal(aborted.outcome, 'aborted');
    assert.equal(aborted.charsUsed, '\n  const c = b + 1;'.length, 'only the line that was shown reached the user');
    assert.ok(aborted.tokensWasted >= 1 && aborted.tokensWasted < aborted.tokensOut);
  });
});
