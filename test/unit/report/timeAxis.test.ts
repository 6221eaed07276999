import * as assert from 'node:assert/strict';
import { clock, perSec } from '../../../media/report/format';
import { fittingTicks, tickLabels, timeAxis } from '../../../media/report/timeAxis';

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

  it('a narrow chart keeps only the ticks whose labels fit side by side, from the first', () => {
    const axis = timeAxis(T0, T0 + 7_000, 1_000);
    assert.equal(axis.ticks.length, 8);
    assert.deepEqual(fittingTicks(axis.ticks, 800, 70), axis.ticks, 'a wide chart keeps all');
    assert.deepEqual(fittingTicks(axis.ticks, 300, 70), [T0, T0 + 2_000, T0 + 4_000, T0 + 6_000], '4 labels fit 300 px');
    assert.deepEqual(fittingTicks(axis.ticks, 40, 70), [T0], 'one at least');
  });

  it('speeds on the axis read as whole numbers; measured ones keep a decimal below 100', () => {
    assert.equal(perSec(50), '50 tok/s');
    assert.equal(perSec(0), '0 tok/s');
    assert.equal(perSec(87.64), '87.6 tok/s');
    assert.equal(perSec(104.4), '104 tok/s');
  });
});
