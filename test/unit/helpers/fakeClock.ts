// A clock that only moves when the test says so. `advance` runs due timers in order and lets the
// promise jobs they cause settle before moving on, so async streams behave as they would in time.
import type { Clock } from '../../../src/base/clock';
import type { Disposable } from '../../../src/base/disposable';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

export class FakeClock implements Clock {
  private time = 1_000_000;
  private seq = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  /** Timers set and neither run nor cancelled. */
  get pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  setTimeout(fn: () => void, ms: number): Disposable {
    const timer: Timer = { at: this.time + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    return { dispose: () => (timer.cancelled = true) };
  }

  /** Lets every pending promise job run. */
  async flush(): Promise<void> {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  }

  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await this.flush();
      this.timers = this.timers.filter((t) => !t.cancelled);
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.fn();
    }
    this.time = target;
    await this.flush();
  }

  /** Advances in small steps until `promise` settles (or `maxMs` passed); returns its value. */
  async settle<T>(promise: Promise<T>, maxMs = 10_000, stepMs = 1): Promise<T> {
    let settled = false;
    void promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    await this.flush();
    for (let waited = 0; !settled && waited < maxMs; waited += stepMs) await this.advance(stepMs);
    if (!settled) throw new Error(`promise did not settle within ${maxMs} ms of fake time`);
    return promise;
  }
}
