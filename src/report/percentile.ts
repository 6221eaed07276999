// Percentiles for the latency report: nearest-rank, so that every figure shown is a latency some
// request really had (no interpolated values between two requests).

/** The p-th percentile (0 < p <= 100) of `values` by nearest rank; undefined for no values. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface Spread {
  readonly p50: number;
  readonly p90: number;
  readonly count: number;
}

/** p50 and p90 of `values`, or undefined when there are none. */
export function spread(values: readonly number[]): Spread | undefined {
  const p50 = percentile(values, 50);
  const p90 = percentile(values, 90);
  if (p50 === undefined || p90 === undefined) return undefined;
  return { p50, p90, count: values.length };
}
