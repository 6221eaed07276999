import * as assert from 'node:assert/strict';
import { IndentFitter, indentBeforeCursor } from '../../../src/generate/indentation';

/** Fits the pieces in order and joins the result. */
function fit(indent: string, pieces: readonly string[]): string {
  const f = new IndentFitter(indent);
  return pieces.map((p) => f.fit(p)).join('');
}

describe('IndentFitter', () => {
  it('leaves code alone when the cursor is not after indentation only', () => {
    assert.equal(fit('', ['if x:', '\n    y()']), 'if x:\n    y()');
  });

  it('drops the cursor indentation from a first line that repeats it (model wrote absolute indentation)', () => {
    assert.equal(fit('    ', ['    if x:', '\n        y()', '\n    z()']), 'if x:\n        y()\n    z()');
  });

  it('indents later lines of code written flush left (model wrote relative indentation)', () => {
    assert.equal(fit('    ', ['if x:', '\n    y()', '\nz()']), 'if x:\n        y()\n    z()');
  });

  it('does not indent blank lines', () => {
    assert.equal(fit('\t', ['a()', '\n\nb()']), 'a()\n\n\tb()');
  });

  it('handles several lines in one piece', () => {
    assert.equal(fit('  ', ['a\nb\n  c']), 'a\n  b\n    c');
  });

  it('indentBeforeCursor: only whitespace counts', () => {
    assert.equal(indentBeforeCursor('    '), '    ');
    assert.equal(indentBeforeCursor('\t'), '\t');
    assert.equal(indentBeforeCursor('  x = '), '');
    assert.equal(indentBeforeCursor(''), '');
  });
});
