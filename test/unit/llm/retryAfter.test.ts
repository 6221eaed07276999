import * as assert from 'node:assert/strict';
import { describeWait, retryAfterMs } from '../../../src/llm/retryAfter';

const headers = (h: Record<string, string>) => new Headers(h);

describe('retryAfterMs', () => {
  const cases: [string, Record<string, string>, number | undefined][] = [
    ['retry-after-ms wins', { 'retry-after-ms': '1500', 'retry-after': '9' }, 1500],
    ['seconds', { 'retry-after': '300' }, 300_000],
    ['fractional seconds', { 'retry-after': '1.5' }, 1500],
    ['an HTTP date', { 'retry-after': new Date(1_000_000 + 30_000).toUTCString() }, 30_000],
    ['a date in the past is now', { 'retry-after': new Date(0).toUTCString() }, 0],
    ['garbage', { 'retry-after': 'soon' }, undefined],
    ['absent', {}, undefined],
  ];
  for (const [name, h, expected] of cases) {
    it(name, () => assert.equal(retryAfterMs(headers(h), 1_000_000), expected));
  }
});

describe('describeWait', () => {
  it('speaks in the unit a person would', () => {
    assert.equal(describeWait(300), 'a second');
    assert.equal(describeWait(1000), '1 s');
    assert.equal(describeWait(90_000), '90 s');
    assert.equal(describeWait(300_000), '5 min');
    assert.equal(describeWait(3 * 3600_000), '3 h');
  });
});
