// A model that keeps being wrong should cost little. When suggestions keep being contradicted at
// their first characters (the user types something else right away), Rill backs off: no request
// at once at a line start or after a pause, a debounce at least as wide as the naive 350 ms one and
// wider the longer the streak, and shorter suggestions. So it never sends more requests per
// keystroke than a 350 ms debounce would. It recovers at once when a suggestion is accepted (Tab,
// or a line typed through).
import type { Budgets } from './backendStats';

/** Fewer agreed characters than this before the contradiction: wrong from the start. */
export const WRONG_FROM_START_CHARS = 4;
/** Consecutive wrong-from-the-start suggestions before backing off. */
const STREAK_TO_BACK_OFF = 2;
/** The debounce while backed off: wider than the naive 350 ms one, so never more requests. */
const FIRST_DEBOUNCE_MS = 400;
const MAX_DEBOUNCE_MS = 1200;
const GROWTH = 1.5;
/** A suggestion while backed off: one line, about one line's tokens. */
const BACKED_OFF_LINES = 1;
const BACKED_OFF_TOKENS = 32;

export class RejectionBackoff {
  private streak = 0;

  /** The user's typing contradicted a suggestion after agreeing with `agreedChars` of it. */
  noteContradicted(agreedChars: number): void {
    if (agreedChars < WRONG_FROM_START_CHARS) this.streak++;
    else this.streak = 0;
  }

  /** A suggestion was accepted (Tab, or typed through): the model is useful again. */
  noteAccepted(): void {
    this.streak = 0;
  }

  reset(): void {
    this.streak = 0;
  }

  get active(): boolean {
    return this.streak >= STREAK_TO_BACK_OFF;
  }

  /** How long after the last keystroke a request may go out; 0 when not backed off. */
  get debounceMs(): number {
    if (!this.active) return 0;
    return Math.min(MAX_DEBOUNCE_MS, Math.round(FIRST_DEBOUNCE_MS * GROWTH ** (this.streak - STREAK_TO_BACK_OFF)));
  }

  /** The backend's budgets, shortened while backed off. */
  limit(budgets: Budgets): Budgets {
    if (!this.active) return budgets;
    return { ...budgets, maxLines: Math.min(budgets.maxLines, BACKED_OFF_LINES), maxTokens: Math.min(budgets.maxTokens, BACKED_OFF_TOKENS) };
  }
}
