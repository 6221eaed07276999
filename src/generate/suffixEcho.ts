// Generate's guard against an answer that ends by repeating the code after the cursor: asked for
// the code to insert, models still often write the rest of the block, its closing brace and the
// `return` below the cursor included, and the file would get them twice. Lines that repeat the
// next lines below the cursor (same text, same indentation, blank lines skipped) are held back; a
// line that does not releases them; what is still held when the answer ends is dropped.
// Works on the IndentFitter's output: whole lines, each later one after its line break(s).

/** Lines of the file below the cursor compared with the answer; more are rarely repeated. */
const MAX_BELOW = 50;

export class SuffixEcho {
  private readonly below: readonly string[];
  private held = '';
  private matched = 0;
  /** The answer's first line goes on the cursor's line: it is never held. */
  private first = true;

  /** `linesBelow`: the lines after the cursor's line (empty when text follows the cursor on its line). */
  constructor(linesBelow: readonly string[]) {
    this.below = linesBelow.filter((line) => line.trim() !== '').slice(0, MAX_BELOW).map((line) => line.trimEnd());
  }

  /** What of `text` may be written now. */
  push(text: string): string {
    let out = '';
    for (const [i, line] of text.split('\n').entries()) {
      const piece = (i > 0 ? '\n' : '') + line;
      if (line.trim() === '') {
        if (this.matched > 0) this.held += piece;
        else out += piece;
        continue;
      }
      if (!this.first && line.trimEnd() === this.below[this.matched]) {
        this.held += piece;
        this.matched++;
        continue;
      }
      out += this.held;
      this.held = '';
      this.matched = 0;
      if (!this.first && line.trimEnd() === this.below[0]) {
        this.held = piece;
        this.matched = 1;
      } else out += piece;
      this.first = false;
    }
    return out;
  }
}
