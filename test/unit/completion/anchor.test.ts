import assert from 'node:assert/strict';
import { Anchor } from '../../../src/completion/anchor';
import { doc, typed, backspaced } from './helpers/fixture';

describe('anchor: how a later state relates to a session', () => {
  const state = doc('function f() {\n  ret█\n}\n');
  const anchor = new Anchor(state.uri, state.prefix, state.suffix);

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
});
