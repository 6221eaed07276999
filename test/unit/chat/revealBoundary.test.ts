import * as assert from 'node:assert/strict';
import { revealEnd } from '../../../media/chat/revealBoundary';

/** `‸` marks where the pacer would stop; returns the text shown once the boundary is applied. */
function shownFor(marked: string, shown = 0): string {
  const target = marked.indexOf('‸');
  const text = marked.replace('‸', '');
  return text.slice(0, revealEnd(text, shown, target));
}

describe('revealEnd: where a paced reveal stops', () => {
  const cases: Array<[string, string, string]> = [
    ['mid-word: to the end of the word and its space', 'The riv‸er carves the rock.', 'The river '],
    ['at a word start: there', 'The river ‸carves the rock.', 'The river '],
    ['a very long word is split', `See ${'x'.repeat(30)}‸${'y'.repeat(60)} now`, `See ${'x'.repeat(30)}`],
    ['a word still arriving is shown as far as it came', 'The riv‸er', 'The river'],
    ['inside inline code: to the closing backtick', 'Call `upd‸ate(x)` now', 'Call `update(x)` '],
    ['inside bold: to the closing marker', 'This is **very imp‸ortant** here', 'This is **very important** '],
    ['inside a link: the whole link', 'Read [the gu‸ide](https://example.com/g) first', 'Read [the guide](https://example.com/g) '],
    ['inside a link URL: the whole link', 'Read [the guide](https://exa‸mple.com/g) first', 'Read [the guide](https://example.com/g) '],
    ['bold whose end has not arrived: stop before it', 'Done. This is **very imp‸ortant', 'Done. This is '],
    ['a code fence opening line goes with its newline', 'Intro\n\n```t‸s\nconst a = 1;\n```', 'Intro\n\n```ts\n'],
    ['a table header goes with its separator row', 'Text\n\n| a ‸| b |\n|---|---|\n| 1 |', 'Text\n\n| a | b |\n|---|---|\n'],
    ['a closed code span earlier in the line does not matter', 'Use `a` and the ot‸her one', 'Use `a` and the other '],
    ['task list boxes are not links', '- [ ] wri‸te tests', '- [ ] write '],
  ];
  for (const [name, marked, expected] of cases) {
    it(name, () => {
      assert.equal(shownFor(marked), expected);
    });
  }

  it('never goes back before what is shown (a construct already half shown is shown on)', () => {
    const text = 'Done. This is **very important';
    assert.ok(revealEnd(text, 20, 22) >= 20);
  });

  it('the whole text when the target reaches its end', () => {
    assert.equal(revealEnd('abc def', 0, 7), 7);
  });
});
