// The life of one request record, kept in one place. A record is opened when the engine decides a
// request is needed; it notes what happens to the request (sent, text, first line, shown, used,
// accepted) and it ends exactly once, through `end`. What was shown, used and wasted is counted
// here and nowhere else; every change reaches the request log's listeners.
import type { LlmErrorKind } from '../llm/errors';
import type { Clock } from '../base/clock';
import { type AbortReason, type MutableRequestRecord, type RequestLog, type RequestRecord, newRecord } from './requestRecord';
import { isBlank } from './text';

/** How a request ended. */
export type RecordEnd =
  /** The model ended its answer (its finish reason, when it gave one, is in `stopReason`). */
  | { readonly outcome: 'done' }
  /** A post-processing rule ended the suggestion and closed the stream. */
  | { readonly outcome: 'stopped'; readonly rule: string }
  | { readonly outcome: 'aborted'; readonly reason: AbortReason }
  | { readonly outcome: 'error'; readonly errorKind: LlmErrorKind | 'unknown' };

export type RecordOpening = Parameters<typeof newRecord>[0];

export class RecordKeeper {
  private readonly record: MutableRequestRecord;

  constructor(
    opening: RecordOpening,
    private readonly log: RequestLog,
    private readonly clock: Clock,
  ) {
    this.record = newRecord(opening);
    log.add(this.record);
  }

  get id(): number {
    return this.record.id;
  }
  /** The record as it is now (live: it keeps changing until it ends). */
  get view(): RequestRecord {
    return this.record;
  }
  get ended(): boolean {
    return this.record.endedAt !== undefined;
  }

  model(name: string): void {
    this.change((r) => (r.model = name));
  }

  /** The request went to the provider. */
  sent(): void {
    this.change((r) => {
      r.sentAt = this.clock.now();
      r.outcome = 'streaming';
    });
  }

  /** One more output token; `receivedChars`: the model's text so far. */
  received(receivedChars: number): void {
    const r = this.record;
    r.tokensOut++;
    r.charsOut = receivedChars;
    r.firstByteAt ??= this.clock.now();
  }

  /** `cached`: of the input, the prompt tokens the server reused from its cache, when it says. */
  usage(input: number | undefined, output: number | undefined, cached?: number): void {
    if (input !== undefined) this.record.tokensIn = input;
    if (output !== undefined) this.record.tokensOut = output;
    if (cached !== undefined) this.record.tokensCached = cached;
  }

  finishReason(reason: string): void {
    this.record.stopReason ??= reason;
  }

  /** The first line could be shown; `receivedAt`: when the text that completed it arrived. */
  firstLine(receivedAt: number): void {
    if (this.record.firstLineAt !== undefined) return;
    this.change((r) => {
      r.firstLineAt = this.clock.now();
      r.firstLineReceivedAt = receivedAt;
    });
  }

  /** Ghost text from this request was returned to the editor. */
  shown(text: string): void {
    this.change((r) => {
      r.shownAt ??= this.clock.now();
      r.answers++;
      r.linesShown = Math.max(r.linesShown, text.split('\n').filter((line) => !isBlank(line)).length);
    });
  }

  /** The user now has `chars` characters of the text (`textChars` long): shown, typed or accepted. */
  used(chars: number, textChars: number): void {
    const used = Math.min(chars, textChars);
    if (used <= this.record.charsUsed) return;
    this.change((r) => (r.charsUsed = used));
  }

  accepted(): void {
    this.change((r) => (r.acceptedAt = this.clock.now()));
  }

  /** Ends the record, once: later calls change nothing. Returns whether this call ended it. */
  end(end: RecordEnd): boolean {
    if (this.ended) return false;
    this.change((r) => {
      r.endedAt = this.clock.now();
      r.outcome = end.outcome;
      if (end.outcome === 'stopped') r.stopReason = end.rule;
      if (end.outcome === 'aborted') r.abortReason = end.reason;
      if (end.outcome === 'error') {
        r.abortReason = 'error';
        r.errorKind = end.errorKind;
      }
    });
    return true;
  }

  private change(apply: (record: MutableRequestRecord) => void): void {
    apply(this.record);
    // Output tokens whose text never reached the user: for a stream a rule stopped, only what
    // arrived after its end; for one the user left, all they did not get.
    const r = this.record;
    const used = r.charsOut === 0 ? 0 : Math.min(1, r.charsUsed / r.charsOut);
    r.tokensWasted = Math.round(r.tokensOut * (1 - used));
    this.log.touch(r);
  }
}
