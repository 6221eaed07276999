// The text a session has and what the user did with it: how far it was shown, how far they typed
// through it, the verdict their typing gave, and from these the ghost text the session offers at
// a document state. No stream here: the session feeds it the post-processed text as it grows.
import { alignTyped } from './typedAlignment';
import { type Visibility, endsMidLine, visibleText } from './visibleText';

/** What the user's typing said about a session's text: it went elsewhere, or it wrote all of it. */
export type TypingVerdict = 'contradicted' | 'typed-through';

/** Ghost text a session has for one document state. */
export interface SessionTextAnswer {
  readonly kind: 'text';
  readonly text: string;
  readonly typed: string;
  /** Where in the session's text `text` starts. */
  readonly offset: number;
  /** Characters before the cursor (the editor's indentation of the line) that `text` replaces. */
  readonly replaceBefore: number;
  /** The text ends inside a line still streaming (shown after the cut-off). */
  readonly partial: boolean;
}

/** What a session can say about one document state. */
export type SessionAnswer =
  | SessionTextAnswer
  /** Consistent with the state, but nothing to show yet: more text may come. */
  | { readonly kind: 'wait' }
  | { readonly kind: 'none' };

/** Where the session's stream is, as far as answering goes. */
export interface StreamMoment {
  readonly state: 'streaming' | 'done' | 'aborted';
  /** Failed before a rule or the model ended it: its text was cut. */
  readonly failed: boolean;
  /** A partial line may show (the line took long, or the user follows the stream). */
  readonly partialAllowed: boolean;
  /** The most lines the rules let the text have (see lineLimit). */
  readonly lineLimit: LineLimit;
}

/** The most lines a session's text may have, and whether a blank first line is not counted. */
export interface LineLimit {
  readonly lines: number;
  readonly blankFirstFree: boolean;
}

/** Whether typing `typed` after the anchor has gone past the lines a text within `limit` can have. */
export function pastLineLimit(typed: string, limit: LineLimit): boolean {
  const lines = typed.split('\n');
  const free = limit.blankFirstFree && lines.length > 1 && lines[0]!.trim() === '' ? 1 : 0;
  return lines.length > limit.lines + free;
}

const WAIT: SessionAnswer = { kind: 'wait' };
const NONE: SessionAnswer = { kind: 'none' };

export class SessionText {
  private text = '';
  /** The end (in the text) of the furthest text shown to the user. */
  private shownEnd = 0;
  /** The end (in the text) of the furthest text the user typed through. */
  private typedEnd = 0;
  /** The end (in the text) of what the user's typing agrees with now (less after a deletion). */
  private coveredEnd = 0;
  private verdict: TypingVerdict | undefined;

  get value(): string {
    return this.text;
  }

  update(text: string): void {
    this.text = text;
  }

  /**
   * The user's typing since the anchor is now `typed`. Returns how much of the text it covers and
   * the verdict on the session the first time there is one (one per session): the typing
   * contradicts it, or it typed all of a finished text. Text the user is ahead of is no
   * contradiction while more may come; lines after a line break are compared without their
   * indentation (the editor indents a new line by its own rules).
   */
  noteTyped(typed: string, live: boolean): { readonly covered: number; readonly verdict: TypingVerdict | undefined } {
    const alignment = alignTyped(this.text, typed);
    if (alignment.kind === 'contradicted') return { covered: 0, verdict: this.judged('contradicted') };
    const covered = alignment.kind === 'at' ? alignment.offset : this.text.length;
    this.typedEnd = Math.max(this.typedEnd, covered);
    this.coveredEnd = covered;
    const whole = !live && covered >= this.text.length && this.agreedChars > 0;
    return { covered, verdict: whole ? this.judged('typed-through') : undefined };
  }

  /** Whether `typed` (the user's text since the anchor) is all of the text, ending where it ends (trailing whitespace aside: a shown suggestion never ends with it). */
  endsAt(typed: string): boolean {
    const end = this.text.trimEnd().length;
    if (end === 0) return false;
    const alignment = alignTyped(this.text, typed);
    return alignment.kind === 'at' && alignment.offset >= end && alignment.replaceBefore === 0;
  }

  private judged(verdict: TypingVerdict): TypingVerdict | undefined {
    if (this.verdict) return undefined;
    this.verdict = verdict;
    return verdict;
  }

  /** Text and no verdict yet: the user's typing may still give one. */
  get awaitsVerdict(): boolean {
    return this.verdict === undefined && this.text !== '';
  }

  /**
   * How far into the text the user's typing (and Tabs) agreed with it when the verdict came: text
   * typed through and deleted again before it no longer counts.
   */
  get agreedEnd(): number {
    return this.coveredEnd;
  }

  /** Characters (other than whitespace) of the text the user typed through before any verdict. */
  get agreedChars(): number {
    return this.text.slice(0, this.typedEnd).replace(/\s/g, '').length;
  }

  /** The ghost text offered at a state where the user typed `typed` after the anchor. */
  answer(typed: string, moment: StreamMoment): SessionAnswer {
    // A stream that failed before a rule or the model ended it was cut: none of its text is
    // offered as if it were whole (the status shows the error instead).
    if (moment.failed) return NONE;
    const live = moment.state === 'streaming';
    // The user is on a line the stream may not reach (its line budget): nothing to wait for.
    if (live && pastLineLimit(typed, moment.lineLimit)) return NONE;
    const alignment = alignTyped(this.text, typed);
    if (alignment.kind !== 'at') return live && alignment.kind === 'ahead' ? WAIT : NONE;
    const { offset, replaceBefore } = alignment;
    const visibility: Visibility = !live ? 'final' : moment.partialAllowed ? 'partial' : 'lines';
    const text = this.visible(offset, visibility, moment.state === 'aborted');
    if (text !== undefined) return { kind: 'text', text, typed, offset, replaceBefore, partial: live && endsMidLine(this.text.slice(offset), text, visibility) };
    return live ? WAIT : NONE;
  }

  /** What may show from `offset` on. */
  visible(offset: number, visibility: Visibility, aborted: boolean): string | undefined {
    const remaining = this.text.slice(offset);
    if (!aborted) return visibleText(remaining, visibility);
    // An aborted stream may have stopped mid-word: only what is certain is shown, and what was
    // shown already (the user may be typing through it).
    const certain = visibleText(remaining, 'partial') ?? '';
    const shown = this.text.slice(offset, this.shownEnd).trimEnd();
    const text = shown.length > certain.length ? shown : certain;
    return text.trim() ? text : undefined;
  }

  /** `text` was returned to the editor as the text from `offset` on. Returns the characters it covers. */
  noteShown(offset: number, text: string): number {
    if (this.text.startsWith(text, offset)) this.shownEnd = Math.max(this.shownEnd, offset + text.length);
    return offset + text.length;
  }
}
