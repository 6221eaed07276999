// How much of a streaming answer to show at each animation frame. Servers, proxies and local models
// deliver text in bursts (a kilobyte, then nothing for a second); drawn as it arrives, the answer
// jumps in lumps and then stands still. The pacer spreads each arrival over the time the stream
// takes to deliver that much at its recent rate (a 2 KB burst from a stream that averages 2 KB a
// second is shown over a second; 30 characters from an even 2,000 characters a second, within the
// frame), so a burst becomes a steady flow that follows the arrival rate, within bounds:
// - a character is shown at most `maxWaitMs` (1 s) after it arrived;
// - no more than `maxLagChars` wait at once: above that the pacer catches up within `catchUpMs`;
// - a stream that ended is shown whole within `endWithinMs` (300 ms); Stop, an error or the reader
//   scrolling away show everything at once (`flush`);
// - text that arrives evenly is not paced: with arrivals a frame apart, each is shown at once, and
//   a word or two is never held back.
// Pure: the caller passes the time (performance.now() in the page, a fake clock in tests).

export interface PacerLimits {
  /** Longest a character waits to be shown. */
  readonly maxWaitMs: number;
  /** Most characters held back before the pacer catches up. */
  readonly maxLagChars: number;
  /** How long a catch-up above `maxLagChars` takes. */
  readonly catchUpMs: number;
  /** Once the stream ended, everything is shown within this long. */
  readonly endWithinMs: number;
  /** How far back the arrival rate is measured. */
  readonly rateWindowMs: number;
}

export const DEFAULT_PACER_LIMITS: PacerLimits = {
  maxWaitMs: 1000,
  // About a screenful of the chat view: a 2 KB burst a second is spread over its second, not
  // shown as a 1.5 KB lump to keep the lag under a few hundred characters.
  maxLagChars: 2500,
  catchUpMs: 250,
  endWithinMs: 300,
  rateWindowMs: 2000,
};

/** A backlog this small is a word or two: shown at once, never paced. */
const SMALL_BACKLOG_CHARS = 12;

interface Arrival {
  readonly at: number;
  /** Received length after this arrival. */
  readonly total: number;
}

interface PendingArrival extends Arrival {
  /** When all of it must be shown. */
  readonly due: number;
}

export class RevealPacer {
  /** Arrivals not yet fully shown, each with its deadline. */
  private pendingArrivals: PendingArrival[] = [];
  /** Recent arrivals, for the arrival rate (the first may be older than the window: the base). */
  private recent: Arrival[] = [];
  private received = 0;
  /** Characters allowed so far (fractional: speed × frame time). */
  private shown = 0;
  private lastFrameAt: number | undefined;
  private endedAt: number | undefined;
  /** While more than `maxLagChars` wait: when the excess must be gone. */
  private catchUpUntil: number | undefined;

  constructor(private readonly limits: PacerLimits = DEFAULT_PACER_LIMITS) {}

  /** The received text is now `total` characters long (it arrived at `now`). */
  receive(total: number, now: number): void {
    if (total <= this.received) return;
    const rate = this.rateBefore(now);
    const chars = total - this.received;
    // Spread over what the stream needs to deliver this much; before the rate is known, over the
    // longest wait allowed (the next arrival then sets the pace: its deadline covers this text too).
    const spread = rate > 0 ? Math.min(this.limits.maxWaitMs, chars / rate) : this.limits.maxWaitMs;
    this.received = total;
    this.pendingArrivals.push({ at: now, total, due: now + spread });
    this.recent.push({ at: now, total });
    while (this.recent.length > 2 && (this.recent[1]?.at ?? now) < now - this.limits.rateWindowMs) this.recent.shift();
    this.lastFrameAt ??= now;
  }

  /** The stream ended normally: the rest is revealed within `endWithinMs`. */
  end(now: number): void {
    this.endedAt ??= now;
  }

  /** Stop, an error, the reader scrolled away, or pacing is off: everything at once. */
  flush(): void {
    this.shown = this.received;
    this.pendingArrivals = [];
  }

  /** Whether frames are still needed to reveal what was received. */
  get pending(): boolean {
    return this.received - this.shown > 0;
  }

  /**
   * How many characters should be visible at frame time `now`. Call once per frame; the result
   * never decreases and never exceeds what was received.
   */
  frame(now: number): number {
    const from = this.lastFrameAt ?? now;
    const dt = Math.max(0, now - from);
    this.lastFrameAt = now;
    const backlog = this.received - this.shown;
    if (backlog <= 0) return this.settle();
    if (backlog <= SMALL_BACKLOG_CHARS) {
      this.shown = this.received;
      return this.settle();
    }
    // Each arrival's rest goes out evenly until it is due: its share of this frame's time. An
    // arrival that is due (a late frame) is shown whole, and never more than it.
    let target = this.shown;
    for (const a of this.pendingArrivals) {
      let due = a.due;
      if (this.endedAt !== undefined) due = Math.min(due, this.endedAt + this.limits.endWithinMs);
      const left = due - from;
      const share = left <= dt + 0.5 ? 1 : dt / left;
      target = Math.max(target, this.shown + (a.total - this.shown) * share);
    }
    // Too much waiting: the excess goes out evenly over the catch-up time from when it built up.
    if (backlog > this.limits.maxLagChars) {
      this.catchUpUntil ??= from + this.limits.catchUpMs;
      const left = this.catchUpUntil - from;
      target = Math.max(target, this.shown + (backlog - this.limits.maxLagChars) * (left <= dt + 0.5 ? 1 : dt / left));
    } else this.catchUpUntil = undefined;
    this.shown = Math.min(this.received, target);
    return this.settle();
  }

  private settle(): number {
    const visible = Math.floor(this.shown);
    // Arrivals fully shown no longer constrain anything.
    while (this.pendingArrivals.length > 0 && (this.pendingArrivals[0]?.total ?? 0) <= visible) this.pendingArrivals.shift();
    return visible;
  }

  /**
   * Characters per millisecond the stream delivered before `now`, over the window: what arrived
   * since the window's first arrival (included), over the time since then. 0 before any arrival.
   */
  private rateBefore(now: number): number {
    const first = this.recent.find((a) => a.at >= now - this.limits.rateWindowMs) ?? this.recent.at(-1);
    if (!first) return 0;
    const before = this.recent[this.recent.indexOf(first) - 1]?.total ?? 0;
    const elapsed = now - first.at;
    return elapsed > 0 ? (this.received - before) / elapsed : 0;
  }
}
