// Time for the completion engine. The core never reads the wall clock or starts a timer itself:
// it is handed a Clock, so that tests run on a fake one and every wait is deterministic.
import type { Disposable } from '../base/disposable';

export interface Clock {
  /** Milliseconds; monotonic, sub-millisecond where the platform allows. */
  now(): number;
  /** Runs `fn` once after `ms`; disposing the handle cancels it. */
  setTimeout(fn: () => void, ms: number): Disposable;
}

/**
 * The real clock, for the VS Code adapter and the bench. Epoch-based so that records can be read
 * as dates, but built on `performance.now()` so that it never jumps backwards.
 */
export const systemClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, ms));
    return { dispose: () => clearTimeout(handle) };
  },
};

/** Resolves after `ms` on `clock`, or at once (with false) when `signal` aborts. Never hangs. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      timer.dispose();
      resolve(false);
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
