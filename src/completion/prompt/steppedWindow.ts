// The cache-friendly layout's windows. A local server reuses its cache only up to the first token
// that differs from its last prompt, so the start of the prompt must not move while the user types:
// the prefix window starts at a line that is a multiple of STEP_LINES and moves only when the text
// no longer fits (a whole step at once), or while the user is idle (an anchor chosen with room to
// type into, see contextRing.ts). The suffix follows the prefix in the FIM layouts servers use
// (prefix, then suffix; llama.cpp's `prompt` field also goes before the suffix, and its suffix-first
// layout is a server flag, not a request option), so every keystroke makes the server read the
// whole suffix again: it is most of what a keystroke costs (the local-cache bench with 6 lines: 46
// of the 53 tokens evaluated per request at the median). It is kept to the rest of the cursor's
// line and three more, enough to show the model where the block ends (a closing bracket, the next
// statement).
import { codePointBoundary } from '../../base/codePoints';
import { CHARS_PER_TOKEN } from './tokens';

/** The prefix window's start moves by whole steps of this many lines. */
export const STEP_LINES = 16;
/** Lines after the cursor's line in the suffix (besides the rest of the cursor's line). */
export const SUFFIX_LINES = 3;
/** Shares of the context budget: extra context (the ring) and the suffix at most; the prefix gets the rest. */
export const RING_SHARE = 0.35;
export const STEPPED_SUFFIX_SHARE = 0.06;
/** An anchor chosen while idle leaves this share of the prefix budget to type into before the window must move. */
export const ANCHOR_ROOM = 0.25;

export interface SteppedBudgets {
  readonly ringTokens: number;
  readonly suffixChars: number;
  /** For the prefix, given the tokens the ring actually uses. */
  prefixChars(ringUsedTokens: number): number;
}

export function steppedBudgets(contextTokens: number): SteppedBudgets {
  const suffixTokens = Math.floor(contextTokens * STEPPED_SUFFIX_SHARE);
  return {
    ringTokens: Math.floor(contextTokens * RING_SHARE),
    suffixChars: suffixTokens * CHARS_PER_TOKEN,
    prefixChars: (used) => Math.max(0, contextTokens - suffixTokens - used) * CHARS_PER_TOKEN,
  };
}

/** Start offsets of each line of `text` (line 0 at 0). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Where the prefix window starts: the anchor line when the text from it still fits, else the first
 * line that is a multiple of `step` from which the rest fits. A cursor line longer than the budget
 * is cut mid-line (the end of the prefix always stays).
 */
export function steppedPrefixStart(prefix: string, maxChars: number, anchorLine?: number, step = STEP_LINES): number {
  const starts = lineStarts(prefix);
  const anchor = anchorLine === undefined ? undefined : starts[anchorLine];
  if (anchor !== undefined && prefix.length - anchor <= maxChars) return anchor;
  for (let line = 0; line < starts.length; line += step) {
    if (prefix.length - starts[line]! <= maxChars) return starts[line]!;
  }
  const cut = prefix.length - maxChars;
  const next = prefix.indexOf('\n', cut);
  return next < 0 ? codePointBoundary(prefix, Math.max(0, cut), 'forward') : next + 1;
}

/** The line an idle moment anchors the window at: a step line that leaves ANCHOR_ROOM of the budget to type into. */
export function anchorLineFor(prefix: string, maxChars: number, step = STEP_LINES): number {
  const start = steppedPrefixStart(prefix, Math.floor(maxChars * (1 - ANCHOR_ROOM)), undefined, step);
  return lineStarts(prefix.slice(0, start)).length - 1;
}

/** The suffix: the rest of the cursor's line and at most `lines` more, within `maxChars`, ending at a line end. */
export function steppedSuffix(suffix: string, maxChars: number, lines = SUFFIX_LINES): string {
  let end = 0;
  let from = 0;
  for (let i = 0; i <= lines; i++) {
    const newline = suffix.indexOf('\n', from);
    const lineEnd = newline < 0 ? suffix.length : newline + 1;
    if (lineEnd > maxChars) break;
    end = lineEnd;
    if (newline < 0) break;
    from = lineEnd;
  }
  if (end > 0) return suffix.slice(0, end);
  // The rest of the cursor's line alone is over the budget: cut it.
  const newline = suffix.indexOf('\n');
  return suffix.slice(0, codePointBoundary(suffix, Math.min(maxChars, newline < 0 ? suffix.length : newline), 'back'));
}
