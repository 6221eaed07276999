// The x axis of the report's time charts: one tick per bucket start (thinned to a readable number),
// labelled at the bucket's precision, so no two ticks read the same time. Chart.js's own linear
// ticks fall between buckets (every 12.5 s, say) and print the same minute twice.
import { clock } from './format';

export interface TimeAxis {
  /** Axis range: half a bucket either side of the first and last bucket. */
  readonly min: number;
  readonly max: number;
  /** Tick values, epoch ms, all bucket starts. */
  readonly ticks: readonly number[];
}

export function timeAxis(from: number, to: number, bucketMs: number, maxTicks = 8): TimeAxis {
  const first = Math.floor(from / bucketMs) * bucketMs;
  const last = Math.floor(to / bucketMs) * bucketMs;
  const buckets = Math.round((last - first) / bucketMs) + 1;
  const every = Math.max(1, Math.ceil(buckets / maxTicks));
  const ticks: number[] = [];
  for (let t = first; t <= last; t += every * bucketMs) ticks.push(t);
  return { min: first - bucketMs / 2, max: last + bucketMs / 2, ticks };
}

/** The tick labels of an axis, as the chart draws them. */
export function tickLabels(axis: TimeAxis, bucketMs: number): string[] {
  return axis.ticks.map((t) => clock(t, bucketMs));
}

/**
 * The ticks that fit `widthPx` with `labelPx` for each label (every second, third... bucket start,
 * from the first), so labels stay level and apart on a narrow report instead of tilting and crowding.
 */
export function fittingTicks(ticks: readonly number[], widthPx: number, labelPx: number): number[] {
  const fit = Math.max(1, Math.floor(widthPx / labelPx));
  const every = Math.ceil(ticks.length / fit);
  return ticks.filter((_, i) => i % every === 0);
}
