import * as assert from 'node:assert/strict';
import { SuffixEcho } from '../../../src/generate/suffixEcho';

/** Pushes the pieces in order and joins what may be written; what is held at the end is dropped. */
function written(below: readonly string[], pieces: readonly string[]): string {
  const echo = new SuffixEcho(below);
  return pieces.map((p) => echo.push(p)).join('');
}

describe('SuffixEcho: Generate does not write the code below the cursor again', () => {
  const below = ['  return x;', '}', ''];

  it('an answer that ends with the lines below the cursor loses them', () => {
    assert.equal(written(below, ['const y = x * 2;', '\n  log(y);', '\n  return x;', '\n}']), 'const y = x * 2;\n  log(y);');
  });

  it('a repeat of only the first lines below is dropped too', () => {
    assert.equal(written(below, ['const y = x * 2;', '\n  return x;']), 'const y = x * 2;');
  });

  it('a line like the one below, followed by other code, is the answer\'s own and is written', () => {
    assert.equal(written(below, ['if (a) {', '\n  return x;', '\n', '\n  more();']), 'if (a) {\n  return x;\n\n  more();');
  });

  it('indentation counts: a closing brace of the answer\'s own block is not the one below', () => {
    assert.equal(written(below, ['if (a) {', '\n    b();', '\n  }']), 'if (a) {\n    b();\n  }');
  });

  it('the first line (on the cursor\'s line) is never held', () => {
    assert.equal(written(['}'], ['}']), '}');
  });

  it('with nothing below, everything is written', () => {
    assert.equal(written([], ['a();', '\nb();']), 'a();\nb();');
  });
});
