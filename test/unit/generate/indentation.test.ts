import * as assert from 'node:assert/strict';
import { IndentFitter, indentBeforeCursor } from '../../../src/generate/indentation';

const SPACES = { indentUnit: '    ', tabSize: 4 };
const TABS = { indentUnit: '\t', tabSize: 4 };

/** Fits the pieces in order (cursor after `linePrefix`, in a file indented with `style`) and joins the result. */
function fit(linePrefix: string, pieces: readonly string[], style = SPACES): string {
  const f = new IndentFitter(linePrefix, style);
  return pieces.map((p) => f.fit(p)).join('');
}

describe('IndentFitter', () => {
  it('leaves code alone when the cursor is not after indentation only', () => {
    assert.equal(fit('', ['if x:', '\n    y()']), 'if x:\n    y()');
    const inLine = new IndentFitter('x = ', TABS, ';');
    assert.equal([inLine.fit('    f(a)'), inLine.fit('\n    y()')].join(''), '    f(a)\n\ty()', 'the rest of the cursor\'s line is not indentation');
  });

  it('drops the cursor indentation from a first line that repeats it (model wrote absolute indentation)', () => {
    assert.equal(fit('    ', ['    if x:', '\n        y()', '\n    z()']), 'if x:\n        y()\n    z()');
  });

  it('indents later lines of code written flush left (model wrote relative indentation)', () => {
    assert.equal(fit('    ', ['if x:', '\n    y()', '\nz()']), 'if x:\n        y()\n    z()');
  });

  it('does not indent blank lines', () => {
    assert.equal(fit('\t', ['a()', '\n\nb()'], TABS), 'a()\n\n\tb()');
  });

  it('handles several lines in one piece', () => {
    assert.equal(fit('  ', ['a\nb\n  c']), 'a\n  b\n    c');
  });

  it('in a tab-indented file, code the model indented with spaces gets tabs (Go)', () => {
    assert.equal(fit('\t', ['    for x := range xs {', '\n        sum += x', '\n    }'], TABS), 'for x := range xs {\n\t\tsum += x\n\t}');
    assert.equal(fit('\t', ['for x := range xs {', '\n    sum += x', '\n}'], TABS), 'for x := range xs {\n\t\tsum += x\n\t}', 'written flush left');
  });

  it('at the start of a line in a Makefile, a recipe indented with spaces gets its tab', () => {
    assert.equal(fit('', ['    go build ./...', '\n    go vet ./...'], TABS), '\tgo build ./...\n\tgo vet ./...');
  });

  it('in a space-indented file, code the model indented with tabs gets spaces', () => {
    assert.equal(fit('    ', ['\tif x:', '\n\t\ty()'], SPACES), 'if x:\n        y()');
  });

  it('at the end of a line of code, an indented first line goes on a new line; an expression stays on the line', () => {
    const f = new IndentFitter('def double(x):', SPACES, '');
    assert.equal([f.fit('    y = x * 2'), f.fit('\n    return y')].join(''), '\n    y = x * 2\n    return y');
    assert.equal(new IndentFitter('const x = ', SPACES, '').fit('compute(y)'), 'compute(y)');
    assert.equal(new IndentFitter('foo(', SPACES, ')').fit('  a'), '  a', 'inside a line: the text stays where the cursor is');
  });

  it('indentBeforeCursor: only whitespace counts', () => {
    assert.equal(indentBeforeCursor('    '), '    ');
    assert.equal(indentBeforeCursor('\t'), '\t');
    assert.equal(indentBeforeCursor('  x = '), '');
    assert.equal(indentBeforeCursor(''), '');
  });
});
