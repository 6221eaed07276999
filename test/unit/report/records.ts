// Request records for the report tests: a readable default and the fields a test cares about.
import { type RequestRecord, newRecord } from '../../../src/completion/requestRecord';
import type { ReportRecord } from '../../../src/report/reportRecord';

let nextId = 1;

/** A record sent at `at` (epoch ms) to `model`, completed, with only `fields` changed. */
export function record(at: number, fields: Partial<ReportRecord> = {}): ReportRecord {
  // Built from the engine's own record type: the report must keep reading what the engine writes.
  const base: RequestRecord = newRecord({ id: nextId++, kind: 'typing', languageId: 'typescript', model: 'coder', keystrokeAt: at - 10, requestedAt: at });
  return {
    ...base,
    feature: 'completion',
    sentAt: at,
    outcome: 'done',
    ...fields,
  };
}
