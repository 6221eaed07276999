// Fits generated code to the cursor's indentation. The cursor already sits after the line's
// indentation, so a first line that repeats it would be indented twice; and code the model wrote
// flush left (relative to the cursor) needs the cursor's indentation on every later line.
// Works on the CodeOnlyFilter's output: pieces that are whole lines, each later one after a '\n'.

type Mode = 'undecided' | 'absolute' | 'relative';

export class IndentFitter {
  private mode: Mode = 'undecided';
  private atLineStart = true;

  /** `indentBeforeCursor`: the text between the line start and the cursor when it is all blank, else ''. */
  constructor(private readonly indentBeforeCursor: string) {
    if (indentBeforeCursor === '') this.mode = 'absolute';
  }

  fit(text: string): string {
    if (text === '' || this.indentBeforeCursor === '') return text;
    let out = '';
    for (const [i, part] of text.split('\n').entries()) {
      if (i > 0) {
        out += '\n';
        this.atLineStart = true;
      }
      if (part === '') continue;
      out += this.atLineStart ? this.lineStart(part) : part;
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
