// A model can be right about the line the user is on and wrong about the lines after it. When the
// user deletes lines that a Tab inserted after its first line (or most of the text of its last
// one), later suggestions stop at their first line for a while: the single-line Tabs that help
// stay, the deletions go. A block is tried again after a few single-line Tabs (more after each
// relapse), and blocks are trusted again as soon as one is kept. A tail the user typed over (the
// first line taken, the next one contradicted) says the same more cheaply: suggestions stop at
// their first line for the first relapse's count of Tabs.
// After either, no request is made ahead for the state after a suggestion's lines after its first
// until a tail is kept.
// Nothing here reads the clock: it learns only from what the user did with a suggestion.
import type { Budgets } from './backendStats';
import type { TypingVerdict } from './sessionText';
import type { DocumentState } from './types';

/**
 * Single-line Tabs before a block is tried again, by how many blocks in a row lost their tail. A
 * block that loses its tail costs the user a selection and a deletion per line; one held to its
 * first line costs at most one more Tab: so the wait is long from the start, and doubles.
 */
const SINGLE_LINE_TABS = [0, 4, 8, 16];

/** What the user did with the text a Tab inserted. */
export type AcceptedFate = 'kept' | 'tail-deleted' | 'all-deleted';

export interface Settled {
  readonly sessionId: number;
  readonly fate: AcceptedFate;
}

interface Watch {
  readonly uri: string;
  readonly sessionId: number;
  /** Where the inserted text starts in the document (characters). */
  readonly start: number;
  readonly text: string;
  /** The end of its first line with text. */
  readonly headEnd: number;
  /** Its last line break before trailing blank lines: deleting back to it removed at least a whole line. */
  readonly lastBreak: number;
}

const offsetOf = (state: DocumentState) => (state.prefixOffset ?? 0) + state.prefix.length;

/** The end of `text`'s first line with text (its line break), or -1 when it has no line after it. */
function headEnd(text: string): number {
  const content = /\S/.exec(text);
  return content ? text.indexOf('\n', content.index) : -1;
}

/** Whether `text` holds text on a line after its first line with text: taking it takes a tail. */
export function hasTail(text: string): boolean {
  const end = headEnd(text);
  return end >= 0 && /\S/.test(text.slice(end));
}

/** Characters the document from `from` (in the state's prefix) on shares with `text`; reads at most text's length. */
function sharedWithDocument(state: DocumentState, from: number, text: string): number {
  let i = 0;
  for (; i < text.length && from + i < state.prefix.length; i++) if (state.prefix.charCodeAt(from + i) !== text.charCodeAt(i)) return i;
  const inPrefix = i;
  for (; i < text.length && i - inPrefix < state.suffix.length; i++) if (state.suffix.charCodeAt(i - inPrefix) !== text.charCodeAt(i)) return i;
  return i;
}

/** Whether less than half of the text on the watched insert's last line is kept (`kept` characters of it kept). */
function lastLineMostlyGone(watch: Watch, kept: number): boolean {
  const line = watch.text.slice(watch.lastBreak + 1).trimEnd();
  const content = line.trimStart();
  const keptContent = Math.max(0, kept - (watch.lastBreak + 1) - (line.length - content.length));
  return keptContent * 2 < content.length;
}

export class TailTrust {
  private watch: Watch | undefined;
  private relapses = 0;
  private singleLineTabsLeft = 0;
  /** The last tail the user judged was not taken (deleted or typed over). */
  private tailDoubted = false;

  /** Whether suggestions are held to their first line now. */
  get singleLine(): boolean {
    return this.singleLineTabsLeft > 0;
  }

  /** Whether a request may be made ahead for the state after a suggestion's lines after its first. */
  get tailsTrusted(): boolean {
    return !this.tailDoubted && !this.singleLine;
  }

  /**
   * The user's typing contradicted a suggestion whose text is `text` after agreeing with it up to
   * `agreedEnd`: after its first line (its tail was wrong), or after a whole line of its tail (it
   * was right). A Tab types a suggestion through whole, which says nothing yet: what the user does
   * next does (see observe).
   */
  judged(text: string, verdict: TypingVerdict, agreedEnd: number): void {
    const end = headEnd(text);
    if (verdict !== 'contradicted' || end < 0 || agreedEnd < end) return;
    const tailLineEnd = text.indexOf('\n', end + 1 + Math.max(0, text.slice(end + 1).search(/\S/)));
    this.tailDoubted = tailLineEnd < 0 || agreedEnd < tailLineEnd;
    // Typed over rather than deleted: held to one line as after a first relapse, not counted as one.
    if (this.tailDoubted) this.singleLineTabsLeft = Math.max(this.singleLineTabsLeft, SINGLE_LINE_TABS[1]!);
  }

  /** A Tab inserted `text`; `state` is the document right after it. */
  accepted(state: DocumentState, text: string, sessionId: number): void {
    this.watch = undefined;
    if (!state.prefix.endsWith(text)) return;
    const newline = headEnd(text);
    const lastBreak = text.trimEnd().lastIndexOf('\n');
    if (newline < 0 || lastBreak < newline) {
      // One line: it counts toward trying a block again.
      if (this.singleLineTabsLeft > 0) this.singleLineTabsLeft--;
      return;
    }
    this.watch = { uri: state.uri, sessionId, start: offsetOf(state) - text.length, text, headEnd: newline, lastBreak };
  }

  /**
   * The document after the user's next action. Returns the inserted block's fate once the user has
   * shown it: typed on after it (kept), or deleted lines of it. Moving the cursor decides nothing.
   */
  observe(state: DocumentState): Settled | undefined {
    const watch = this.watch;
    if (!watch) return undefined;
    const at = offsetOf(state);
    const end = watch.start + watch.text.length;
    const from = watch.start - (state.prefixOffset ?? 0);
    // Another document, the cursor before the insert, or the insert out of the state's window.
    if (state.uri !== watch.uri || at < watch.start || from < 0) {
      this.watch = undefined;
      return undefined;
    }
    const matched = sharedWithDocument(state, from, watch.text);
    if (matched === watch.text.length) {
      // All of it is still there: typed on after it, or the cursor moved (an arrow key).
      return at > end ? this.settle(watch, 'kept') : undefined;
    }
    // Text after the cursor may match by chance: what was kept ends at the cursor at most.
    const kept = Math.min(matched, at - watch.start);
    if (kept < watch.headEnd) return this.settle(watch, 'all-deleted');
    if (kept <= watch.lastBreak || lastLineMostlyGone(watch, kept)) return this.settle(watch, 'tail-deleted');
    // A few characters off the last line (a wrong closing token) say nothing about the lines.
    return at > end ? this.settle(watch, 'kept') : undefined;
  }

  /** The backend's budgets, held to one line while blocks are not trusted. */
  limit(budgets: Budgets): Budgets {
    return this.singleLine ? { ...budgets, maxLines: 1 } : budgets;
  }

  reset(): void {
    this.watch = undefined;
    this.relapses = 0;
    this.singleLineTabsLeft = 0;
    this.tailDoubted = false;
  }

  private settle(watch: Watch, fate: AcceptedFate): Settled {
    this.watch = undefined;
    if (fate === 'kept') {
      this.relapses = 0;
      this.singleLineTabsLeft = 0;
      this.tailDoubted = false;
    } else if (fate === 'tail-deleted') {
      this.tailDoubted = true;
      this.relapses = Math.min(this.relapses + 1, SINGLE_LINE_TABS.length - 1);
      this.singleLineTabsLeft = SINGLE_LINE_TABS[this.relapses]!;
    }
    return { sessionId: watch.sessionId, fate };
  }
}
