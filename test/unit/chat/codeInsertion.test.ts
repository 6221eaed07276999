import * as assert from 'node:assert/strict';
import { codeInsertion } from '../../../src/chat/codeInsertion';

/** The line after inserting `code` with the cursor at `|` in `line`, in a file indented with spaces (or tabs). */
function inserted(line: string, code: string, indentUnit = '    '): string {
  const column = line.indexOf('|');
  const text = line.replace('|', '');
  const at = codeInsertion(text, column, code, { indentUnit, tabSize: 4 });
  return text.slice(0, at.column) + at.text + text.slice(at.column);
}

describe('codeInsertion: a code block from the chat, inserted where the cursor is', () => {
  it('a block of several lines at the end of a line goes below it, at its indentation', () => {
    assert.equal(inserted('}|', 'console.log(a);\nconsole.log(b);'), '}\nconsole.log(a);\nconsole.log(b);');
    assert.equal(inserted('    return x;|', 'log(x);\nlog(y);\n'), '    return x;\n    log(x);\n    log(y);');
  });

  it('at the start of a line with text, the block goes above that text, which keeps its indentation', () => {
    assert.equal(inserted('    |return x;', 'log(x);\nlog(y);'), '    log(x);\n    log(y);\n    return x;');
  });

  it('on an indented empty line, later lines get the indentation and keep their own relative to it', () => {
    assert.equal(inserted('    |', 'if (a) {\n  b();\n}'), '    if (a) {\n      b();\n    }');
  });

  it('code the model already indented for the spot is not indented twice', () => {
    assert.equal(inserted('    |', '    if (a) {\n      b();\n    }'), '    if (a) {\n      b();\n    }');
  });

  it('on an empty line, a trailing line break does not leave an empty line behind', () => {
    assert.equal(inserted('|', 'a\nb\n'), 'a\nb');
  });

  it('one line of code stays at the cursor: it may be an expression for that spot', () => {
    assert.equal(inserted('const x = |', 'compute(y)'), 'const x = compute(y)');
    assert.equal(inserted('}|', 'more();'), '}more();');
  });

  it('inside a line of code, a block goes below that line, at its indentation, the line left whole', () => {
    assert.equal(
      inserted('    return |Math.round(x);', 'export function add(a: number, b: number) {\n  return a + b;\n}\n'),
      '    return Math.round(x);\n    export function add(a: number, b: number) {\n      return a + b;\n    }',
    );
    assert.equal(inserted('    foo(|, 2)', 'a,\nb'), '    foo(, 2)\n    a,\n    b');
    assert.equal(inserted('x|y', 'a\nb'), 'xy\na\nb');
  });

  it('inside a line of code, one line of code stays at the cursor', () => {
    assert.equal(inserted('    return |Math.round(x);', 'scale * '), '    return scale * Math.round(x);');
  });

  it('tabs are indentation too', () => {
    assert.equal(inserted('\tend();|', 'a();\nb();'), '\tend();\n\ta();\n\tb();');
  });

  it('in a tab-indented file, a block the model indented with spaces gets tabs', () => {
    assert.equal(inserted('\t|', 'if err != nil {\n    return err\n}', '\t'), '\tif err != nil {\n\t\treturn err\n\t}');
  });
});
