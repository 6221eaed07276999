// What part of a session's text may be shown at a given moment. Ghost text appears once its first
// line is complete, then grows a line at a time; a partial first line is shown only after a cut-off
// (the model is slow) and never ends mid-word. Whitespace-only text is never shown.
import { isBlank } from './text';

const TRAILING_WORD = /[\w$]+$/;

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
  return shown(remaining.replace(TRAILING_WORD, '').trimEnd());
}

/** Whether `visible` (from visibleText) ends inside a line the model has not finished. */
export function endsMidLine(remaining: string, visible: string, visibility: Visibility): boolean {
  // Complete lines are followed by their newline; anything else is a line still being written.
  return visibility !== 'final' && !/^[ \t]*\n/.test(remaining.slice(visible.length));
}

function shown(text: string): string | undefined {
  return isBlank(text) ? undefined : text;
}
