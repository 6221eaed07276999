// The "Export JSON" file: the request records, field by field from a fixed list, so that nothing
// added to a record later (a prompt, a header, a key) can reach the file unreviewed.
import type { ReportRecord } from './reportRecord';

/** The record fields written to the export, in this order. Timing, outcome and counts only. */
export const EXPORTED_FIELDS = [
  'feature',
  'id',
  'kind',
  'languageId',
  'model',
  'keystrokeAt',
  'requestedAt',
  'sentAt',
  'firstByteAt',
  'firstLineAt',
  'shownAt',
  'acceptedAt',
  'endedAt',
  'outcome',
  'abortReason',
  'stopReason',
  'errorKind',
  'tokensIn',
  'tokensCached',
  'tokensOut',
  'tokensWasted',
  'charsOut',
  'charsUsed',
  'linesShown',
  'answers',
] as const satisfies readonly (keyof ReportRecord)[];

export type ExportedRecord = { readonly [K in (typeof EXPORTED_FIELDS)[number]]: ReportRecord[K] | null };

export interface RecordsExport {
  readonly format: 'rill-request-records';
  /** 2: records of chat and Generate requests too, told apart by `feature` (ids are unique per feature). */
  readonly version: 2;
  readonly exportedAt: string;
  /** Times are epoch milliseconds. */
  readonly timeUnit: 'ms';
  readonly records: readonly ExportedRecord[];
}

export function exportRecords(records: readonly ReportRecord[], exportedAt: Date): RecordsExport {
  return {
    format: 'rill-request-records',
    version: 2,
    exportedAt: exportedAt.toISOString(),
    timeUnit: 'ms',
    records: records.map((r) => {
      const out: Record<string, unknown> = {};
      // undefined would vanish from the JSON; null keeps every record the same shape.
      for (const field of EXPORTED_FIELDS) out[field] = r[field] ?? null;
      return out as ExportedRecord;
    }),
  };
}

/** The export as the text of the file. */
export function exportJson(records: readonly ReportRecord[], exportedAt: Date): string {
  return `${JSON.stringify(exportRecords(records, exportedAt), null, 2)}\n`;
}

/** A file name for the export, e.g. rill-requests-2025-01-31-1405.json (local time). */
export function exportFileName(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `rill-requests-${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}.json`;
}
