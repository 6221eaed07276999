import * as assert from 'node:assert/strict';
import { flavorShare, onceUnderShare } from '../host/share';
import { CHAT_WIRES, COMPLETION_WIRES } from '../reliability/faultWires';

describe('host suite: the flavors share the wire formats under npm test', () => {
  for (const [name, wires] of [['chat', Object.keys(CHAT_WIRES)], ['completion', Object.keys(COMPLETION_WIRES)]] as const) {
    it(`${name}: each wire format runs on exactly one flavor, and each flavor runs at least one`, () => {
      const oldest = flavorShare(wires, 'oldest');
      const newest = flavorShare(wires, 'newest');
      assert.ok(oldest.length > 0 && newest.length > 0);
      assert.deepEqual([...oldest, ...newest].sort(), [...wires].sort());
      assert.equal(oldest.filter((w) => newest.includes(w)).length, 0);
    });
  }

  it('outside npm test (no share named) every wire format runs', () => {
    assert.deepEqual(flavorShare(['a', 'b', 'c'], undefined), ['a', 'b', 'c']);
    assert.deepEqual(flavorShare(['a', 'b', 'c'], '1'), ['a', 'b', 'c']);
  });

  it('a suite run once under npm test runs on the newest flavor only; outside npm test on each', () => {
    assert.equal(onceUnderShare('oldest'), false);
    assert.equal(onceUnderShare('newest'), true);
    assert.equal(onceUnderShare(undefined), true);
    assert.equal(onceUnderShare('1'), true);
  });
});
