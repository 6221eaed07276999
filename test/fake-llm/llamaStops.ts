// llama.cpp's own stopping rules for /infill, replayed token by token in the order the server
// applies them (tools/server: process_token), so adapters meet the same early ends:
// - n_indent: once a line after a newline has text indented less than n_indent, stop; the
//   complete answer loses that line's text (a stream has already sent it);
// - t_max_predict_ms: on a token containing a newline, stop if generation has run that long.
// Both stop with stop_type "limit". Each token is sent before the rules look at it.

export class LlamaStopRules {
  private generated = '';
  private hasNewLine = false;
  private lastNewLineEnd = 0;
  private cutAt: number | undefined;

  constructor(
    private readonly nIndent: number,
    private readonly maxPredictMs: number,
  ) {}

  /** True when neither rule is on. */
  get inactive(): boolean {
    return this.nIndent <= 0 && this.maxPredictMs <= 0;
  }

  /**
   * Registers the token just generated, `elapsedMs` after generation started; true when the
   * server stops here. Mirrors llama.cpp, quirks included: the indentation check looks at the
   * line that began before the previous token, and advances one newline per token.
   */
  afterToken(token: string, elapsedMs: number): boolean {
    this.generated += token;
    let stop = false;
    if (this.hasNewLine && this.nIndent > 0) {
      if (this.lastNewLineEnd > 0) {
        let pos = this.lastNewLineEnd;
        let indent = 0;
        while (pos < this.generated.length && (this.generated[pos] === ' ' || this.generated[pos] === '\t')) {
          indent++;
          pos++;
        }
        if (pos < this.generated.length && indent < this.nIndent) {
          stop = true;
          this.cutAt = pos;
        }
      }
      const next = this.generated.indexOf('\n', this.lastNewLineEnd);
      if (next !== -1) this.lastNewLineEnd = next + 1;
    }
    if (token.includes('\n')) {
      this.hasNewLine = true;
      if (this.maxPredictMs > 0 && elapsedMs > this.maxPredictMs) stop = true;
    }
    return stop;
  }

  /** The text a complete (non-streamed) answer carries. */
  get text(): string {
    return this.cutAt === undefined ? this.generated : this.generated.slice(0, this.cutAt);
  }
}
