import assert from 'node:assert/strict';
import { Anchor } from '../../../src/completion/anchor';
import { doc, typed, backspaced } from './helpers/fixture';

describe('anchor: how a later state relates to a session', () => {
  const state = doc('function f() {\n  ret█\n}\n');
  const anchor = new Anchor(state.uri, state);

  it('typing after the anchor', () => {
    assert.deepEqual(anchor.relate(typed(state, 'urn')), { kind: 'after', typed: 'urn' });
    assert.deepEqual(anchor.relate(state), { kind: 'after', typed: '' });
  });
  it('backspace before the anchor', () => {
    assert.deepEqual(anchor.relate(backspaced(state, 2)), { kind: 'before', missing: 'et' });
  });
  it('an auto-closed bracket after the cursor still fits; other text after it does not', () => {
    assert.equal(anchor.relate({ ...typed(state, 'urn f('), suffix: ')' + state.suffix }).kind, 'after');
    assert.equal(anchor.relate({ ...state, suffix: 'x' + state.suffix }).kind, 'elsewhere');
  });
  it('an edit before the anchor, another document, another place', () => {
    assert.equal(anchor.relate({ ...state, prefix: state.prefix.replace('f()', 'g()') }).kind, 'elsewhere');
    assert.equal(anchor.relate({ ...state, uri: 'file:///other.ts' }).kind, 'elsewhere');
    assert.equal(anchor.relate(doc('function f() {\n  ret\n}\n█')).kind, 'elsewhere');
  });

  it('a state read as a window of a large document relates as the whole one does', () => {
    const before = 'const filler = 1;\n'.repeat(60_000); // about 1 MB above the cursor
    const whole = doc(`${before}function f() {\n  ret█\n}\n${'// tail\n'.repeat(10_000)}`);
    /** What the editor adapter reads: a window of the text around the cursor, and where it sits. */
    const windowOf = (s: typeof whole, before = 16_384, after = 8_192) => {
      const start = s.prefix.indexOf('\n', s.prefix.length - before) + 1;
      return { ...s, prefix: s.prefix.slice(start), prefixOffset: start, suffix: s.suffix.slice(0, after), suffixBeyond: Math.max(0, s.suffix.length - after) };
    };
    const big = new Anchor(whole.uri, windowOf(whole));
    for (const later of [typed(whole, 'urn'), backspaced(whole, 2), { ...whole, prefix: whole.prefix.replace('f()', 'g()') }, whole]) {
      assert.deepEqual(big.relate(windowOf(later)), new Anchor(whole.uri, whole).relate(later));
    }
    assert.deepEqual(big.relate(windowOf(typed(whole, 'urn'))), { kind: 'after', typed: 'urn' });
    assert.ok(big.footprint <= 4096 + 1024, `the anchor keeps ${big.footprint} characters of a 1 MB document`);
  });
});
