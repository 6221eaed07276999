import * as assert from 'node:assert/strict';
import { type SeamOutput, SeamJoiner } from '../../../src/chat/seam';

/** `answer` after `output`: text added to its end, or the whole answer replaced (a restart). */
function apply(answer: string, output: SeamOutput): string {
  return output.kind === 'restart' ? output.text : answer + output.text;
}

/** The answer after joining `continuation`, fed in `pieces` of a few characters, as a stream would. */
function join(answer: string, continuation: string, piece = 3): string {
  const seam = new SeamJoiner(answer);
  let out = answer;
  for (let i = 0; i < continuation.length; i += piece) out = apply(out, seam.push(continuation.slice(i, i + piece)));
  return apply(out, seam.end());
}

const pushed = (seam: SeamJoiner, text: string): string => {
  const output = seam.push(text);
  assert.equal(output.kind, 'append');
  return output.text;
};

describe('SeamJoiner: a continuation joined onto the partial answer', () => {
  const FULL = 'Rivers carve canyons slowly, grain by grain, over a million years.';
  const cases: Array<[string, string, string, string]> = [
    ['a clean continuation is appended as is', 'Rivers carve canyons', ' slowly, grain by grain, over a million years.', FULL],
    ['a continuation inside a word', 'Rivers carve can', 'yons slowly, grain by grain, over a million years.', FULL],
    ['the last two words repeated are dropped', 'Rivers carve canyons slowly,', ' canyons slowly, grain by grain, over a million years.', FULL],
    ['a repeated long word is dropped', 'Rivers carve canyons', ' canyons slowly, grain by grain, over a million years.', FULL],
    ['the whole answer started over is dropped', 'Rivers carve canyons slowly,', 'Rivers carve canyons slowly, grain by grain, over a million years.', FULL],
    ['the space already shown is not shown twice', 'Rivers carve canyons ', ' slowly, grain by grain, over a million years.', FULL],
    ['nor when the model repeats words after it', 'Rivers carve canyons ', ' carve canyons slowly, grain by grain, over a million years.', FULL],
    ['a continuation without the space the answer ends with keeps that space', 'Rivers carve canyons ', 'slowly, grain by grain, over a million years.', FULL],
    ['a new paragraph the model starts is kept', 'First point.', '\n\nSecond point.', 'First point.\n\nSecond point.'],
    ['a short token at the seam is what comes next, not a repeat (code)', 'if (a) {\n  if (b) {\n    go();\n  }', '\n}\n', 'if (a) {\n  if (b) {\n    go();\n  }\n}\n'],
    ['a single short word is kept (a doubled "the" is rarer than a real one)', 'He said that', ' that was fine.', 'He said that that was fine.'],
    ['a continuation that only starts like a repeat is kept whole', 'We go from here', ' from there to the end.', 'We go from here from there to the end.'],
    ['an empty continuation adds nothing', 'Done.', '', 'Done.'],
    // A server that ignores the prefill answers again from the start, in slightly other words.
    [
      'the answer started over in other words replaces the cut one (not "EachThe inventory…")',
      'The inventory module keeps a map of items. Each',
      'The inventory module stores a map of items. Each item has a name and a count.',
      'The inventory module stores a map of items. Each item has a name and a count.',
    ],
    [
      'a restart whose first word differs too',
      'The inventory module keeps a map of items. Each',
      'An inventory module stores a map of the items. Each item has a name.',
      'An inventory module stores a map of the items. Each item has a name.',
    ],
    [
      'a restart of a long answer is recognised by its opening, not its end',
      `The inventory module stores a map of items. ${'Each item has a name, a count and a price. '.repeat(20)}Each`,
      'The inventory module holds a map of the items. Each item has a name.',
      'The inventory module holds a map of the items. Each item has a name.',
    ],
    [
      'a continuation that repeats a word of the opening still joins',
      'The inventory module stores a map of items. Each',
      ' item is a map of the fields the inventory module reads.',
      'The inventory module stores a map of items. Each item is a map of the fields the inventory module reads.',
    ],
    [
      'a continuation that sums up the opening in its own words still joins',
      'The inventory module stores a map of items. Each item has a name.',
      '\n\nIn short, the inventory module stores a map of items and their names.',
      'The inventory module stores a map of items. Each item has a name.\n\nIn short, the inventory module stores a map of items and their names.',
    ],
    [
      'a list going on with items that start alike still joins',
      '1. Install the package.\n2. Install the extension.\n3. Install the',
      ' settings.\n4. Install the tests.\n5. Install the docs.',
      '1. Install the package.\n2. Install the extension.\n3. Install the settings.\n4. Install the tests.\n5. Install the docs.',
    ],
    [
      'a continuation with the opening\'s first words, in another sentence, still joins',
      'The cache keeps entries for an hour. The',
      ' cache is cleared on restart, and the entries for a user go with it.',
      'The cache keeps entries for an hour. The cache is cleared on restart, and the entries for a user go with it.',
    ],
  ];
  for (const [name, answer, continuation, expected] of cases) {
    it(name, () => {
      assert.equal(join(answer, continuation), expected);
      // The result does not depend on how the stream was chunked.
      assert.equal(join(answer, continuation, 1), expected, 'one character at a time');
      assert.equal(join(answer, continuation, 1000), expected, 'all at once');
    });
  }

  it('text after the seam passes through as it arrives, once two words show it does not start the answer again', () => {
    const seam = new SeamJoiner('Rivers carve canyons');
    assert.equal(pushed(seam, ' slowly'), '');
    assert.equal(pushed(seam, ', grain '), ' slowly, grain ');
    assert.equal(pushed(seam, 'by'), 'by');
  });

  it('holds back only while the head could still be a repeat or a restart', () => {
    const seam = new SeamJoiner('Rivers carve canyons slowly,');
    assert.equal(pushed(seam, ' canyons slo'), '');
    assert.equal(pushed(seam, 'wly, grain'), ' grain');
    assert.equal(pushed(seam, ' by'), ' by');
  });

  it('a restart is told as soon as its first words are in, and what follows is appended to it', () => {
    const seam = new SeamJoiner('The inventory module keeps a map of items. Each');
    assert.equal(pushed(seam, 'The inventory module stores a map of '), '');
    assert.deepEqual(seam.push('items. Each'), { kind: 'restart', text: 'The inventory module stores a map of items. Each' });
    assert.equal(pushed(seam, ' item'), ' item');
  });
});
