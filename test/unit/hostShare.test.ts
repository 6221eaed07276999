import * as assert from 'node:assert/strict';
import { e2eShare, flavorShare, groupedFlavorShare } from '../host/share';
import { FAULT_CASES, chatExpectation } from '../reliability/faultCatalog';
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

  it('e2e chat faults: each fault runs on one flavor at least, each flavor shows every kind of alert', () => {
    const kind = (fault: (typeof FAULT_CASES)[number]) => chatExpectation(fault, 'openai-chat').error?.kind ?? 'none';
    const oldest = groupedFlavorShare(FAULT_CASES, kind, 'oldest');
    const newest = groupedFlavorShare(FAULT_CASES, kind, 'newest');
    assert.deepEqual(new Set([...oldest, ...newest]), new Set(FAULT_CASES));
    assert.deepEqual(new Set(oldest.map(kind)), new Set(FAULT_CASES.map(kind)));
    assert.deepEqual(new Set(newest.map(kind)), new Set(FAULT_CASES.map(kind)));
    assert.ok(oldest.length + newest.length < FAULT_CASES.length * 1.5, `${oldest.length} + ${newest.length} of ${FAULT_CASES.length}`);
    assert.equal(groupedFlavorShare(FAULT_CASES, kind, undefined).length, FAULT_CASES.length);
  });

  it('the e2e suite takes a share only under npm test', () => {
    assert.equal(e2eShare({ RILL_E2E_SHARE: '1', RILL_VSCODE: 'newest' }), 'newest');
    assert.equal(e2eShare({ RILL_VSCODE: 'newest' }), undefined);
  });
});
