// Time for the whole core: the completion engine, the provider streams, the chat's batching and
// every request record. The core never reads the wall clock or starts a timer itself: it is
// handed a Clock, so that tests run on a fake one and every wait is deterministic.
import type { Disposable } from './disposable';

export interface Clock {
  /**
   * Milliseconds on the one time base of every request record (completion, chat, Generate) and
   * every deadline: monotonic, so durations are true and records sort in the order things
   * happened; sub-millisecond where the platform allows.
   */
  now(): number;
  /** Runs `fn` once after `ms`; disposing the handle cancels it. */
  setTimeout(fn: () => void, ms: number): Disposable;
}

/**
 * The real clock, for the VS Code adapter and the bench. The one place where monotonic time is
 * put on the epoch scale (`performance.timeOrigin` + `performance.now()`), so that the report can
 * show a record's times as dates; nothing else stamps a record with `Date.now()`, whose jumps
 * (a clock set back, NTP) and whose drift from the monotonic clock after the machine sleeps
 * would order one feature's records against another's wrongly.
 */
export const systemClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, ms));
    return { dispose: () => clearTimeout(handle) };
  },
};

/** How a sleep ended: its time passed, or its signal aborted it first. */
export type SleepResult = 'elapsed' | 'aborted';

/** Waits `ms` on `clock`, or less when `signal` aborts (at once if it already has). Never hangs. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<SleepResult> {
  if (signal?.aborted) return Promise.resolve('aborted');
  if (ms <= 0) return Promise.resolve('elapsed');
  return new Promise((resolve) => {
    const onAbort = () => {
      timer.dispose();
      resolve('aborted');
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve('elapsed');
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
