// What "Insert at Cursor" puts into the editor when nothing is selected. A code block from the chat
// is usually whole lines; inserted literally at the end of a line it would be glued to that line's
// code (`}console.log(x);`), inserted inside a line it would split that line's code around itself
// (`return export function add() {…}Math.round(x);`), and its later lines would ignore the
// indentation it lands in. So a block of several lines goes on lines of its own: below the line
// when the cursor is at its end or inside its code, above the text a cursor at a line's start
// precedes; and every line after its first gets the indentation of where it lands. One line of
// code stays where the cursor is: it may be an expression for that spot. Its indentation follows
// the file's style (tabs or spaces), whatever the model used.
import { isBlank } from '../completion/text';
import { IndentFitter, type IndentStyle } from '../generate/indentation';

/** Where on the cursor's line to insert (`column`, maybe not the cursor's), and what. */
export interface CodeInsertion {
  readonly column: number;
  readonly text: string;
}

/** What to insert for a cursor at `column` of `line` (with no selection), in a file indented with `style`. */
export function codeInsertion(line: string, column: number, code: string, style: IndentStyle): CodeInsertion {
  const body = code.replace(/\r?\n$/, '');
  if (!body.includes('\n')) return { column, text: code };
  const before = line.slice(0, column);
  const after = line.slice(column);
  const indent = /^[ \t]*/.exec(line)![0];
  // The code's own indentation is kept relative to where it lands (as Generate does).
  const fitted = (at: string) => new IndentFitter(at, style).fit(body);
  if (isBlank(before)) return { column, text: isBlank(after) ? fitted(before) : `${fitted(before)}\n${before}` };
  // At the end of the line or inside its code: below the line, at its indentation.
  return { column: line.length, text: `\n${indent}${fitted(indent)}` };
}
