// Figures over the recent requests, for the status bar's tooltip and the log.
import type { RequestRecord } from './requestRecord';

export interface RecentFigures {
  readonly requests: number;
  readonly shown: number;
  readonly accepted: number;
  readonly aborted: number;
  readonly errors: number;
  /** Keystroke to ghost text shown, median and 90th percentile (ms). */
  readonly latencyP50: number | undefined;
  readonly latencyP90: number | undefined;
  /** Request sent to first byte, median (ms). */
  readonly ttftP50: number | undefined;
  readonly tokensOut: number;
  readonly tokensWasted: number;
}

export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** Over the last `count` requests that were sent. */
export function recentFigures(records: readonly RequestRecord[], count = 50): RecentFigures {
  const sent = records.filter((r) => r.sentAt !== undefined).slice(-count);
  const latencies = sent.filter((r) => r.shownAt !== undefined && r.keystrokeAt !== undefined).map((r) => r.shownAt! - r.keystrokeAt!);
  const ttfts = sent.filter((r) => r.firstByteAt !== undefined).map((r) => r.firstByteAt! - r.sentAt!);
  return {
    requests: sent.length,
    shown: sent.filter((r) => r.shownAt !== undefined).length,
    accepted: sent.filter((r) => r.acceptedAt !== undefined).length,
    aborted: sent.filter((r) => r.outcome === 'aborted').length,
    errors: sent.filter((r) => r.outcome === 'error').length,
    latencyP50: percentile(latencies, 50),
    latencyP90: percentile(latencies, 90),
    ttftP50: percentile(ttfts, 50),
    tokensOut: sent.reduce((sum, r) => sum + r.tokensOut, 0),
    tokensWasted: sent.reduce((sum, r) => sum + r.tokensWasted, 0),
  };
}
