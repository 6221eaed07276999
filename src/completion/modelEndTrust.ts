// Whether a model's own end of an answer means there is nothing more to ask for there. A FIM model
// ends its answer where its text meets the text after the cursor: asked again where that answer
// ends, it answers nothing, and the request after Tab (the prefetch, the editor's own call) is
// wasted. Other models end early, after a line or a statement, and asked again they go on. So it
// is learned from the backend's answers: once requests made where a model ended have come back
// empty CONFIRMATIONS times in a row, such places are left unasked, all but every PROBE_EVERY-th,
// which is asked to keep learning; one that comes back with text ends the trust at once.
// (Strategy.trustsModelEnd: Rill's own; the bench's peers ask there as they always do.)

/** Empty answers in a row where a model ended before such places are left unasked. */
const CONFIRMATIONS = 2;
/** While trusted, one model end in this many is asked anyway. */
const PROBE_EVERY = 4;

export class ModelEndTrust {
  private emptyStreak = 0;
  private trustedEnds = 0;
  private _epoch = 0;

  /** Changes whenever the trust ends: ends trusted before no longer are (see trustEnd). */
  get epoch(): number {
    return this._epoch;
  }

  /** A request made where a model had ended its answer finished: with no text, or with some. */
  note(answeredNothing: boolean): void {
    if (answeredNothing) {
      this.emptyStreak++;
      return;
    }
    this.emptyStreak = 0;
    this._epoch++;
  }

  /** A suggestion with text ended by its model: whether its end goes unasked (while the epoch stays). */
  trustEnd(): boolean {
    if (this.emptyStreak < CONFIRMATIONS) return false;
    return ++this.trustedEnds % PROBE_EVERY !== 0;
  }

  reset(): void {
    this.emptyStreak = 0;
    this.trustedEnds = 0;
    this._epoch++;
  }
}
