// What the status bar shows: the engine's state, the last latency the user saw, and the backend
// figures behind it.
import type { LlmErrorKind } from '../llm/errors';

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
