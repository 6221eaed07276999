// Waiting with precision and without leaks: every wait ends early (with `false`) when the
// connection goes away, so no timer outlives its request and a test process can exit.

import { performance } from 'node:perf_hooks';

/** Waits until performance.now() >= `at`. Resolves false if `signal` aborted first. */
export function sleepUntil(at: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  const ms = at - performance.now();
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    // setTimeout may fire up to a fraction of a millisecond before its delay; round up so a
    // token is never early.
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, Math.ceil(ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * When each token is due: the first at start + ttft, then one every `intervalMs`. Times are
 * absolute, so small timer lateness does not accumulate; but after a real hiccup (a token more
 * than half an interval late) the schedule restarts from that token, so the rest keep their
 * pace instead of bursting to catch up.
 */
export class TokenSchedule {
  private anchorIndex = 0;
  private anchorAt: number;

  constructor(
    private readonly start: number,
    private readonly ttftMs: number,
    readonly intervalMs: number,
  ) {
    this.anchorAt = start + ttftMs;
  }

  static of(start: number, reply: { ttftMs?: number; tokensPerSec?: number; fault?: string }): TokenSchedule {
    const tps = reply.fault === 'slow-drip' ? 1 : reply.tokensPerSec;
    const interval = tps === undefined || !Number.isFinite(tps) || tps <= 0 ? 0 : 1000 / tps;
    return new TokenSchedule(start, Math.max(0, reply.ttftMs ?? 0), interval);
  }

  /** Due time of token `index` (0-based). */
  due(index: number): number {
    return this.anchorAt + (Math.max(0, index) - this.anchorIndex) * this.intervalMs;
  }

  /** Token `index` actually went out at `at`. */
  sent(index: number, at: number): void {
    if (at - this.due(index) > this.intervalMs / 2) {
      this.anchorIndex = index;
      this.anchorAt = at;
    }
  }

  /** Halfway between the previous token (or the start) and token `index`: where a keep-alive goes. */
  keepAliveBefore(index: number): number | undefined {
    const previous = index === 0 ? this.start : this.due(index - 1);
    const gap = this.due(index) - previous;
    return gap > 0 ? previous + gap / 2 : undefined;
  }

  /** When the whole answer of `count` tokens is done, if nothing is late (complete answers). */
  doneAt(count: number): number {
    return this.due(count - 1);
  }

  /** The ideal prompt and generation times of `count` tokens (timings of complete answers). */
  idealTimings(count: number): { promptMs: number; predictedMs: number } {
    return { promptMs: this.ttftMs, predictedMs: Math.max(0, count - 1) * this.intervalMs };
  }
}
