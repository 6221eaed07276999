// Splits a growing markdown answer into blocks that can no longer change ("final") and the open
// tail that may still change as text arrives. The webview renders each final block once and only
// re-renders the open tail, so the cost of a chunk depends on the size of the last block, not on
// the length of the answer.
import { Lexer, type Token, type TokensList } from 'marked';
import { type CutEnding, NO_ENDING } from './cutEnding';

export interface BlockSplit {
  /** Blocks that became final with this update, in order; each is rendered once. */
  readonly finalized: readonly Token[];
  /** The tokens after the last final block: still open, re-rendered on every update. */
  readonly open: readonly Token[];
}

/**
 * Marked's lexer re-run on the open tail only. A top-level block is final once another
 * non-blank block starts after it: markdown's block structure never lets later text reach back
 * past the start of a new top-level block (a setext underline or a lazy continuation line joins
 * the block it follows, and so lexes as part of that same token). Lists stay open across blank
 * lines until a block that is not part of them starts, because the lexer keeps those blank
 * lines inside the list token.
 */
export class MarkdownBlockSplitter {
  private source = '';
  /** Length of `source` covered by blocks already handed out as final. */
  private stable = 0;
  /** A '\r' at the end of the last delta: it may be the first half of a CRLF. */
  private pendingCr = false;

  /** The normalized text received so far (CRLF and CR turned into LF, as marked does). */
  get text(): string {
    return this.source;
  }

  /** Length of the text covered by final blocks. */
  get finalLength(): number {
    return this.stable;
  }

  append(delta: string): void {
    let chunk = delta;
    if (this.pendingCr) {
      chunk = '\r' + chunk;
      this.pendingCr = false;
    }
    if (chunk.endsWith('\r')) {
      this.pendingCr = true;
      chunk = chunk.slice(0, -1);
    }
    this.source += chunk.replace(/\r\n?/g, '\n');
  }

  /** Lexes the open tail and moves every block that became final out of it. */
  split(): BlockSplit {
    const tokens: TokensList = Lexer.lex(this.source.slice(this.stable));
    let lastContent = tokens.length - 1;
    while (lastContent >= 0 && tokens[lastContent]?.type === 'space') lastContent--;
    // A last block whose first line is unfinished may still turn out to continue the block
    // before it ("3" becoming "3. item" of the list above), so that block stays open too.
    if (lastContent > 0 && !tokens[lastContent]?.raw.includes('\n')) {
      lastContent--;
      while (lastContent >= 0 && tokens[lastContent]?.type === 'space') lastContent--;
    }
    if (lastContent <= 0) return { finalized: [], open: tokens };
    const finalized = tokens.slice(0, lastContent);
    for (const token of finalized) this.stable += token.raw.length;
    return { finalized, open: tokens.slice(lastContent) };
  }

  /**
   * The answer goes on after `finish` (it is continued): the blocks `finish` made final from
   * `from` on are open again.
   */
  reopen(from: number): void {
    this.stable = Math.min(from, this.source.length);
  }

  /**
   * The answer ended: everything still open is final. `ending` changes how the text's end is drawn
   * without changing the text (a cut answer's closing backtick, a half link's text: cutEnding.ts);
   * `reopen` drops it again.
   */
  finish(ending: CutEnding = NO_ENDING): BlockSplit {
    if (this.pendingCr) {
      this.source += '\n';
      this.pendingCr = false;
    }
    // Only the open part is drawn again: what is dropped for display lies in it.
    const openText = this.source.slice(this.stable);
    const open = Lexer.lex(openText.slice(0, openText.length - Math.min(ending.drop, openText.length)) + ending.add);
    this.stable = this.source.length;
    return { finalized: open, open: [] };
  }
}
