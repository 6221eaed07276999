import * as assert from 'node:assert/strict';
import { SeamJoiner } from '../../../src/chat/seam';

/** The answer after joining `continuation`, fed in `pieces` of a few characters, as a stream would. */
function join(answer: string, continuation: string, piece = 3): string {
  const seam = new SeamJoiner(answer);
  let out = answer;
  for (let i = 0; i < continuation.length; i += piece) out += seam.push(continuation.slice(i, i + piece));
  return out + seam.end();
}

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
  ];
  for (const [name, answer, continuation, expected] of cases) {
    it(name, () => {
      assert.equal(join(answer, continuation), expected);
      // The result does not depend on how the stream was chunked.
      assert.equal(join(answer, continuation, 1), expected, 'one character at a time');
      assert.equal(join(answer, continuation, 1000), expected, 'all at once');
    });
  }

  it('text after the seam passes through as it arrives', () => {
    const seam = new SeamJoiner('Rivers carve canyons');
    assert.equal(seam.push(' slowly'), ' slowly');
    assert.equal(seam.push(', grain'), ', grain');
  });

  it('holds back only while the head could still be a repeat', () => {
    const seam = new SeamJoiner('Rivers carve canyons slowly,');
    assert.equal(seam.push(' canyons slo'), '');
    assert.equal(seam.push('wly, grain'), ' grain');
  });
});
