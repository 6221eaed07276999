// The text of one answer as received, and how much of it is shown: streamed text goes through the
// pacer (a burst becomes a steady flow), is cut at word and markdown boundaries, and is handed to
// the renderer a frame's worth at a time. Everything received stays available (Copy and Insert
// act on the whole received code block, not on what is shown so far). Pure apart from the clock.
import { Lexer, type Token } from 'marked';
import { RevealPacer } from './pacer';
import { revealEnd } from './revealBoundary';

export class AnswerReveal {
  private text = '';
  /** Characters already handed to the renderer. */
  private handed = 0;
  private pacer = new RevealPacer();

  constructor(
    /** Whether streamed text is paced (rill.chat.smoothReveal). */
    private readonly paced: () => boolean,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The answer as received so far, exactly as the host sent it. */
  get received(): string {
    return this.text;
  }

  /** Characters handed to the renderer so far. */
  get shownLength(): number {
    return this.handed;
  }

  /** Whether received text is still waiting to be handed to the renderer. */
  get pending(): boolean {
    return this.handed < this.text.length;
  }

  /** Text arrived while the answer streams: revealed at the pacer's speed. */
  receive(text: string): void {
    if (text.length === 0) return;
    this.text += text;
    this.pacer.receive(this.text.length, this.now());
    if (!this.paced()) this.pacer.flush();
  }

  /** The answer ended normally: what is left is revealed within a few hundred milliseconds. */
  end(): void {
    this.pacer.end(this.now());
  }

  /** Stop, an error, the reader scrolled away, or text that is not streaming: everything now. */
  revealAll(): void {
    this.pacer.flush();
  }

  /** A new answer replaces this one (regenerate, retry). */
  reset(): void {
    this.text = '';
    this.handed = 0;
    this.pacer = new RevealPacer();
  }

  /**
   * The text to hand to the renderer in this frame, at most `maxChars` (a long answer arriving at
   * once is drawn over several frames); '' when there is nothing new to show yet.
   */
  next(maxChars: number): string {
    const allowed = this.pacer.frame(this.now());
    const end = allowed >= this.text.length ? this.text.length : revealEnd(this.text, this.handed, allowed);
    const upTo = Math.min(end, this.handed + maxChars);
    if (upTo <= this.handed) return '';
    const slice = this.text.slice(this.handed, upTo);
    this.handed = upTo;
    return slice;
  }

  /** The `index`-th fenced code block of the whole received answer (document order). */
  codeBlock(index: number): string | undefined {
    return codeBlocks(Lexer.lex(this.text))[index];
  }
}

/** The text of every code block in `tokens`, in document order (also inside lists and quotes). */
function codeBlocks(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  const visit = (list: readonly Token[]): void => {
    for (const token of list) {
      if (token.type === 'code') out.push(token.text);
      const nested = token as { tokens?: Token[]; items?: Token[] };
      if (nested.items) visit(nested.items);
      if (nested.tokens) visit(nested.tokens);
    }
  };
  visit(tokens);
  return out;
}
