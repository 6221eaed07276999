// What the status bar shows: the engine's state, the last latency the user saw, and the backend
// figures behind it.
import type { LlmErrorKind } from '../llm/errors';
import type { Disposable } from '../base/disposable';
import { Emitter, type Event } from '../base/event';

export type EngineState = 'idle' | 'waiting' | 'streaming' | 'error' | 'snoozed' | 'off';

export interface EngineStatus {
  readonly state: EngineState;
  /** From the last keystroke to ghost text returned to the editor. */
  readonly lastLatencyMs: number | undefined;
  readonly model: string | undefined;
  readonly ttftMs: number | undefined;
  readonly tokensPerSec: number | undefined;
  readonly error: { readonly kind: LlmErrorKind | 'unknown'; readonly message: string } | undefined;
  readonly snoozedUntil: number | undefined;
  /** After an error: automatic requests are paused until then (a server's Retry-After, capped). */
  readonly pausedUntil: number | undefined;
}

export function sameStatus(a: EngineStatus | undefined, b: EngineStatus): boolean {
  return (
    a !== undefined &&
    a.state === b.state &&
    a.lastLatencyMs === b.lastLatencyMs &&
    a.model === b.model &&
    a.error?.message === b.error?.message &&
    a.snoozedUntil === b.snoozedUntil &&
    a.pausedUntil === b.pausedUntil &&
    Math.round(a.ttftMs ?? 0) === Math.round(b.ttftMs ?? 0) &&
    Math.round(a.tokensPerSec ?? 0) === Math.round(b.tokensPerSec ?? 0)
  );
}

export interface StatusInputs {
  readonly enablement: { readonly enabled: boolean; readonly snoozeEnd: number | undefined };
  readonly lastError: EngineStatus['error'];
  /** A stream for the user's own typing is running (prefetches do not count). */
  readonly streaming: boolean;
  /** A request waits in the throttle. */
  readonly waiting: boolean;
  readonly lastLatencyMs: number | undefined;
  readonly model: string | undefined;
  readonly stats: { readonly samples: number; readonly ttftMs: number; readonly tokensPerSec: number } | undefined;
  readonly pausedUntil: number | undefined;
}

/**
 * Off and snoozed win over everything; a request in flight over the last error (the error stays in
 * `error` for the tooltip until a server answers), so a new request after a 401 shows as streaming.
 */
export function statusOf(i: StatusInputs): EngineStatus {
  const snoozedUntil = i.enablement.snoozeEnd;
  const state: EngineState = !i.enablement.enabled ? 'off' : snoozedUntil !== undefined ? 'snoozed' : i.streaming ? 'streaming' : i.waiting ? 'waiting' : i.lastError ? 'error' : 'idle';
  return {
    state,
    lastLatencyMs: i.lastLatencyMs,
    model: i.model,
    ttftMs: i.stats?.samples ? i.stats.ttftMs : undefined,
    tokensPerSec: i.stats?.samples ? i.stats.tokensPerSec : undefined,
    error: i.lastError,
    snoozedUntil,
    pausedUntil: i.pausedUntil,
  };
}

/**
 * When `status` changes with no event from the engine: a pause after an error or a snooze ends by
 * itself. A status bar that shows "paused until 4:51:54" redraws then, not at its next refresh.
 */
export function statusEndsAt(status: EngineStatus): number | undefined {
  const ends = [status.pausedUntil, status.snoozedUntil].filter((t): t is number => t !== undefined);
  return ends.length === 0 ? undefined : Math.min(...ends);
}

/** Tells its listeners when the status (read by `read`) has changed since it last told them. */
export class StatusReporter implements Disposable {
  private last: EngineStatus | undefined;
  private readonly changed = new Emitter<EngineStatus>();
  readonly onDidChange: Event<EngineStatus> = this.changed.event;

  constructor(private readonly read: () => EngineStatus) {}

  update(): void {
    const status = this.read();
    if (sameStatus(this.last, status)) return;
    this.last = status;
    this.changed.fire(status);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
