// The one request that may wait in the throttle. A newer request, or any keystroke, replaces it:
// the waiting call then resolves with false and makes no request.
import { type Clock, sleep } from '../base/clock';

export class ThrottleGate {
  private current: AbortController | undefined;

  constructor(private readonly clock: Clock) {}

  get waiting(): boolean {
    return this.current !== undefined;
  }

  /** True when `ms` passed undisturbed; false when replaced or when `signal` aborted. */
  async wait(ms: number, signal: AbortSignal): Promise<boolean> {
    this.cancel();
    const mine = new AbortController();
    this.current = mine;
    const onAbort = () => mine.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return (await sleep(this.clock, ms, mine.signal)) === 'elapsed';
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (this.current === mine) this.current = undefined;
    }
  }

  cancel(): void {
    this.current?.abort();
    this.current = undefined;
  }
}
