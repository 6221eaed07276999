// A cut-off answer's end is drawn as the live reveal would have drawn it: an inline code span or
// bold whose closing marker never came still renders as code or bold, not as a stray backtick.
import * as assert from 'node:assert/strict';
import { Marked } from 'marked';
import { cutAnswerEnding, cutEnding } from '../../../media/chat/cutEnding';

const marked = new Marked({ gfm: true });
/** The answer as the page draws it once cut: the text, closed for display. */
const drawn = (text: string): string => (marked.parse(text + cutAnswerEnding(text)) as string).trim();

describe('cutAnswerEnding: what a cut-off answer is closed with for display', () => {
  const cases: Array<[string, string, string]> = [
    ['a code span cut before its closing backtick (the reloaded demo answer)', 'Set it with OPENAI_API_KEY, `ANTHROPIC_API_KEY', '`'],
    ['a double-backtick span', 'Write ``a ` b', '``'],
    ['closed spans earlier in the line need nothing', 'Use `a` and `b` here', ''],
    ['a code span cut after a line break in its paragraph', 'The variable `ANTHROPIC\n_KEY', '`'],
    ['a span open in an earlier paragraph is not this one', 'Stray ` tick\n\nNew paragraph', ''],
    ['bold cut before its closing marker', 'This is **very imp', '**'],
    ['a code span inside bold', 'This is **the `cfg', '`**'],
    ['a power is not bold', 'Compute 2 ** 3', ''],
    ['an escaped backtick opens nothing', 'A literal \\` tick', ''],
    ['inside an open fence a backtick is code', 'Intro\n\n```ts\nconst s = `abc', ''],
    ['after a closed fence the paragraph counts again', '```\nx\n```\nThen `cfg', '`'],
    ['a fence of tildes is not closed by backticks', '~~~\nconst s = `a\n```', ''],
    ['indented code', 'Text\n\n    let s = `a', ''],
    ['ends with a blank line', 'Text `a\n\n', ''],
  ];
  for (const [name, text, ending] of cases) {
    it(name, () => {
      assert.equal(cutAnswerEnding(text), ending);
    });
  }

  it('the demo answer cut mid code span draws the key as code, with no backtick left over', () => {
    const html = drawn('Set it with OPENAI_API_KEY, `ANTHROPIC_API_KEY');
    assert.equal(html, '<p>Set it with OPENAI_API_KEY, <code>ANTHROPIC_API_KEY</code></p>');
  });

  it('CRLF line ends count as line ends', () => {
    assert.equal(cutAnswerEnding('Stray ` tick\r\n\r\nNew `cfg'), '`');
  });

  describe('a link cut before its address ended shows as its text', () => {
    /** The answer as the page draws it once cut, with the link rule. */
    const shown = (text: string): string => {
      const { drop, add } = cutEnding(text);
      return (marked.parse(text.slice(0, text.length - drop) + add) as string).trim();
    };
    const cases: Array<[string, string, string]> = [
      ['cut in its address (the stopped demo answer)', 'Here is a summary with **bold**, a [link to docs](', '<p>Here is a summary with <strong>bold</strong>, a link to docs</p>'],
      ['cut halfway through the address', 'See [the docs](https://example.com/do', '<p>See the docs</p>'],
      ['cut after its text', 'See [the docs]', '<p>See the docs</p>'],
      ['cut inside its text', 'See [the do', '<p>See the do</p>'],
      ['an image cut in its address', 'Look: ![a chart](https://ex', '<p>Look: a chart</p>'],
      ['inside bold: the bold is closed after the text', 'It is **in [the gui', '<p>It is <strong>in the gui</strong></p>'],
      ['a whole link is left alone', 'See [the docs](https://example.com/docs)', '<p>See <a href="https://example.com/docs">the docs</a></p>'],
      ['a bracket inside an open code span is code', 'Index it as `a[i', '<p>Index it as <code>a[i</code></p>'],
    ];
    for (const [name, text, html] of cases) {
      it(name, () => assert.equal(shown(text), html));
    }

    it('the text itself is what is dropped and added, nothing before it', () => {
      assert.deepEqual(cutEnding('a [link to docs]('), { drop: '[link to docs]('.length, add: 'link to docs' });
      assert.deepEqual(cutEnding('Set `KEY'), { drop: 0, add: '`' });
      assert.deepEqual(cutEnding('Done.'), { drop: 0, add: '' });
    });
  });
});
