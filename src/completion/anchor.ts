// A session's anchor: the document text around the cursor when its request was made. A later
// document state either continues it (the user typed after it), lies before it (backspace, or a
// prefetch for the state after Tab), or is elsewhere. Compared over bounded windows at absolute
// positions, and only those windows are kept, so that a keystroke costs the same in a large file
// and a session holds a few KiB of the document, not all of it.
import { cursorOffset, suffixLength } from './documentWindow';
import { AUTO_CLOSED } from './site';
import type { DocumentState } from './types';

/** The text before the cursor that must match for a state to continue the anchor. */
const PREFIX_WINDOW = 2048;
/** The text before the cursor kept: a state up to KEEP - WINDOW characters before the anchor is recognised. */
const PREFIX_KEEP = 4096;
const SUFFIX_WINDOW = 1024;

export type AnchorRelation =
  | { readonly kind: 'after'; readonly typed: string }
  | { readonly kind: 'before'; readonly missing: string }
  | { readonly kind: 'elsewhere' };

const ELSEWHERE: AnchorRelation = { kind: 'elsewhere' };

export class Anchor {
  /** The end of the text before the cursor (the last PREFIX_KEEP characters). */
  private readonly kept: string;
  private readonly suffixHead: string;
  /** The cursor's offset in the document, and the length of the text after it. */
  private readonly cursor: number;
  private readonly suffixLength: number;

  constructor(
    readonly uri: string,
    state: Pick<DocumentState, 'prefix' | 'suffix' | 'prefixOffset' | 'suffixBeyond'>,
  ) {
    this.kept = state.prefix.slice(-PREFIX_KEEP);
    this.suffixHead = state.suffix.slice(0, SUFFIX_WINDOW);
    this.cursor = cursorOffset(state);
    this.suffixLength = suffixLength(state);
  }

  /** Characters of the document this anchor holds (for the cache's byte budget). */
  get footprint(): number {
    return this.kept.length + this.suffixHead.length;
  }

  relate(state: DocumentState): AnchorRelation {
    if (state.uri !== this.uri || !this.suffixFits(state)) return ELSEWHERE;
    const offset = state.prefixOffset ?? 0;
    const at = cursorOffset(state);
    if (at >= this.cursor) {
      // The anchor's last PREFIX_WINDOW characters must sit just before where the anchor was.
      const tail = this.kept.slice(-PREFIX_WINDOW);
      const from = this.cursor - tail.length - offset;
      if (from < 0) return ELSEWHERE;
      return state.prefix.startsWith(tail, from) ? { kind: 'after', typed: state.prefix.slice(this.cursor - offset) } : ELSEWHERE;
    }
    // Before the anchor: the state's last characters must be the anchor's text at the same place.
    const keptStart = this.cursor - this.kept.length;
    const from = Math.max(at - PREFIX_WINDOW, 0, offset);
    if (from < keptStart) return ELSEWHERE;
    const mine = state.prefix.slice(from - offset);
    return this.kept.startsWith(mine, from - keptStart) ? { kind: 'before', missing: this.kept.slice(at - keptStart) } : ELSEWHERE;
  }

  /**
   * The text after the cursor is the anchor's, or the anchor's behind characters that the editor
   * closes by itself (typing `(` inserts `()`).
   */
  private suffixFits(state: DocumentState): boolean {
    const extra = suffixLength(state) - this.suffixLength;
    if (extra < 0) return false;
    return state.suffix.startsWith(this.suffixHead, extra) && (extra === 0 || AUTO_CLOSED.test(state.suffix.slice(0, extra)));
  }
}
