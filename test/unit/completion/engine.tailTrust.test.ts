import assert from 'node:assert/strict';
import { debounceStrategy } from '../../../src/completion/strategies';
import { backspaced, doc, typed } from './helpers/fixture';
import { EngineHarness } from './helpers/harness';
import type { FimRequest } from '../../../src/llm/types';

const FAST = { ttftMs: 150, msPerToken: 10 };
const AT_LINE_END = doc('function f(a) {\n  const b = a * 2;█\n}\n');
const TRUE_TEXT = '\n  const c = b + 1;\n  log(c);\n  return c;\n}\n';
const FILE = AT_LINE_END.prefix + TRUE_TEXT;

/** Right about the next line of `file`, wrong about every line after it (as the bench's first-line model). */
function firstLineRightIn(file: string, wrongLines = '\n  wrong(1);\n  wrong(2);\n') {
  return (request: FimRequest) => {
    const from = file.indexOf(request.prefix) + request.prefix.length;
    const content = file.slice(from).search(/\S/);
    const lineEnd = file.indexOf('\n', from + Math.max(0, content));
    return { ...FAST, text: `${file.slice(from, lineEnd)}${wrongLines}` };
  };
}
const firstLineRight = firstLineRightIn(FILE);

/** The suggestion at the end of AT_LINE_END once its stream has ended: asked, streamed whole, asked again. */
async function streamedBlock(h: EngineHarness) {
  await h.answer(AT_LINE_END);
  await h.drain(2000);
  return h.answer(AT_LINE_END);
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
    const block = await streamedBlock(h);
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

  it('a tail deleted but for the first character it shared with the right line, then typed over, holds suggestions to one line', async () => {
    const file = AT_LINE_END.prefix + '\n  const c = b + 1;\n  write(c);\n  log(c);\n  return c;\n}\n';
    // One wrong line after the right one: the wrong line is the block's last.
    const h = new EngineHarness(firstLineRightIn(file, '\n  wrong(1);\n'));
    const block = await streamedBlock(h);
    assert.equal(block?.insertText, '\n  const c = b + 1;\n  wrong(1);');
    const after = tab(h, AT_LINE_END, block!);
    // Backspace to the "w" of wrong(1) (write(c) starts with it too), then type the right line on.
    let state = h.key(backspaced(after, 'rong(1);'.length));
    for (const ch of 'rite(c);') state = h.key(typed(state, ch));
    await h.answer(state);
    await h.drain(2000);
    const next = await h.answer(state);
    assert.equal(next?.insertText, '\n  log(c);', 'one line: the block was not kept');
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

describe('completion engine: lines typed over after the first', () => {
  const START = doc('function g() {\n  let a = 0;█\n}\n');
  const TRUE = '\n  a += 1;\n  a += 2;\n  a += 3;\n  a += 4;\n  a += 5;\n  a += 6;\n  a += 7;\n  a += 8;\n  return a;\n}\n';
  const WHOLE = START.prefix + TRUE;
  const model = firstLineRightIn(WHOLE);
  const typeEach = (h: EngineHarness, state: typeof START, text: string) => [...text].reduce((s, ch) => h.key(typed(s, ch)), state);

  it('hold the next suggestions to their first line, and nothing is asked ahead for the state after such lines', async () => {
    const h = new EngineHarness(model);
    await h.answer(START);
    await h.drain(2000);
    const block = await h.answer(START);
    assert.equal(block?.insertText, '\n  a += 1;\n  wrong(1);\n  wrong(2);');
    assert.ok(h.requests.some((r) => (r.request as FimRequest).prefix.endsWith('wrong(2);')), 'before any verdict, the state after the block is asked ahead');
    // The user types the first line and the next line's start, then something else than wrong(1).
    let state = typeEach(h, START, '\n  a += 1;\n  a += 2;');
    // Four single-line Tabs; the fifth line was asked ahead while they were held to one line.
    for (const next of ['\n  a += 3;', '\n  a += 4;', '\n  a += 5;', '\n  a += 6;', '\n  a += 7;']) {
      await h.answer(state);
      await h.drain(2000);
      const line = await h.answer(state);
      assert.equal(line?.insertText, next, 'one line while the tails are not taken');
      state = tab(h, state, line!);
    }
    // Then a block is tried again, but the state after its lines is not asked ahead.
    await h.answer(state);
    await h.drain(2000);
    const again = await h.answer(state);
    assert.equal(again?.insertText, '\n  a += 8;\n  wrong(1);\n  wrong(2);');
    const after = h.requests.filter((r) => (r.request as FimRequest).prefix.endsWith('wrong(2);'));
    assert.equal(after.length, 1, 'only the first block\'s, before any verdict');
  });
});
