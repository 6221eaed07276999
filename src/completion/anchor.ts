// A session's anchor: the document text around the cursor when its request was made. A later
// document state either continues it (the user typed after it), lies before it (backspace, or a
// prefetch for the state after Tab), or is elsewhere. Compared over bounded windows so that a
// keystroke costs the same in a large file.
import { AUTO_CLOSED } from './site';
import type { DocumentState } from './types';

const PREFIX_WINDOW = 2048;
const SUFFIX_WINDOW = 1024;

export type AnchorRelation =
  | { readonly kind: 'after'; readonly typed: string }
  | { readonly kind: 'before'; readonly missing: string }
  | { readonly kind: 'elsewhere' };

const ELSEWHERE: AnchorRelation = { kind: 'elsewhere' };

export class Anchor {
  private readonly prefixTail: string;
  private readonly suffixHead: string;

  constructor(
    readonly uri: string,
    readonly prefix: string,
    readonly suffix: string,
  ) {
    this.prefixTail = prefix.slice(-PREFIX_WINDOW);
    this.suffixHead = suffix.slice(0, SUFFIX_WINDOW);
  }

  relate(state: DocumentState): AnchorRelation {
    if (state.uri !== this.uri || !this.suffixFits(state.suffix)) return ELSEWHERE;
    const p = state.prefix;
    const a = this.prefix;
    if (p.length >= a.length) {
      return p.startsWith(this.prefixTail, a.length - this.prefixTail.length) ? { kind: 'after', typed: p.slice(a.length) } : ELSEWHERE;
    }
    const from = Math.max(0, p.length - PREFIX_WINDOW);
    return a.startsWith(p.slice(from), from) ? { kind: 'before', missing: a.slice(p.length) } : ELSEWHERE;
  }

  /**
   * The text after the cursor is the anchor's, or the anchor's behind characters that the editor
   * closes by itself (typing `(` inserts `()`).
   */
  private suffixFits(suffix: string): boolean {
    const extra = suffix.length - this.suffix.length;
    if (extra < 0) return false;
    return suffix.startsWith(this.suffixHead, extra) && (extra === 0 || AUTO_CLOSED.test(suffix.slice(0, extra)));
  }
}
