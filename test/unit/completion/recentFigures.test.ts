import assert from 'node:assert/strict';
import { newRecord, type RequestRecord } from '../../../src/completion/requestRecord';
import { percentile, recentFigures } from '../../../src/completion/recentFigures';

const record = (id: number, over: Partial<RequestRecord>): RequestRecord => ({
  ...newRecord({ id, kind: 'typing', languageId: 'ts', model: 'm', keystrokeAt: 0, requestedAt: 0 }),
  ...over,
});

describe('recent figures for the status bar', () => {
  it('percentiles by rank', () => {
    assert.equal(percentile([5, 1, 3, 2, 4], 50), 3);
    assert.equal(percentile([5, 1, 3, 2, 4], 90), 5);
    assert.equal(percentile([], 50), undefined);
  });

  it('counts what was sent, shown, accepted, and the tokens that never reached the user', () => {
    const f = recentFigures([
      record(1, { sentAt: 10, firstByteAt: 310, shownAt: 400, acceptedAt: 900, outcome: 'done', tokensOut: 10, tokensWasted: 2 }),
      record(2, { sentAt: 20, firstByteAt: 520, shownAt: 600, outcome: 'done', tokensOut: 10, tokensWasted: 0 }),
      record(3, { sentAt: 30, outcome: 'aborted', abortReason: 'diverged', tokensOut: 3, tokensWasted: 3 }),
      record(4, { outcome: 'aborted', abortReason: 'superseded' }),
    ]);
    assert.deepEqual(
      [f.requests, f.shown, f.accepted, f.aborted, f.errors, f.latencyP50, f.ttftP50, f.tokensOut, f.tokensWasted],
      [3, 2, 1, 1, 0, 400, 300, 23, 5],
    );
  });
});
