// What the report reads of a completion request record. The completion engine's RequestRecord
// (src/completion/requestRecord.ts) has these fields and more; the report depends only on these,
// so the engine can grow its records without touching the report, and the export stays a list.

export interface ReportRecord {
  readonly id: number;
  /** typing | explicit | prefetch */
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
  readonly tokensOut: number;
  readonly tokensWasted: number;
  readonly charsOut: number;
  readonly charsUsed: number;
  readonly linesShown: number;
  /** Editor calls answered from this request's stream. */
  readonly answers: number;
}

/** Where the records come from: the completion engine's request log (a ring buffer). */
export interface RecordSource {
  /** Copies of the records, oldest first. */
  all(): readonly ReportRecord[];
  /** Fires when a record is added or changes. */
  onDidChange(listener: () => void): { dispose(): void };
}
