import * as assert from 'node:assert/strict';
import { percentile, spread } from '../../../src/report/percentile';
import { bucketStart, bucketWidth } from '../../../src/report/timeBuckets';

describe('percentile (nearest rank)', () => {
  it('is undefined without values', () => assert.equal(percentile([], 50), undefined));
  it('is the value itself for one value', () => assert.equal(percentile([42], 90), 42));
  it('p50 and p90 of 1..10 are values that occurred', () => {
    const values = [7, 1, 10, 3, 2, 9, 4, 8, 6, 5];
    assert.equal(percentile(values, 50), 5);
    assert.equal(percentile(values, 90), 9);
    assert.equal(percentile(values, 100), 10);
  });
  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    assert.deepEqual(values, [3, 1, 2]);
  });
  it('spread gives p50, p90 and the count', () => assert.deepEqual(spread([100, 200, 300, 400]), { p50: 200, p90: 400, count: 4 }));
});

describe('time buckets', () => {
  it('a minute of records gets 2 s buckets or wider, at most 30 of them', () => {
    const from = Date.UTC(2025, 0, 1, 12, 0, 0);
    const w = bucketWidth(from, from + 60_000);
    assert.equal(w, 5_000);
    assert.ok((Math.floor((from + 60_000) / w) - Math.floor(from / w)) + 1 <= 30);
  });
  it('a day of records gets hour buckets', () => {
    const from = Date.UTC(2025, 0, 1);
    assert.equal(bucketWidth(from, from + 23 * 3_600_000), 3_600_000);
  });
  it('one record gets the smallest bucket', () => assert.equal(bucketWidth(5_000, 5_000), 1_000));
  it('bucketStart floors to the width', () => assert.equal(bucketStart(12_345, 5_000), 10_000));
});
