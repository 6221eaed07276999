// When to send a request that no session or cache can answer. The adaptive policy sends at once at
// the start of a line and on the first keystroke after a pause; inside a burst it waits until the
// user's own rhythm says they paused, never longer than a fraction of the model's latency. The engine
// keeps at most one request waiting, and the next keystroke replaces it. The adaptive policy also
// sends at once on the keystroke that contradicted the suggestion on screen: the user just read it
// and wrote something else, as after a pause (the engine's back-off on wrong models still holds it).

export interface ThrottleInput {
  readonly now: number;
  /** The cursor's line holds only indentation before the cursor. */
  readonly atLineStart: boolean;
  /** The last keystroke contradicted the suggestion on screen. */
  readonly contradictedShown?: boolean;
  /** The longest the adaptive policy may wait (from the backend's budgets). */
  readonly capMs: number;
}

export interface ThrottlePolicy {
  readonly name: string;
  noteKeystroke(at: number): void;
  delayMs(input: ThrottleInput): number;
}

/** Typing faster than this between two keys is a burst. */
const BURST_GAP_MS = 1000;
const DEFAULT_INTERVAL_MS = 150;

export class AdaptiveThrottle implements ThrottlePolicy {
  readonly name = 'adaptive';
  private last: number | undefined;
  private previousGap: number | undefined;
  private typical = DEFAULT_INTERVAL_MS;

  noteKeystroke(at: number): void {
    if (this.last !== undefined) {
      const gap = at - this.last;
      this.previousGap = gap;
      if (gap > 0 && gap < BURST_GAP_MS) this.typical += 0.2 * (gap - this.typical);
    }
    this.last = at;
  }

  /** The user's usual gap between two keys inside a burst. */
  get typicalIntervalMs(): number {
    return this.typical;
  }

  delayMs({ now, atLineStart, contradictedShown, capMs }: ThrottleInput): number {
    if (atLineStart || contradictedShown || this.last === undefined) return 0;
    // The keystroke that ended a pause: the user is likely to look at the screen now.
    const pause = Math.max(500, 4 * this.typical);
    if (this.previousGap === undefined || this.previousGap > pause) return 0;
    // Idle longer than the rhythm predicts: the burst is over.
    const threshold = 1.4 * this.typical;
    const idle = now - this.last;
    return idle >= threshold ? 0 : Math.min(threshold - idle, capMs);
  }
}

/** The naive policy of several peers: wait a fixed time on every call. */
export class FixedDebounce implements ThrottlePolicy {
  readonly name: string;
  constructor(private readonly ms: number) {
    this.name = `debounce-${ms}ms`;
  }
  noteKeystroke(): void {}
  delayMs(): number {
    return this.ms;
  }
}

export class NoThrottle implements ThrottlePolicy {
  readonly name = 'none';
  noteKeystroke(): void {}
  delayMs(): number {
    return 0;
  }
}
