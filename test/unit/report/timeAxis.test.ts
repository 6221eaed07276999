import * as assert from 'node:assert/strict';
import { clock } from '../../../media/report/format';
import { tickLabels, timeAxis } from '../../../media/report/timeAxis';

// 09:00 local time, so the labels below read the same in every time zone.
const T0 = new Date(2025, 0, 1, 9, 0, 0).getTime();

describe('timeAxis: the x axis of the report charts', () => {
  it('ticks on bucket starts only, each label a different time', () => {
    // 100 s of requests in 5 s buckets: 21 buckets, thinned to at most 8 ticks.
    const axis = timeAxis(T0 + 1200, T0 + 100_000, 5_000);
    assert.ok(axis.ticks.length <= 8 && axis.ticks.length >= 4, String(axis.ticks.length));
    assert.ok(axis.ticks.every((t) => t % 5_000 === 0));
    const labels = tickLabels(axis, 5_000);
    assert.equal(new Set(labels).size, labels.length, labels.join(' '));
    assert.equal(labels[0], '09:00:00');
  });

  it('minute buckets: one label per minute, never the same minute twice', () => {
    const axis = timeAxis(T0, T0 + 29 * 60_000, 60_000);
    const labels = tickLabels(axis, 60_000);
    assert.equal(new Set(labels).size, labels.length, labels.join(' '));
    assert.deepEqual(labels.slice(0, 2), ['09:00', '09:04']);
  });

  it('one bucket: one tick, half a bucket either side', () => {
    const axis = timeAxis(T0 + 100, T0 + 900, 1_000);
    assert.deepEqual(axis, { min: T0 - 500, max: T0 + 500, ticks: [T0] });
  });

  it('day buckets are labelled by date', () => {
    assert.equal(clock(T0, 24 * 3_600_000), '2025-01-01');
  });
});
