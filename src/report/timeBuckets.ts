// Time buckets for the report's charts: a "nice" width (1 s, 5 s, 1 min...) chosen so that the span
// of the records fits in a readable number of points.

const NICE_WIDTHS_MS = [
  1_000, 2_000, 5_000, 10_000, 15_000, 30_000,
  60_000, 2 * 60_000, 5 * 60_000, 10 * 60_000, 15 * 60_000, 30 * 60_000,
  3_600_000, 2 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 24 * 3_600_000,
];

/** The smallest nice width that puts `[from, to]` into at most `maxBuckets` buckets. */
export function bucketWidth(from: number, to: number, maxBuckets = 30): number {
  const span = Math.max(0, to - from);
  for (const width of NICE_WIDTHS_MS) {
    if (Math.floor(to / width) - Math.floor(from / width) + 1 <= maxBuckets) return width;
  }
  const day = NICE_WIDTHS_MS[NICE_WIDTHS_MS.length - 1] as number;
  return Math.ceil(span / maxBuckets / day) * day;
}

/** The start of the bucket holding `time`. */
export function bucketStart(time: number, width: number): number {
  return Math.floor(time / width) * width;
}
