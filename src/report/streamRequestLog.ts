// Records of the chat panel's and Generate at Cursor's requests, for the latency report: the same
// shape as the completion engine's records (model, time to first token, tokens in and out, how it
// ended). A provider wrapped by `recording` leaves one record per `stream` call; the features
// themselves need not know. Pure: no vscode import, the clock is injected.
import type { Clock } from '../base/clock';
import { Emitter } from '../base/event';
import { isLlmError } from '../llm/errors';
import type { LlmProvider, LlmRequest, StreamEvent } from '../llm/types';
import { newRecord } from '../completion/requestRecord';
import type { RequestFeature } from '../protocol/latencyReport';
import type { RecordSource, ReportRecord } from './reportRecord';

/** Chat and Generate requests are few (one per question), so fewer are kept than for completion. */
const DEFAULT_CAPACITY = 200;

/** Why a stream ended before the model finished, when the reader (not an error) ended it. */
export const STOPPED = 'stopped';

type MutableRecord = { -readonly [K in keyof ReportRecord]: ReportRecord[K] };

export class StreamRequestLog implements RecordSource {
  private readonly ring: MutableRecord[] = [];
  private readonly changed = new Emitter<void>();
  private nextId = 1;

  /** `clock`: the completion engine's, so that every record of the report is on one time base. */
  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    readonly capacity = DEFAULT_CAPACITY,
  ) {}

  all(): readonly ReportRecord[] {
    return this.ring.map((r) => ({ ...r }));
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.changed.event(listener);
  }

  /** `provider`, leaving a record of `feature` for each request it streams. */
  recording(provider: LlmProvider, feature: Exclude<RequestFeature, 'completion'>, languageId = ''): LlmProvider {
    const log = this;
    return {
      label: provider.label,
      model: provider.model,
      listModels: (signal) => provider.listModels(signal),
      ...(provider.describe ? { describe: provider.describe.bind(provider) } : {}),
      stream(request, signal) {
        return log.record(provider, feature, languageId, request, signal);
      },
    };
  }

  private async *record(
    provider: LlmProvider,
    feature: Exclude<RequestFeature, 'completion'>,
    languageId: string,
    request: LlmRequest,
    signal: AbortSignal,
  ): AsyncGenerator<StreamEvent> {
    const at = this.clock.now();
    const r = this.add({ feature, languageId, model: provider.model, requestedAt: at, sentAt: at });
    let usageOut: number | undefined;
    let textEvents = 0;
    try {
      for await (const event of provider.stream(request, signal)) {
        if (event.type === 'text' && event.text !== '') {
          r.firstByteAt ??= this.clock.now();
          textEvents++;
          r.charsOut += event.text.length;
          r.charsUsed = r.charsOut;
          r.tokensOut = usageOut ?? textEvents;
        } else if (event.type === 'usage') {
          if (event.inputTokens !== undefined) r.tokensIn = event.inputTokens;
          if (event.outputTokens !== undefined) r.tokensOut = usageOut = event.outputTokens;
        } else if (event.type === 'end') {
          r.stopReason = event.finishReason;
          if (event.finishReason === 'aborted') this.end(r, 'aborted');
        }
        yield event;
      }
    } catch (error) {
      r.errorKind = isLlmError(error) ? error.kind : 'unknown';
      this.end(r, 'error');
      throw error;
    } finally {
      // The reader stopped reading: stopped (its signal aborted) or it had all it wanted.
      this.end(r, signal.aborted ? 'aborted' : 'done');
    }
  }

  /** A record of an explicit request (the user asked), already sent. */
  private add(init: Pick<ReportRecord, 'feature' | 'languageId' | 'model' | 'requestedAt' | 'sentAt'>): MutableRecord {
    const { feature, sentAt, ...fields } = init;
    // The completion engine's blank record, with the feature named and the request already sent.
    const record: MutableRecord = { ...newRecord({ ...fields, kind: 'explicit', id: this.nextId++, keystrokeAt: undefined }), feature, sentAt, outcome: 'streaming' };
    this.ring.push(record);
    if (this.ring.length > this.capacity) this.ring.shift();
    this.changed.fire();
    return record;
  }

  /** The first ending wins: an `aborted` end event is not undone by the loop ending after it. */
  private end(r: MutableRecord, outcome: 'done' | 'aborted' | 'error'): void {
    if (r.outcome !== 'streaming') return;
    r.outcome = outcome;
    r.endedAt = this.clock.now();
    if (outcome === 'aborted') r.abortReason = STOPPED;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
