// After a failed request, automatic completion pauses for a while instead of hammering a server
// that refuses (rate limit, bad key). The server's Retry-After is honoured but capped: a long one
// must never freeze ghost text for the rest of the day. An explicit trigger always asks.
import type { LlmErrorKind } from '../llm/errors';
import { isLlmError } from '../llm/errors';
import type { Clock } from '../base/clock';

const PAUSE_MS: Readonly<Record<LlmErrorKind, number>> = {
  'rate-limited': 10_000,
  // Out of quota or credit: asking again soon only repeats the error. A new key or settings end
  // the pause at once (the engine resets on a provider change), and Alt+\ still asks.
  quota: 30 * 60_000,
  overloaded: 5_000,
  auth: 30_000,
  'not-found': 30_000,
  'bad-request': 5_000,
  declined: 5_000,
  network: 3_000,
  stalled: 0,
  server: 3_000,
};
const MAX_PAUSE_MS = 5 * 60_000;

export class Backoff {
  private until = 0;

  constructor(private readonly clock: Clock) {}

  get active(): boolean {
    return this.clock.now() < this.until;
  }

  /** When automatic requests resume, while paused (Clock time). */
  get pausedUntil(): number | undefined {
    return this.active ? this.until : undefined;
  }

  note(error: unknown): void {
    const kind: LlmErrorKind = isLlmError(error) ? error.kind : 'server';
    const retryAfter = isLlmError(error) ? error.retryAfterMs : undefined;
    // The cap is for a server's Retry-After; Rill's own pauses are chosen to fit their kind.
    const pause = retryAfter !== undefined && kind !== 'quota' ? Math.min(MAX_PAUSE_MS, retryAfter) : PAUSE_MS[kind];
    this.until = Math.max(this.until, this.clock.now() + pause);
  }

  reset(): void {
    this.until = 0;
  }
}
