// One record per completion request, kept in a ring buffer: the status bar, the log and the latency
// report read them. Times are Clock milliseconds (epoch-based with the system clock).
import type { LlmErrorKind } from '../llm/errors';
import { Emitter, type Event } from '../base/event';

export type SessionKind = 'typing' | 'explicit' | 'prefetch';

export type AbortReason =
  /** The user's typing contradicts the text the model is writing. */
  | 'diverged'
  /** The cursor moved away from the anchor (another line, another file). */
  | 'moved'
  /** A newer request needed the stream slot (streams per document are capped). */
  | 'capacity'
  /** A newer keystroke replaced this request while it waited in the throttle. */
  | 'superseded'
  /** The user dismissed the suggestion (Esc). */
  | 'dismissed'
  | 'error'
  | 'timeout'
  /** Completion was turned off, snoozed, or the provider changed. */
  | 'disabled'
  | 'disposed';

/**
 * `done`: the model ended its answer. `stopped`: a post-processing rule ended the suggestion (the
 * end of the block, a repetition, the line budget) and closed the stream; `stopReason` names it.
 * `aborted`: the stream was closed before its end (`abortReason` says why: the user diverged...).
 */
export type RequestOutcome = 'throttled' | 'streaming' | 'done' | 'stopped' | 'aborted' | 'error';

export interface RequestRecord {
  readonly id: number;
  readonly kind: SessionKind;
  readonly languageId: string;
  readonly model: string;
  /** The last keystroke before the request. */
  readonly keystrokeAt: number | undefined;
  /** When the engine decided a request was needed (before the throttle). */
  readonly requestedAt: number;
  /** When the request was handed to the provider (undefined: never sent). */
  readonly sentAt: number | undefined;
  readonly firstByteAt: number | undefined;
  /** When the first line of ghost text could be shown. */
  readonly firstLineAt: number | undefined;
  /** When the model text that completed that first line arrived from the provider. */
  readonly firstLineReceivedAt: number | undefined;
  /** When ghost text from this request was first returned to the editor. */
  readonly shownAt: number | undefined;
  /** When the user accepted ghost text from this request (Tab). */
  readonly acceptedAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly outcome: RequestOutcome;
  readonly abortReason: AbortReason | undefined;
  /** The model's finish reason or the post-processing rule that ended the stream. */
  readonly stopReason: string | undefined;
  readonly errorKind: LlmErrorKind | 'unknown' | undefined;
  readonly tokensIn: number | undefined;
  /** Of tokensIn, the prompt tokens the server reused from its cache, when its timings say (llama.cpp, OpenAI cached_tokens). */
  readonly tokensCached: number | undefined;
  readonly tokensOut: number;
  /** Output tokens whose text never reached the user (not shown, not typed, not accepted). */
  readonly tokensWasted: number;
  readonly charsOut: number;
  /** Characters of the output that reached the user: shown, typed through or accepted. */
  readonly charsUsed: number;
  readonly linesShown: number;
  /** Editor calls answered from this request's stream after it started (reuse). */
  readonly answers: number;
}

export type MutableRequestRecord = { -readonly [K in keyof RequestRecord]: RequestRecord[K] };

export function newRecord(init: Pick<RequestRecord, 'id' | 'kind' | 'languageId' | 'model' | 'keystrokeAt' | 'requestedAt'>): MutableRequestRecord {
  return {
    ...init,
    sentAt: undefined,
    firstByteAt: undefined,
    firstLineAt: undefined,
    firstLineReceivedAt: undefined,
    shownAt: undefined,
    acceptedAt: undefined,
    endedAt: undefined,
    outcome: 'throttled',
    abortReason: undefined,
    stopReason: undefined,
    errorKind: undefined,
    tokensIn: undefined,
    tokensCached: undefined,
    tokensOut: 0,
    tokensWasted: 0,
    charsOut: 0,
    charsUsed: 0,
    linesShown: 0,
    answers: 0,
  };
}

/** One log line for a request that ended: how, and what it cost. */
export function describeEnd(record: RequestRecord): string {
  const how =
    record.outcome === 'stopped'
      ? `stopped by ${record.stopReason ?? 'a rule'}`
      : record.outcome === 'aborted'
        ? `aborted (${record.abortReason ?? 'unknown'})`
        : record.outcome === 'error'
          ? `failed (${record.errorKind ?? 'unknown'})`
          : `done (${record.stopReason ?? 'model end'})`;
  return `Completion #${record.id} ${how}: ${record.tokensOut} tokens out, ${record.tokensWasted} wasted, ${record.linesShown} lines shown${record.acceptedAt !== undefined ? ', accepted' : ''}`;
}

/** The last `capacity` records, oldest first. Records are live objects; `all()` returns copies. */
export class RequestLog {
  private readonly ring: MutableRequestRecord[] = [];
  private readonly changed = new Emitter<RequestRecord>();
  /** Fires with a copy of a record whenever it is added or changes. */
  readonly onDidChange: Event<RequestRecord> = this.changed.event;

  constructor(readonly capacity = 500) {}

  add(record: MutableRequestRecord): void {
    this.ring.push(record);
    if (this.ring.length > this.capacity) this.ring.shift();
    this.touch(record);
  }

  touch(record: MutableRequestRecord): void {
    if (this.changed.hasListeners) this.changed.fire({ ...record });
  }

  all(): RequestRecord[] {
    return this.ring.map((r) => ({ ...r }));
  }

  last(): RequestRecord | undefined {
    const r = this.ring[this.ring.length - 1];
    return r && { ...r };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
