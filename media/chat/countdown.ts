// A wait the page counts down once a second (a server's Retry-After): it calls back at each whole
// second left and when the wait is over, so a note or a disabled Retry can say what is left. The
// host sends what was left when it made the snapshot; the page counts on its own clock from there.
import { nextTickMs } from '../../src/protocol/retryWait';

export class Countdown {
  private until: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** Called with what is left at each whole second, and with 0 when the wait is over. */
    private readonly onTick: (leftMs: number) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether a wait is counting down. */
  get running(): boolean {
    return this.leftMs > 0;
  }

  /** What is left of the wait (0: none, or over). */
  get leftMs(): number {
    return this.until === undefined ? 0 : Math.max(0, this.until - this.now());
  }

  /** Counts `ms` down from now; undefined (or 0) ends any wait without a call back. */
  start(ms: number | undefined): void {
    this.stop();
    this.until = ms !== undefined && ms > 0 ? this.now() + ms : undefined;
    this.schedule();
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.until = undefined;
  }

  private schedule(): void {
    const left = this.leftMs;
    if (left <= 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onTick(this.leftMs);
      this.schedule();
    }, nextTickMs(left));
  }
}
