// What the report reads of a request record. The completion engine's RequestRecord
// (src/completion/requestRecord.ts) has these fields (all but `feature`) and more; chat and
// Generate requests leave records of the same shape (streamRequestLog.ts). The report depends only
// on these, so the engine can grow its records without touching the report, and the export stays a list.
import type { RequestFeature } from '../protocol/latencyReport';

export const REQUEST_FEATURES: readonly RequestFeature[] = ['completion', 'chat', 'generate'];

export interface ReportRecord {
  readonly feature: RequestFeature;
  /** Unique within its feature. */
  readonly id: number;
  /** Completion: typing | explicit | prefetch. Chat and Generate: explicit. */
  readonly kind: string;
  readonly languageId: string;
  readonly model: string;
  /** Times are epoch milliseconds. */
  readonly keystrokeAt: number | undefined;
  readonly requestedAt: number;
  readonly sentAt: number | undefined;
  readonly firstByteAt: number | undefined;
  readonly firstLineAt: number | undefined;
  readonly shownAt: number | undefined;
  readonly acceptedAt: number | undefined;
  readonly endedAt: number | undefined;
  /** throttled | streaming | done | aborted | error */
  readonly outcome: string;
  readonly abortReason: string | undefined;
  readonly stopReason: string | undefined;
  readonly errorKind: string | undefined;
  readonly tokensIn: number | undefined;
  /** Of tokensIn, the prompt tokens the server reused from its cache, when it says (completion). */
  readonly tokensCached?: number | undefined;
  readonly tokensOut: number;
  readonly tokensWasted: number;
  readonly charsOut: number;
  readonly charsUsed: number;
  readonly linesShown: number;
  /** Editor calls answered from this request's stream. */
  readonly answers: number;
}

/** A completion engine record as the report reads it: the engine does not name its feature. */
export type CompletionReportRecord = Omit<ReportRecord, 'feature'>;

/** Where records come from: request logs (ring buffers), oldest first. */
export interface Source<T> {
  /** Copies of the records, oldest first. */
  all(): readonly T[];
  /** Fires when a record is added or changes. */
  onDidChange(listener: () => void): { dispose(): void };
}

export type RecordSource = Source<ReportRecord>;
