import assert from 'node:assert/strict';
import { visibleText } from '../../../src/completion/visibleText';

describe('visible text: what may be shown while a stream runs', () => {
  it('complete lines only while streaming', () => {
    assert.equal(visibleText('const a = 1;\nconst b', 'lines'), 'const a = 1;');
    assert.equal(visibleText('const a', 'lines'), undefined);
  });
  it('a leading empty line is not a first line', () => {
    assert.equal(visibleText('\n  return', 'lines'), undefined);
    assert.equal(visibleText('\n  return x;\n', 'lines'), '\n  return x;');
  });
  it('after the cut-off, a partial first line ending at a word boundary', () => {
    assert.equal(visibleText('const total = items.red', 'partial'), 'const total = items.');
    assert.equal(visibleText('retu', 'partial'), undefined);
    assert.equal(visibleText('"a greeting', 'partial'), undefined, 'a lone quote and a letter are not a suggestion');
  });
  it('a partial line with a 1 MiB word in it is cut without backtracking (the test timeout catches a quadratic cut)', () => {
    const giant = `x = ${'a'.repeat(1 << 20)} + 1`;
    assert.equal(visibleText(giant, 'partial'), giant.slice(0, -1).trimEnd());
    assert.equal(visibleText(`${giant}23`, 'partial'), giant.slice(0, -1).trimEnd());
  });
  it('final text is shown whole, without trailing whitespace', () => {
    assert.equal(visibleText('return x;\n\n', 'final'), 'return x;');
  });
  it('never whitespace-only', () => {
    assert.equal(visibleText('  \n\t\n', 'final'), undefined);
    assert.equal(visibleText('\n\n  ', 'partial'), undefined);
  });
});
