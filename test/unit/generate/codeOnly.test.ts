import * as assert from 'node:assert/strict';
import { CodeOnlyFilter, codeOnly, looksLikeProse } from '../../../src/generate/codeOnly';

/** Feeds `chunks` one by one; returns what was emitted after each, the final text and `done`. */
function run(chunks: readonly string[]): { steps: string[]; text: string; done: boolean } {
  const filter = new CodeOnlyFilter();
  const steps = chunks.map((c) => filter.push(c));
  const doneBeforeFinish = filter.done;
  const rest = filter.finish();
  return { steps: [...steps, rest], text: [...steps, rest].join(''), done: doneBeforeFinish };
}

/** Every way of cutting `text` into two chunks, plus one chunk per character. */
function chunkings(text: string): string[][] {
  const out: string[][] = [[text], [...text]];
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  return out;
}

describe('CodeOnlyFilter: what reaches the editor', () => {
  const cases: Array<[string, string, string]> = [
    ['code without a fence passes as is', 'const a = 1;\nconst b = 2;', 'const a = 1;\nconst b = 2;'],
    ['the opening fence with its language is dropped', '```ts\nconst a = 1;\n```', 'const a = 1;'],
    ['prose after the closing fence never lands', '```py\nx = 1\n```\nThis sets x.\nIt is short.', 'x = 1'],
    ['a second block soon after the first lands too, one blank line after it, the prose between dropped', '```py\nx = 1\n```\nThis sets x.\n```py\ny = 2\n```', 'x = 1\n\ny = 2'],
    [
      'the helper and its caller in two blocks both land',
      'First the helper:\n```ts\nfunction helperOne() {\n  return 1;\n}\n```\nThen the caller:\n```ts\nfunction callerTwo() { return helperOne() + 1 }\n```\nBoth are needed.',
      'function helperOne() {\n  return 1;\n}\n\nfunction callerTwo() { return helperOne() + 1 }',
    ],
    ['blank lines that end a block or start the next leave one blank line between them', '```\na\n\n\n```\n\nAnd:\n\n```\n\nb\n```', 'a\n\nb'],
    ['three blocks', '```\na\n```\n```\nb\n```\nLast:\n~~~\nc\n~~~', 'a\n\nb\n\nc'],
    ['an empty block adds no blank line', '```\n```\nNow the code:\n```\na\n```', 'a'],
    ['prose before a fence is dropped', 'Here is the function you asked for:\n\n```js\nfunction f() {}\n```\n', 'function f() {}'],
    ['a preamble before unfenced code is dropped', 'Sure! Here is the updated `add` function:\ndef add(a, b):\n    return a + b', 'def add(a, b):\n    return a + b'],
    ['tilde fences work too', '~~~\nlet x;\n~~~', 'let x;'],
    ['a longer fence is closed only by one at least as long', '````md\n```ts\nx\n```\n````\ntail', '```ts\nx\n```'],
    ['an info string with words is still an opening fence', '```typescript title="a.ts"\nlet a;\n```', 'let a;'],
    ['leading and trailing blank lines are dropped, inner ones kept', '```\n\n\na\n\nb\n\n\n```', 'a\n\nb'],
    ['no trailing newline: the text ends where the code ends', 'a\nb\n', 'a\nb'],
    ['CRLF line ends are read as lines', '```ts\r\nlet a;\r\nlet b;\r\n```\r\n', 'let a;\nlet b;'],
    ['indentation inside the fence is kept', '```py\n    if x:\n        y()\n```', '    if x:\n        y()'],
    ['a stray closing fence after unfenced code ends it', 'x = 1\n```\nExplanation.', 'x = 1'],
    ['an answer that is only prose is kept (a docstring, a paragraph)', 'Returns the sum of two numbers.', 'Returns the sum of two numbers.'],
    ['a last line without a newline is kept', '```\na\nb', 'a\nb'],
    ['an unclosed fence keeps everything after it', '```ts\nconst a = 1;', 'const a = 1;'],
    ['a Python block without a fence keeps its first line (a keyword line is no preamble)', 'for item in items:\n    total += item\nreturn total', 'for item in items:\n    total += item\nreturn total'],
    ['a preamble full of markdown before a fence is dropped', 'The passage that shares the most words with your message (*subtotal*, *line*, *total*) is `src/ux.ts`, lines 1-6:\n```ts\nconst x = 1;\n```', 'const x = 1;'],
    ['closing words after code without a fence are dropped', 'You can write it like this:\nfunction plain(x: number) {\n  return x;\n}\nHope that helps!', 'function plain(x: number) {\n  return x;\n}'],
    ['several closing lines after unfenced code, with blank lines, are dropped', 'a = 1\n\nThis sets a to one.\n\nLet me know if you need more.\n', 'a = 1'],
    ['closing words before a stray closing fence are dropped', 'x = 1\nThat is all you need.\n```\nMore.', 'x = 1'],
    ['a docstring sentence inside unfenced code is kept', 'def f(x):\n    """\n    Returns the total of the items.\n    """\n    return x', 'def f(x):\n    """\n    Returns the total of the items.\n    """\n    return x'],
    ['a sentence between code lines is kept with its blank lines', 'a();\n\nThis is a sentence line.\nAnd this is another one.\n\nb();', 'a();\n\nThis is a sentence line.\nAnd this is another one.\n\nb();'],
    ['nothing at all', '', ''],
    ['only a fence', '```ts\n```', ''],
  ];
  for (const [name, answer, expected] of cases) {
    it(name, () => {
      for (const chunks of chunkings(answer)) {
        assert.equal(run(chunks).text, expected, `chunked as ${JSON.stringify(chunks)}`);
      }
    });
  }

  it('after a closing fence, reads at most six lines of prose looking for another block, then is done', () => {
    const filter = new CodeOnlyFilter();
    assert.equal(filter.push('```ts\nlet a;\n```\n'), 'let a;');
    assert.equal(filter.done, false, 'another block may follow');
    for (let i = 1; i <= 6; i++) {
      assert.equal(filter.push(`This is line ${i} of the explanation.\n\n`), '');
      assert.equal(filter.done, false, `done after ${i} lines`);
    }
    assert.equal(filter.push('This is line 7 of the explanation.\n'), '');
    assert.equal(filter.done, true);
    assert.equal(filter.push('```ts\nlet b;\n```\n'), '', 'a block past the bound is never read');
    assert.equal(filter.finish(), '');
  });

  it('a block within six lines of prose after the last one still lands', () => {
    const prose = Array.from({ length: 6 }, (_, i) => `Sentence ${i}.`).join('\n');
    assert.equal(run([`\`\`\`\na\n\`\`\`\n${prose}\n\`\`\`\nb\n\`\`\``]).text, 'a\n\nb');
    const tooMuch = Array.from({ length: 7 }, (_, i) => `Sentence ${i}.`).join('\n');
    assert.equal(run([`\`\`\`\na\n\`\`\`\n${tooMuch}\n\`\`\`\nb\n\`\`\``]).text, 'a');
  });

  it('after a closing fence, reads at most 400 characters, even of a line that has not ended', () => {
    const filter = new CodeOnlyFilter();
    assert.equal(filter.push('```ts\nlet a;\n```\n'), 'let a;');
    filter.push(`${'word '.repeat(70)}`);
    assert.equal(filter.done, false);
    filter.push(`${'word '.repeat(20)}`);
    assert.equal(filter.done, true, 'a paragraph longer than 400 characters is an explanation');
    const long = run([`\`\`\`\na\n\`\`\`\n${'Some words here.\n'.repeat(4)}${'x'.repeat(340)}\n\`\`\`\nb\n\`\`\``]);
    assert.equal(long.text, 'a');
  });

  it('counts the code blocks it wrote', () => {
    const count = (answer: string) => {
      const filter = new CodeOnlyFilter();
      filter.push(answer);
      filter.finish();
      return filter.blocks;
    };
    assert.equal(count('```\na\n```\nThen:\n```\nb\n```'), 2);
    assert.equal(count('```\n```\nThen:\n```\nb\n```'), 1);
    assert.equal(count('a\nb'), 1);
    assert.equal(count('Here it is:'), 1, 'prose that is the answer');
    assert.equal(count(''), 0);
  });

  it('lets each line through as soon as it is complete, its newline with the next line', () => {
    const filter = new CodeOnlyFilter();
    assert.equal(filter.push('```ts\ncon'), '');
    assert.equal(filter.push('st a = 1;\nconst'), 'const a = 1;');
    assert.equal(filter.push(' b = 2;\n'), '\nconst b = 2;');
    assert.equal(filter.push('\n'), '');
    assert.equal(filter.push('c();\n'), '\n\nc();');
    assert.equal(filter.push('```'), '');
    assert.equal(filter.finish(), '');
  });

  it('after unfenced code, holds a sentence back without delaying the code lines around it', () => {
    const filter = new CodeOnlyFilter();
    assert.equal(filter.push('a();\n'), 'a();');
    assert.equal(filter.push('Hope this helps you.\n'), '');
    assert.equal(filter.push('\n'), '');
    assert.equal(filter.push('b();\n'), '\nHope this helps you.\n\nb();');
    assert.equal(filter.push('c();\n'), '\nc();');
    assert.equal(filter.push('That is all for today.'), '');
    assert.equal(filter.finish(), '');
  });

  it('in a prose file (markdown, plain text) a sentence after other lines is content', () => {
    const answer = '# Usage\nRun the script with the flag set.\n';
    assert.equal(run([answer]).text, '# Usage');
    const filter = new CodeOnlyFilter({ proseIsContent: true });
    assert.equal(filter.push(answer) + filter.finish(), '# Usage\nRun the script with the flag set.');
  });

  describe('a stream that broke off (finishCut)', () => {
    function cut(answer: string): { text: string; lastLineCut: boolean } {
      const filter = new CodeOnlyFilter();
      const text = filter.push(answer) + filter.finishCut();
      return { text, lastLineCut: filter.lastLineCut };
    }

    it('keeps the line it stopped in, and says it may be incomplete', () => {
      assert.deepEqual(cut('function sumQuantities(inv: Inventory): number {\n  let sum = 0'), {
        text: 'function sumQuantities(inv: Inventory): number {\n  let sum = 0',
        lastLineCut: true,
      });
      assert.deepEqual(cut('```ts\nconst a = [\n  1,\n  2'), { text: 'const a = [\n  1,\n  2', lastLineCut: true });
      assert.deepEqual(cut('a();\nThis is a sentence line.\nb('), { text: 'a();\nThis is a sentence line.\nb(', lastLineCut: true });
    });

    it('after a whole line nothing is cut', () => {
      assert.deepEqual(cut('a\nb\n'), { text: 'a\nb', lastLineCut: false });
    });

    it('drops prose it held back: a preamble, closing words, a sentence not finished', () => {
      assert.deepEqual(cut('Here is the code:\n'), { text: '', lastLineCut: false });
      assert.deepEqual(cut('Here is the code'), { text: '', lastLineCut: false });
      assert.deepEqual(cut('a();\nHope that helps!\n'), { text: 'a();', lastLineCut: false });
      assert.deepEqual(cut('a();\nHope that hel'), { text: 'a();', lastLineCut: false });
    });

    it('drops the start of a closing fence', () => {
      assert.deepEqual(cut('```ts\na\n``'), { text: 'a', lastLineCut: false });
      assert.deepEqual(cut('```ts\na\n```'), { text: 'a', lastLineCut: false });
    });

    it('writes nothing more once the answer was complete', () => {
      const filter = new CodeOnlyFilter();
      filter.push('```\na\n```\n' + 'A line of prose after it.\n'.repeat(7));
      assert.equal(filter.done, true);
      assert.equal(filter.finishCut(), '');
    });
  });

  it('holds prose back until it knows whether a fence follows', () => {
    const filter = new CodeOnlyFilter();
    assert.equal(filter.push('Here is the code you wanted:\n'), '');
    assert.equal(filter.push('```\nx()\n'), 'x()');
  });

  it('lets a long run of prose through: it is the answer, not a preamble', () => {
    const filter = new CodeOnlyFilter();
    const lines = Array.from({ length: 10 }, (_, i) => `This is sentence number ${i} of the text.`);
    const out = lines.map((l) => filter.push(`${l}\n`)).join('') + filter.finish();
    assert.equal(out, lines.join('\n'));
  });

  it('the async stage ends once the prose after the last block is past its bound, without reading further', async () => {
    let pulled = 0;
    const prose = Array.from({ length: 7 }, (_, i) => `Line ${i} of prose.\n`);
    async function* pieces() {
      for (const p of ['```js\n', 'a();\n', '```\n', ...prose, 'never read\n', 'nor this']) {
        pulled++;
        yield p;
      }
    }
    const out: string[] = [];
    for await (const t of codeOnly(pieces())) out.push(t);
    assert.deepEqual(out, ['a();']);
    assert.equal(pulled, 10);
  });
});

describe('looksLikeProse', () => {
  const prose = [
    'Here is the code:',
    'Sure! Here is the updated `add` function:',
    'This adds two numbers.',
    "Here's what I changed:",
    'The passage that shares the most words with your message (*subtotal*, *line*, *total*, *cart*, *cent*) is `src/ux.ts`, lines 1-6:',
    'I added a **null check** before the `total` is used:',
    'Hope that helps!',
    'Let me know if you need anything else.',
  ];
  const code = [
    'def add(a, b):',
    'return a + b;',
    'import os',
    'x = compute(y).',
    '// Adds two numbers.',
    'case Foo:',
    'else:',
    'SELECT * FROM users;',
    'for item in items:',
    'if total is not None:',
    'with open(path) as handle:',
    'while not done and count < limit:',
    'Object.freeze(config);',
    '    """Returns the total.',
    ' * Returns the sum of a and b.',
  ];
  for (const line of prose) it(`prose: ${line}`, () => assert.equal(looksLikeProse(line), true));
  for (const line of code) it(`code: ${line}`, () => assert.equal(looksLikeProse(line), false));
});
