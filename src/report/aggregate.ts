// Turns request records (completion, chat, Generate) into the latency and usage report. Pure: the
// same records give the same report, so the webview and the tests see exactly what the user sees.
import { REQUEST_FEATURES, type ReportRecord } from './reportRecord';
import type { FeatureReport, LatencyReport, MetricName, MetricSummary, ModelReport, SeriesPoint, TokenCounts } from '../protocol/latencyReport';
import { spread } from './percentile';
import { promptCacheSummary } from './promptCache';
import { bucketStart, bucketWidth } from './timeBuckets';

const METRICS: readonly MetricName[] = ['ttftMs', 'ghostMs', 'tokensPerSec'];
/** Below these, a request's decoding speed is not measured. */
const MIN_SPEED_TOKENS = 4;
const MIN_SPEED_MS = 50;

/** The measurement of one metric for one request, when the request has it. */
export function measure(record: ReportRecord, metric: MetricName): number | undefined {
  switch (metric) {
    case 'ttftMs':
      return record.sentAt !== undefined && record.firstByteAt !== undefined ? nonNegative(record.firstByteAt - record.sentAt) : undefined;
    case 'ghostMs':
      // Pause to ghost: from the last keystroke to the suggestion on screen, whatever served it.
      return record.keystrokeAt !== undefined && record.shownAt !== undefined ? nonNegative(record.shownAt - record.keystrokeAt) : undefined;
    case 'tokensPerSec': {
      // Decoding speed: tokens after the first over the time they took, so TTFT does not count.
      // A few tokens in a few milliseconds (one network read) say nothing about the speed.
      if (record.firstByteAt === undefined || record.endedAt === undefined || record.tokensOut < MIN_SPEED_TOKENS) return undefined;
      const ms = record.endedAt - record.firstByteAt;
      return ms >= MIN_SPEED_MS ? (record.tokensOut - 1) / (ms / 1000) : undefined;
    }
  }
}

export function aggregate(records: readonly ReportRecord[], maxBuckets = 30): LatencyReport {
  const times = records.map((r) => r.requestedAt);
  const from = times.length ? Math.min(...times) : undefined;
  const to = times.length ? Math.max(...times) : undefined;
  const bucketMs = from !== undefined && to !== undefined ? bucketWidth(from, to, maxBuckets) : 60_000;

  const abortReasons = new Map<string, number>();
  const errors = new Map<string, number>();
  const tokensByModel = new Map<string, TokenCounts>();
  let sent = 0, reused = 0, notSent = 0, completed = 0, stoppedByRule = 0, aborted = 0, failed = 0, streaming = 0;
  let shown = 0, accepted = 0;
  for (const r of records) {
    if (r.sentAt !== undefined) sent++;
    else if (r.outcome !== 'throttled') notSent++;
    reused += Math.max(0, r.answers - 1);
    if (r.outcome === 'done') completed++;
    if (r.outcome === 'stopped') stoppedByRule++;
    if (r.outcome === 'streaming') streaming++;
    // A request replaced before it went out is "not sent", not a stream that was stopped.
    if (r.outcome === 'aborted' && r.sentAt !== undefined) {
      aborted++;
      count(abortReasons, r.abortReason ?? 'unknown');
    }
    if (r.outcome === 'error') {
      failed++;
      count(errors, r.errorKind ?? 'unknown');
    }
    if (r.shownAt !== undefined) shown++;
    if (r.acceptedAt !== undefined) accepted++;
    const t = tokensByModel.get(r.model) ?? { input: 0, output: 0, wasted: 0 };
    tokensByModel.set(r.model, { input: t.input + (r.tokensIn ?? 0), output: t.output + r.tokensOut, wasted: t.wasted + r.tokensWasted });
  }
  const tokens = [...tokensByModel.values()].reduce<TokenCounts>(
    (a, t) => ({ input: a.input + t.input, output: a.output + t.output, wasted: a.wasted + t.wasted }),
    { input: 0, output: 0, wasted: 0 },
  );

  return {
    from,
    to,
    bucketMs,
    requests: { total: records.length, sent, reused, notSent, completed, stoppedByRule, aborted, failed, streaming },
    abortReasons: ranked(abortReasons),
    tokens,
    // Requests that never reached a provider may carry no model name: they cost nothing, so they
    // are in the totals but not in the per-model figures.
    tokensByModel: [...tokensByModel.entries()].filter(([, t]) => t.input + t.output + t.wasted > 0).sort((a, b) => a[0].localeCompare(b[0])),
    acceptance: { shown, accepted, rate: shown > 0 ? accepted / shown : undefined },
    errors: ranked(errors),
    models: REQUEST_FEATURES.flatMap((feature) => modelReports(records.filter((r) => r.feature === feature), bucketMs)),
    features: REQUEST_FEATURES.flatMap((feature) => {
      const rs = records.filter((r) => r.feature === feature);
      return rs.length ? [featureReport(feature, rs)] : [];
    }),
    promptCache: promptCacheSummary(records.filter((r) => r.feature === 'completion')),
  };
}

/** One feature's records, all of the same feature. */
function modelReports(records: readonly ReportRecord[], bucketMs: number): ModelReport[] {
  const sent = records.filter((r) => r.sentAt !== undefined);
  return [...groupBy(sent, (r) => r.model).entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([model, rs]) => {
      const series = {} as Record<MetricName, readonly SeriesPoint[]>;
      const overall = {} as Record<MetricName, MetricSummary | undefined>;
      for (const metric of METRICS) {
        series[metric] = seriesOf(rs, metric, bucketMs);
        overall[metric] = spread(values(rs, metric));
      }
      return { model, feature: (rs[0] as ReportRecord).feature, requests: rs.length, series, overall };
    });
}

function featureReport(feature: FeatureReport['feature'], records: readonly ReportRecord[]): FeatureReport {
  const outcomes = (outcome: string) => records.filter((r) => r.outcome === outcome).length;
  return {
    feature,
    total: records.length,
    sent: records.filter((r) => r.sentAt !== undefined).length,
    completed: outcomes('done'),
    stoppedByRule: outcomes('stopped'),
    // Streams stopped before their end; a request replaced before it went out was never a stream.
    aborted: records.filter((r) => r.outcome === 'aborted' && r.sentAt !== undefined).length,
    failed: outcomes('error'),
    tokens: records.reduce<TokenCounts>(
      (t, r) => ({ input: t.input + (r.tokensIn ?? 0), output: t.output + r.tokensOut, wasted: t.wasted + r.tokensWasted }),
      { input: 0, output: 0, wasted: 0 },
    ),
  };
}

function seriesOf(records: readonly ReportRecord[], metric: MetricName, bucketMs: number): SeriesPoint[] {
  const measured = records.filter((r) => measure(r, metric) !== undefined);
  const buckets = groupBy(measured, (r) => bucketStart(r.requestedAt, bucketMs));
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .flatMap(([t, rs]) => {
      const s = spread(values(rs, metric));
      return s ? [{ t, p50: s.p50, p90: s.p90, n: s.count }] : [];
    });
}

function values(records: readonly ReportRecord[], metric: MetricName): number[] {
  return records.flatMap((r) => {
    const v = measure(r, metric);
    return v === undefined ? [] : [v];
  });
}

function groupBy<K, T>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function ranked(map: Map<string, number>): (readonly [string, number])[] {
  return [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function nonNegative(value: number): number {
  return Math.max(0, value);
}
