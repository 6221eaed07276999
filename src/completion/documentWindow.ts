// The part of a document the engine reads at a keystroke: a window of text before and after the
// cursor, large enough for the prompt's windows (and the stepped layout's room), the anchor and the
// cache key, so that a keystroke costs the same in a 5 MB file as in a 5 kB one. A state built from
// a window says where it sits in the document; positions the engine compares are absolute.
import { CHARS_PER_TOKEN } from './prompt/tokens';
import type { DocumentState } from './types';

/** Characters before and after the cursor read from the document. */
export interface DocumentWindow {
  readonly before: number;
  readonly after: number;
}

/** Twice the prompt's whole context budget before the cursor, once after, and never less than a few pages. */
export function documentWindow(contextTokens: number): DocumentWindow {
  const budget = contextTokens * CHARS_PER_TOKEN;
  return { before: Math.max(16_384, 2 * budget), after: Math.max(8_192, budget) };
}

/** The cursor's offset in the whole document. */
export function cursorOffset(state: Pick<DocumentState, 'prefix' | 'prefixOffset'>): number {
  return (state.prefixOffset ?? 0) + state.prefix.length;
}

/** The length of all the text after the cursor (read or not). */
export function suffixLength(state: Pick<DocumentState, 'suffix' | 'suffixBeyond'>): number {
  return state.suffix.length + (state.suffixBeyond ?? 0);
}
