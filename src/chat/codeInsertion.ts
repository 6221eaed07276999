// What "Insert at Cursor" puts into the editor when nothing is selected. A code block from the chat
// is usually whole lines; inserted literally at the end of a line it would be glued to that line's
// code (`}console.log(x);`), and its later lines would ignore the indentation it lands in. So a
// block of several lines goes on lines of its own: below a line the cursor ends, above the text a
// cursor at a line's start precedes; and every line after its first gets the indentation of where it
// lands. One line of code stays where the cursor is: it may be an expression for that spot.
import { isBlank } from '../completion/text';
import { IndentFitter } from '../generate/indentation';

/** The text to insert at the cursor, which sits at `column` of `line` (with no selection). */
export function codeInsertion(line: string, column: number, code: string): string {
  const body = code.replace(/\r?\n$/, '');
  if (!body.includes('\n')) return code;
  const before = line.slice(0, column);
  const after = line.slice(column);
  const indent = /^[ \t]*/.exec(line)![0];
  // The code's own indentation is kept relative to where it lands (as Generate does).
  const fitted = (at: string) => new IndentFitter(at).fit(body);
  if (isBlank(before)) return isBlank(after) ? fitted(before) : `${fitted(before)}\n${before}`;
  if (isBlank(after)) return `\n${indent}${fitted(indent)}`;
  // Inside a line's code: where the user put the cursor, later lines at the line's indentation.
  return fitted(indent);
}
