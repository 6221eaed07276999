// How completion is going, as the status bar and the throttle need to know it: the last error and
// the pause after it (a server that refuses is not hammered), the back-off while suggestions keep
// being contradicted (a wrong model costs little), and the last latency the user saw.
import { isLlmError } from '../llm/errors';
import type { Logger } from '../base/logger';
import { Backoff } from './backoff';
import type { Clock } from '../base/clock';
import type { EngineStatus } from './engineStatus';
import { RejectionBackoff } from './rejectionBackoff';
import type { Budgets } from './backendStats';
import type { TypingVerdict } from './session';

export class EngineHealth {
  private readonly errors: Backoff;
  private readonly rejections = new RejectionBackoff();
  private _lastError: EngineStatus['error'];
  private _lastLatencyMs: number | undefined;

  constructor(
    clock: Clock,
    private readonly logger: Logger,
  ) {
    this.errors = new Backoff(clock);
  }

  get lastError(): EngineStatus['error'] {
    return this._lastError;
  }
  get lastLatencyMs(): number | undefined {
    return this._lastLatencyMs;
  }
  /** After an error: automatic requests wait until then. */
  get pausedUntil(): number | undefined {
    return this.errors.pausedUntil;
  }
  get paused(): boolean {
    return this.errors.active;
  }
  /** Speculative requests (prefetch) wait while paused or backed off. */
  get speculationAllowed(): boolean {
    return !this.errors.active && !this.rejections.active;
  }

  failed(error: unknown): void {
    this.errors.note(error);
    const kind = isLlmError(error) ? error.kind : 'unknown';
    const message = error instanceof Error ? error.message : String(error);
    this._lastError = { kind, message };
    this.logger.warn(`Completion request failed (${kind}): ${message}`);
  }

  /**
   * The server answered (a block may stream on long after its first line): the error is over, and
   * so is the pause after it (an Alt+\ answered during a quota or rate-limit pause: automatic
   * requests had stayed off for the pause's 30 minutes).
   */
  answered(): void {
    this._lastError = undefined;
    this.errors.reset();
  }

  /** Ghost text reached the editor `ms` after the last keystroke. */
  shownAfter(ms: number): void {
    this._lastLatencyMs = Math.round(ms);
  }

  /** The user's typing contradicted a suggestion (after agreeing with `agreedChars`), or wrote all of it. */
  judged(verdict: TypingVerdict, agreedChars: number): void {
    if (verdict === 'contradicted') this.rejections.noteContradicted(agreedChars);
    else this.rejections.noteAccepted();
  }

  accepted(): void {
    this.rejections.noteAccepted();
  }

  /** While suggestions keep being contradicted, how much longer a request must wait after the last keystroke. */
  rejectionDelay(sinceKeystrokeMs: number): number {
    const debounce = this.rejections.debounceMs;
    return debounce > 0 ? Math.max(0, debounce - sinceKeystrokeMs) : 0;
  }

  /** The backend's budgets, shortened while backed off. */
  limit(budgets: Budgets): Budgets {
    return this.rejections.limit(budgets);
  }

  /** Another provider or model: nothing measured of the last one holds (its latency would read as the new one's). */
  reset(): void {
    this.errors.reset();
    this.rejections.reset();
    this._lastError = undefined;
    this._lastLatencyMs = undefined;
  }
}
