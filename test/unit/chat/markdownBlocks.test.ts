import * as assert from 'node:assert/strict';
import { Lexer } from 'marked';
import { MarkdownBlockSplitter } from '../../../media/chat/markdownBlocks';

/** Feeds `text` whole and returns the raw text of the blocks now final, and of the open rest. */
function splitOnce(text: string): { final: string[]; open: string } {
  const s = new MarkdownBlockSplitter();
  s.append(text);
  const { finalized, open } = s.split();
  return { final: finalized.map((t) => t.raw), open: open.map((t) => t.raw).join('') };
}

describe('MarkdownBlockSplitter: which blocks are final', () => {
  const cases: Array<[string, string, string[], string]> = [
    ['a single paragraph stays open', 'Hello wor', [], 'Hello wor'],
    ['a paragraph is final once the next one starts', 'One.\n\nTwo', [], 'One.\n\nTwo'],
    ['...and its first line is complete', 'One.\n\nTwo\n', ['One.', '\n\n'], 'Two\n'],
    ['a heading is final once a line follows it', '# Title\nText\n', ['# Title\n'], 'Text\n'],
    ['a paragraph line may still become a setext heading', 'Title\n--', [], 'Title\n--'],
    ['an unclosed code fence stays open, and renders as code', 'Intro\n\n```ts\nconst a', ['Intro', '\n\n'], '```ts\nconst a'],
    ['a closed fence is final once text follows', '```ts\nx\n```\nAfter\n', ['```ts\nx\n```\n'], 'After\n'],
    ['a list stays open across a blank line', '- a\n- b\n\n', [], '- a\n- b\n\n'],
    ['"3" may still become the next item of the list above', '1. a\n2. b\n\n3', [], '1. a\n2. b\n\n3'],
    ['a list is final once a paragraph line follows', '- a\n- b\n\nAfter the list\n', ['- a\n- b', '\n\n'], 'After the list\n'],
    ['a blank-line separated list item keeps the list open', '- a\n\n  still a\n', [], '- a\n\n  still a\n'],
  ];
  for (const [name, text, final, open] of cases) {
    it(name, () => {
      assert.deepEqual(splitOnce(text), { final, open });
    });
  }
});

describe('MarkdownBlockSplitter: streaming', () => {
  const answers = [
    [
      '# Plan',
      'Some *prose* with `code`',
      'over two lines.',
      '',
      '- item one',
      '- item two',
      '',
      '  continued',
      '- three',
      '',
      'After the list.',
      '',
      '```ts',
      'const x = 1;',
      '',
      'const y = 2;',
      '```',
      'Text right after the fence.',
      'A setext heading',
      '---',
      '',
      '1. a',
      '2. b',
      '',
      '3. c',
      '',
      '> a quote',
      'continued lazily',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      '',
      '    indented code',
      '',
      'The end.',
      '',
    ].join('\n'),
    'Para\n```\nunclosed fence\n\nstill code',
    '* a\n* b\n\n- c\n\n***\n\nText\n===\n\n<div>\nhtml\n</div>\n\ndone',
  ];

  // Whatever the chunking, the final blocks handed out must be exactly the blocks marked finds
  // in the whole answer, in order: a block once final never changes.
  for (const [n, answer] of answers.entries()) {
    for (const chunk of [1, 2, 3, 5, 17]) {
      it(`answer ${n} in chunks of ${chunk}: every final block is a block of the whole answer`, () => {
        const expected = Lexer.lex(answer).map((t) => `${t.type}:${t.raw}`);
        const s = new MarkdownBlockSplitter();
        const got: string[] = [];
        for (let i = 0; i < answer.length; i += chunk) {
          s.append(answer.slice(i, i + chunk));
          got.push(...s.split().finalized.map((t) => `${t.type}:${t.raw}`));
          assert.deepEqual(got, expected.slice(0, got.length), `after ${i + chunk} characters`);
        }
        got.push(...s.finish().finalized.map((t) => `${t.type}:${t.raw}`));
        assert.deepEqual(got, expected);
      });
    }
  }

  it('the open tail stays small while a long answer grows', () => {
    const s = new MarkdownBlockSplitter();
    let longestOpen = 0;
    for (let i = 0; i < 500; i++) {
      s.append(`Paragraph ${i} says something.\n\n`);
      const open = s.split().open.map((t) => t.raw).join('');
      longestOpen = Math.max(longestOpen, open.length);
    }
    assert.ok(s.text.length > 10_000);
    assert.ok(longestOpen < 80, `open tail of ${longestOpen} characters`);
  });

  it("a cut answer's display ending is drawn at finish but never joins the text, and reopen drops it", () => {
    const s = new MarkdownBlockSplitter();
    s.append('Intro.\n\nSet `ANTHROPIC_API_KEY');
    s.split();
    const from = s.finalLength;
    assert.equal(s.finish({ drop: 0, add: '`' }).finalized.at(-1)?.raw, 'Set `ANTHROPIC_API_KEY`');
    assert.equal(s.text, 'Intro.\n\nSet `ANTHROPIC_API_KEY');
    s.reopen(from);
    s.append('` now.');
    assert.equal(s.finish().finalized.at(-1)?.raw, 'Set `ANTHROPIC_API_KEY` now.');
  });

  it('normalizes CRLF, also when split between two chunks', () => {
    const s = new MarkdownBlockSplitter();
    for (const chunk of ['a\r', '\n\r', '\nb\r', '\n', 'c\r']) s.append(chunk);
    s.finish();
    assert.equal(s.text, 'a\n\nb\nc\n');
  });
});
