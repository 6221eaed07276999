// From a session's visible text to the ghost text the editor shows at a document state.
import { cursorOffset, suffixLength } from './documentWindow';
import type { SuggestionSession } from './session';
import type { DocumentState } from './types';

/** The cursor's line after the cursor. */
export function lineRest(state: DocumentState): string {
  const end = state.suffix.indexOf('\n');
  return end < 0 ? state.suffix : state.suffix.slice(0, end);
}

/**
 * The ghost text for a session's visible text (from `offset` in the session's text). With text right
 * of the cursor (`{█}`), a finished block ends with the newline that puts that text on its own line
 * again (visible text is trimmed): also when what is left of the block is its last line, the rest
 * taken by an earlier Tab. A suggestion of one line (`call(█)`) gets none.
 */
export function displayText(restOfLine: string, session: SuggestionSession, offset: number, visible: string): string {
  if (session.live || !restOfLine.trim() || !session.text.slice(0, offset + visible.length).includes('\n')) return visible;
  const trailing = session.text.slice(offset + visible.length);
  return /^[ \t]*\n[ \t]*$/.test(trailing) ? visible + trailing.replace(/^[ \t]*/, '') : visible;
}

/** Same document, same text around the cursor (compared near the cursor: enough to tell states apart). */
export function sameState(a: DocumentState, b: DocumentState): boolean {
  return (
    a.uri === b.uri &&
    cursorOffset(a) === cursorOffset(b) &&
    suffixLength(a) === suffixLength(b) &&
    a.prefix.endsWith(b.prefix.slice(-256)) &&
    a.suffix.startsWith(b.suffix.slice(0, 256))
  );
}
