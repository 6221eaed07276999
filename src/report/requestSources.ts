// Every request of the window in one source for the report: the completion engine's records
// (which do not name their feature) and the chat and Generate records, oldest first.
import { DisposableStore } from '../base/disposable';
import type { CompletionReportRecord, RecordSource, ReportRecord, Source } from './reportRecord';

export function allRequests(completion: Source<CompletionReportRecord>, streams: RecordSource): RecordSource {
  return {
    all: () => {
      const records: ReportRecord[] = [...completion.all().map((r): ReportRecord => ({ ...r, feature: 'completion' })), ...streams.all()];
      // Stable: records of one log keep their order when they were requested in the same millisecond.
      return records.sort((a, b) => a.requestedAt - b.requestedAt);
    },
    onDidChange: (listener) => {
      const subscriptions = new DisposableStore();
      subscriptions.add(completion.onDidChange(listener));
      subscriptions.add(streams.onDidChange(listener));
      return subscriptions;
    },
  };
}
