import * as assert from 'node:assert/strict';
import { describeWait, rateLimitResetMs, retryAfterMs } from '../../../src/llm/retryAfter';

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

describe("rateLimitResetMs: OpenAI's x-ratelimit-reset-* when a 429 says no Retry-After", () => {
  const cases: [string, Record<string, string>, number | undefined][] = [
    ['the requests limit used up', { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '6m0s', 'x-ratelimit-remaining-tokens': '9000', 'x-ratelimit-reset-tokens': '20ms' }, 360_000],
    ['the tokens limit used up', { 'x-ratelimit-remaining-requests': '59', 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '1.5s' }, 1500],
    ['requests left: the tokens were short', { 'x-ratelimit-remaining-requests': '3', 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-remaining-tokens': '120', 'x-ratelimit-reset-tokens': '1m30s' }, 90_000],
    ['both used up: the longer wait', { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '2s', 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '1h0m0s' }, 3_600_000],
    ['not a duration', { 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': 'soon' }, undefined],
    ['absent', {}, undefined],
  ];
  for (const [name, h, expected] of cases) {
    it(name, () => assert.equal(rateLimitResetMs(headers(h)), expected));
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
