import * as assert from 'node:assert/strict';
import type { ReportRecord } from '../../../src/report/reportRecord';
import { EXPORTED_FIELDS, exportFileName, exportJson, exportRecords } from '../../../src/report/exportRecords';
import { record } from './records';

describe('exportRecords: the JSON file', () => {
  it('writes every listed field, undefined as null, in a fixed order', () => {
    const r = record(1000, { firstByteAt: 1100 });
    const out = exportRecords([r], new Date(Date.UTC(2025, 0, 1)));
    assert.equal(out.format, 'rill-request-records');
    assert.equal(out.exportedAt, '2025-01-01T00:00:00.000Z');
    const [first] = out.records;
    assert.deepEqual(Object.keys(first ?? {}), [...EXPORTED_FIELDS]);
    assert.equal(first?.firstByteAt, 1100);
    assert.equal(first?.acceptedAt, null);
  });

  it('says which feature each record is from (ids are unique per feature)', () => {
    const out = exportRecords([record(1000, { id: 1 }), record(1001, { id: 1, feature: 'chat', kind: 'explicit' })], new Date(0));
    assert.equal(out.version, 2);
    assert.deepEqual(out.records.map((r) => [r.feature, r.id]), [['completion', 1], ['chat', 1]]);
  });

  it('never writes a field that is not on the list (a key smuggled into a record stays out)', () => {
    const secret = 'sk-test-0123456789abcdefghijklmnop';
    const r = { ...record(1000), apiKey: secret, prompt: 'const password = 1', headers: { authorization: `Bearer ${secret}` } } as ReportRecord;
    const json = exportJson([r], new Date(0));
    assert.ok(!json.includes(secret));
    assert.ok(!json.includes('password'));
    assert.doesNotThrow(() => JSON.parse(json));
  });

  it('names the file after the local date and time', () => {
    assert.equal(exportFileName(new Date(2025, 2, 4, 5, 6)), 'rill-requests-2025-03-04-0506.json');
  });
});
