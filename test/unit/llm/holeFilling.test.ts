import * as assert from 'node:assert/strict';
import { HOLE, holeFillingRequest, withoutFences, withoutRepeatedLine } from '../../../src/llm/holeFilling';
import type { StreamEvent } from '../../../src/llm/types';

async function* events(chunks: string[]): AsyncGenerator<StreamEvent> {
  for (const text of chunks) yield { type: 'text', text };
  yield { type: 'end', finishReason: 'stop' };
}

async function cleaned(chunks: string[]): Promise<{ text: string; ends: string[] }> {
  let text = '';
  const ends: string[] = [];
  for await (const e of withoutFences(events(chunks))) {
    if (e.type === 'text') text += e.text;
    if (e.type === 'end') ends.push(e.finishReason);
  }
  return { text, ends };
}

describe('hole-filling prompt', () => {
  it('puts the marker at the cursor, with path, language and snippets', () => {
    const r = holeFillingRequest({ kind: 'fim', prefix: 'def add(a, b):\n    ', suffix: '\n\nprint(1)', path: 'm.py', language: 'python', snippets: [{ path: 'u.py', text: 'X = 1' }], maxTokens: 64 });
    const user = r.messages[1]?.content ?? '';
    assert.ok(user.includes(`def add(a, b):\n    ${HOLE}\n\nprint(1)`));
    assert.ok(user.includes('File: m.py (python)'));
    assert.ok(user.includes('Context from u.py:\nX = 1'));
    assert.equal(r.messages[0]?.role, 'system');
    assert.equal(r.maxTokens, 64);
  });
});

describe('withoutFences', () => {
  const cases: [string, string[], string][] = [
    ['plain text passes through', ['return a', ' + b'], 'return a + b'],
    ['an opening fence with language is dropped', ['```py', 'thon\nreturn a + b\n', '```'], 'return a + b'],
    ['the closing fence ends the answer', ['```\nx = 1\n```\nExplanation: …'], 'x = 1'],
    ['a fence split across chunks', ['`', '``ts\nlet a', ' = 1;\n`', '`', '`'], 'let a = 1;'],
    ['backticks inside code are kept', ['const s = `a`;\nconst t = 1;'], 'const s = `a`;\nconst t = 1;'],
    ['a trailing newline is kept at the end', ['a\n'], 'a\n'],
    ['short answers survive', ['x'], 'x'],
  ];
  for (const [name, chunks, expected] of cases) {
    it(name, async () => {
      const { text, ends } = await cleaned(chunks);
      assert.equal(text, expected);
      assert.equal(ends.length, 1);
    });
  }
});

describe('withoutRepeatedLine', () => {
  async function answer(prefix: string, chunks: string[]): Promise<string> {
    let text = '';
    for await (const e of withoutRepeatedLine(events(chunks), prefix)) if (e.type === 'text') text += e.text;
    return text;
  }
  const cases: [string, string, string[], string][] = [
    ['the line repeated whole is dropped', 'x = 1\nconst total = ', ['const total', ' = sum(values);'], 'sum(values);'],
    ['repeated without its indentation', 'def f(a):\n    return ', ['return a', ' * 2'], 'a * 2'],
    ['repeated with its indentation', 'def f(a):\n    return ', ['    return a * 2'], 'a * 2'],
    ['a word begun on the line, repeated whole, keeps only its rest', 'def f(a):\n    ret', ['return a'], 'urn a'],
    ['an answer that only continues the line passes as it came', 'const total = ', ['sum', '(values);'], 'sum(values);'],
    ['an answer that starts like the line but goes elsewhere is kept', 'const total = ', ['const', 'ant'], 'constant'],
    ['the next line after a line break is not a repeat', 'print(a)', ['\nprint(a)'], '\nprint(a)'],
    ['a line of one character is no evidence', 'x', ['x + 1'], 'x + 1'],
    ['an answer shorter than the line, ended, is kept', 'const total = ', ['const'], 'const'],
  ];
  for (const [name, prefix, chunks, expected] of cases) {
    it(name, async () => assert.equal(await answer(prefix, chunks), expected));
  }
});
