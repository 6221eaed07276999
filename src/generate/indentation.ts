// Fits generated code to the cursor's indentation and to the document's indentation style. The
// cursor already sits after the line's indentation, so a first line that repeats it would be
// indented twice; code the model wrote flush left (relative to the cursor) needs the cursor's
// indentation on every later line; and a model that indents with spaces must not put spaces in a
// tab-indented file (a Makefile recipe needs its tab; Go is written with tabs).
// Works on the CodeOnlyFilter's output: pieces that are whole lines, each later one after a '\n'.
import { restyleIndentation } from '../completion/text';

type Mode = 'undecided' | 'absolute' | 'relative';

/** The document's indentation: one level (`\t` or some spaces) and the columns of a tab. */
export interface IndentStyle {
  readonly indentUnit: string;
  readonly tabSize: number;
}

export class IndentFitter {
  private mode: Mode = 'undecided';
  /** The text between the line start and the cursor when it is all blank, else ''. */
  private readonly indentBeforeCursor: string;
  /** The next piece begins a line (not the rest of the cursor's line after code). */
  private atLineStart: boolean;
  /** The cursor is at the end of a line of code: an indented first line belongs on a line of its own. */
  private afterCodeAtLineEnd: boolean;

  /** `linePrefix`: the cursor's line before the cursor; `restOfLine`: after it. */
  constructor(
    linePrefix: string,
    private readonly style: IndentStyle,
    restOfLine = '',
  ) {
    this.indentBeforeCursor = indentBeforeCursor(linePrefix);
    this.atLineStart = linePrefix === this.indentBeforeCursor;
    this.afterCodeAtLineEnd = !this.atLineStart && restOfLine.trim() === '';
    if (this.indentBeforeCursor === '') this.mode = 'absolute';
  }

  fit(text: string): string {
    if (text === '') return text;
    let out = '';
    for (const [i, part] of text.split('\n').entries()) {
      if (i > 0) {
        out += '\n';
        this.atLineStart = true;
      }
      if (part === '') continue;
      // `def f():█` and the model's `    return 1` (its line break before it dropped with the
      // blank lines that lead an answer): a new line, not `def f():    return 1`.
      if (this.afterCodeAtLineEnd && /^[ \t]+\S/.test(part)) {
        out += '\n';
        this.atLineStart = true;
      }
      this.afterCodeAtLineEnd = false;
      out += this.atLineStart ? this.lineStart(restyleIndentation(part, this.style.indentUnit, this.style.tabSize)) : part;
      this.atLineStart = false;
    }
    return out;
  }

  private lineStart(line: string): string {
    if (this.mode === 'undecided') {
      // The first line decides how the model indented the whole answer.
      if (line.startsWith(this.indentBeforeCursor)) {
        this.mode = 'absolute';
        return line.slice(this.indentBeforeCursor.length);
      }
      this.mode = /^\s/.test(line) ? 'absolute' : 'relative';
      return line;
    }
    return this.mode === 'relative' ? this.indentBeforeCursor + line : line;
  }
}

/** The indentation to fit to: the text before the cursor on its line, when it is all whitespace. */
export function indentBeforeCursor(linePrefix: string): string {
  return /^[ \t]*$/.test(linePrefix) ? linePrefix : '';
}
