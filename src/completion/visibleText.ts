// What part of a session's text may be shown at a given moment. Ghost text appears once its first
// line is complete, then grows a line at a time; a partial first line is shown only after a cut-off
// (the model is slow) and never ends mid-word. Whitespace-only text is never shown.
import { isBlank } from './text';

export type Visibility = 'final' | 'lines' | 'partial';

/**
 * `remaining`: the session's text from the cursor on. `visibility`: 'final' when the text will not
 * change, 'lines' while streaming, 'partial' while streaming and past the cut-off.
 */
export function visibleText(remaining: string, visibility: Visibility): string | undefined {
  if (visibility === 'final') return shown(remaining.trimEnd());
  const newline = remaining.lastIndexOf('\n');
  const lines = newline < 0 ? undefined : shown(remaining.slice(0, newline).trimEnd());
  if (lines !== undefined || visibility === 'lines') return lines;
  const partial = shown(withoutTrailingWord(remaining).trimEnd());
  return partial !== undefined && partial.replace(/\s/g, '').length >= MIN_PARTIAL_CHARS ? partial : undefined;
}

/** A partial line shorter than this is noise (a lone quote or bracket), not a suggestion. */
const MIN_PARTIAL_CHARS = 6;

/**
 * `text` without the word it ends in. A scan from the end, not `/[\w$]+$/`: that regex backtracks
 * quadratically on a long run of word characters followed by anything else (a 1 MiB line froze
 * the extension host for minutes).
 */
function withoutTrailingWord(text: string): string {
  let end = text.length;
  while (end > 0 && isWordChar(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end);
}

/** `[\w$]`: ASCII letters, digits, `_` and `$`. */
function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}

/** Whether `visible` (from visibleText) ends inside a line the model has not finished. */
export function endsMidLine(remaining: string, visible: string, visibility: Visibility): boolean {
  // Complete lines are followed by their newline; anything else is a line still being written.
  return visibility !== 'final' && !/^[ \t]*\n/.test(remaining.slice(visible.length));
}

function shown(text: string): string | undefined {
  return isBlank(text) ? undefined : text;
}
