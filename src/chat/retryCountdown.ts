// Says a request's wait to be asked again (a server's Retry-After) once a second, counted down,
// for a message that shows one line at a time (Generate's progress notification). The chat page
// counts its own waits down (media/chat/countdown.ts); this is the same for the host's messages.
import type { Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { LlmErrorKind } from '../llm/errors';
import { nextTickMs, retryingNote } from '../protocol/retryWait';
import { NOTED_RETRY_MS, retryReason } from './resume';

export class RetryCountdown implements Disposable {
  private timer: Disposable | undefined;

  constructor(
    private readonly clock: Clock,
    /** Called with the note now and at each whole second left; `first` for the first note of a wait. */
    private readonly say: (note: string, first: boolean) => void,
  ) {}

  /** A new wait of `waitMs` before the request is asked again; a short backoff is no news. */
  start(kind: LlmErrorKind, waitMs: number): void {
    this.stop();
    if (waitMs < NOTED_RETRY_MS) return;
    const why = retryReason(kind);
    const until = this.clock.now() + waitMs;
    const tick = (first: boolean): void => {
      const left = until - this.clock.now();
      this.say(retryingNote(why, left), first);
      if (left > 0) this.timer = this.clock.setTimeout(() => tick(false), nextTickMs(left));
    };
    tick(true);
  }

  /** Text came (or the run ended): the wait is no longer news. */
  stop(): void {
    this.timer?.dispose();
    this.timer = undefined;
  }

  dispose(): void {
    this.stop();
  }
}
