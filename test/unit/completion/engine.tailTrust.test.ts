import assert from 'node:assert/strict';
import { debounceStrategy } from '../../../src/completion/strategies';
import { backspaced, doc, typed } from './helpers/fixture';
import { EngineHarness } from './helpers/harness';
import type { FimRequest } from '../../../src/llm/types';

const FAST = { ttftMs: 150, msPerToken: 10 };
const AT_LINE_END = doc('function f(a) {\n  const b = a * 2;█\n}\n');
const TRUE_TEXT = '\n  const c = b + 1;\n  log(c);\n  return c;\n}\n';
const FILE = AT_LINE_END.prefix + TRUE_TEXT;

/** Right about the next line, wrong about every line after it (as the bench's first-line model). */
function firstLineRight(request: FimRequest) {
  const from = FILE.indexOf(request.prefix) + request.prefix.length;
  const content = FILE.slice(from).search(/\S/);
  const lineEnd = FILE.indexOf('\n', from + Math.max(0, content));
  return { ...FAST, text: `${FILE.slice(from, lineEnd)}\n  wrong(1);\n  wrong(2);\n` };
}

/** Tab on `answer` at `state`: the edit reaches the engine, then the item's command. */
function tab(h: EngineHarness, state: typeof AT_LINE_END, answer: { insertText: string; sessionId: number }) {
  const after = h.key(typed(state, answer.insertText));
  h.engine.accepted(answer.sessionId);
  return after;
}

describe('completion engine: lines deleted after a Tab', () => {
  it('the deleted text is not offered again, and the next suggestions stop at their first line', async () => {
    const h = new EngineHarness(firstLineRight);
    await h.answer(AT_LINE_END);
    await h.drain(2000);
    const block = await h.answer(AT_LINE_END);
    assert.equal(block?.insertText, '\n  const c = b + 1;\n  wrong(1);\n  wrong(2);');
    const after = tab(h, AT_LINE_END, block!);
    // The user selects the wrong lines and deletes them.
    const deleted = h.key(backspaced(after, '\n  wrong(1);\n  wrong(2);'.length));
    const next = await h.answer(deleted);
    assert.notEqual(next?.sessionId, block!.sessionId, 'the deleted suggestion is not shown again');
    await h.drain(2000);
    const fresh = await h.answer(deleted);
    assert.equal(fresh?.insertText, '\n  log(c);', 'one line: the lines after it were wrong last time');
    assert.equal(h.demandRequests().length, 2);
  });

  it('a block whose lines are kept leaves blocks on; the naive strategies never learn it', async () => {
    const kept = new EngineHarness(firstLineRight);
    await kept.answer(AT_LINE_END);
    await kept.drain(2000);
    const block = await kept.answer(AT_LINE_END);
    const after = tab(kept, AT_LINE_END, block!);
    const on = kept.key(typed(after, '\n  '));
    await kept.drain(2000);
    const next = await kept.answer(on);
    assert.ok(next && next.insertText.split('\n').length > 1, JSON.stringify(next?.insertText));

    const naive = new EngineHarness(firstLineRight, { strategy: debounceStrategy(350) });
    const first = await naive.answer(AT_LINE_END);
    await naive.drain(2000);
    const deleted = naive.key(backspaced(tab(naive, AT_LINE_END, first!), first!.insertText.length - '\n  const c = b + 1;'.length));
    const again = await naive.answer(deleted);
    await naive.drain(2000);
    const text = again?.insertText ?? (await naive.answer(deleted))?.insertText ?? '';
    assert.ok(text.split('\n').length > 1, `a baseline keeps its blocks: ${JSON.stringify(text)}`);
  });
});
