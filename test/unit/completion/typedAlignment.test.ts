import assert from 'node:assert/strict';
import { alignTyped } from '../../../src/completion/typedAlignment';

// The session's text, what the user typed since its anchor, and where that lands in the text.
describe('typed alignment: where the typing lands in a session\'s text', () => {
  const text = '\n  const c = b + 1;\n  log(c);';
  const cases: ReadonlyArray<readonly [name: string, typed: string, expected: ReturnType<typeof alignTyped>]> = [
    ['typing the text', '\n  con', { kind: 'at', offset: 6, replaceBefore: 0 }],
    ['Enter with the model\'s indentation', '\n  ', { kind: 'at', offset: 3, replaceBefore: 0 }],
    ['Enter, the editor indents deeper: the model\'s line replaces the indentation', '\n    ', { kind: 'at', offset: 1, replaceBefore: 4 }],
    ['Enter, no indentation yet', '\n', { kind: 'at', offset: 1, replaceBefore: 0 }],
    ['typing on in the editor\'s indentation', '\n    const', { kind: 'at', offset: 8, replaceBefore: 0 }],
    ['a whole line typed in another indentation, then Enter', '\n    const c = b + 1;\n    ', { kind: 'at', offset: 20, replaceBefore: 4 }],
    ['typing something else', '\n  if', { kind: 'contradicted' }],
    ['another first line, then Enter', 'x\n', { kind: 'contradicted' }],
    ['typing beyond the text so far', text + '\n  return', { kind: 'ahead' }],
  ];
  for (const [name, typed, expected] of cases) it(name, () => assert.deepEqual(alignTyped(text, typed), expected));

  it('a line still streaming: the typing may be ahead of it', () => {
    assert.deepEqual(alignTyped('\n  con', '\n    const x'), { kind: 'ahead' });
    assert.deepEqual(alignTyped('\n  ', '\n    '), { kind: 'ahead' });
  });
});
