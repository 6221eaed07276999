// The latency report's charts are canvases: a screen reader gets what each shows from its name,
// which chartText writes from the same report the chart draws.
import * as assert from 'node:assert/strict';
import { chartText } from '../../../media/report/chartText';
import { aggregate } from '../../../src/report/aggregate';
import { record } from './records';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

describe('chartText: each report chart in words', () => {
  const report = aggregate([
    ...[100, 200, 300, 400].map((ms, i) => record(T0 + i, { model: 'coder', firstByteAt: T0 + i + ms, shownAt: T0 + i + ms + 5, tokensIn: 100, tokensOut: 10, tokensWasted: i === 0 ? 10 : 0, ...(i < 3 ? { acceptedAt: T0 + 900 } : {}) })),
    record(T0 + 10, { model: 'big', feature: 'chat', firstByteAt: T0 + 910, tokensIn: 2000, tokensOut: 300 }),
    record(T0 + 11, { outcome: 'aborted', abortReason: 'diverged' }),
    record(T0 + 12, { outcome: 'error', errorKind: 'rate-limited' }),
  ]);

  it('latency charts give each model its p50 and p90 and how many requests they come from', () => {
    assert.equal(chartText(report, 'ttftMs'), 'coder: p50 200 ms, p90 400 ms over 4 requests; big (chat & Ask): p50 900 ms, p90 900 ms over 1 request');
  });

  it('the count charts give their bars, the acceptance its share, the errors their kinds', () => {
    assert.equal(chartText(report, 'requests'), '7 sent, 0 answered from a running stream, 0 not sent, 5 completed, 0 ended by Rill at the end of the suggestion, 1 aborted: diverged (you typed something else), 1 failed');
    assert.match(chartText(report, 'features'), /^completion: 6 sent, 4 completed, 0 block ended, 1 stopped, 1 failed; tokens \d+ in, \d+ out; chat & Ask: 1 sent, 1 completed/);
    assert.match(chartText(report, 'tokens'), /coder: \d+ input, \d+ output, 10 wasted/);
    assert.equal(chartText(report, 'acceptance'), '75%: 3 accepted of 4 shown');
    assert.equal(chartText(report, 'errors'), 'rate-limited: 1');
  });

  it('a chart with nothing to draw has no text (the page says why beside it)', () => {
    const none = aggregate([]);
    for (const id of ['ttftMs', 'ghostMs', 'tokensPerSec', 'features', 'tokens', 'acceptance', 'errors'] as const) assert.equal(chartText(none, id), '', id);
  });
});
