// Draws a streaming answer's markdown. The incremental renderer keeps every final block as DOM and
// re-renders only the open tail, so a chunk costs the same at token 20,000 as at token 10. (The
// bench measures it against a naive renderer that lives in the bench's own page, test/bench/webview.)
import type { Token } from 'marked';
import { MarkdownBlockSplitter } from './markdownBlocks';
import { renderTokens } from './markdown';
import { type CutEnding, NO_ENDING } from './cutEnding';

export interface AnswerRenderer {
  /** Text arrived; drawn by the next `render`. */
  append(text: string): void;
  /** Draws what arrived since the last call. */
  render(): void;
  /**
   * The answer ended: draw the last block as final. `ending` is drawn after the text without being
   * part of it (what closes a cut answer's open code span: cutEnding.ts).
   */
  finish(ending?: CutEnding): void;
  /** The answer goes on after `finish` (Continue): what `finish` drew as final is open again. */
  reopen(): void;
  /** Characters each `render` draws again whatever was appended: the open block, or the whole answer. */
  redrawnLength(): number;
}

/** Makes the renderer of one answer, drawing into `container`. */
export type AnswerRendererFactory = (container: HTMLElement) => AnswerRenderer;

export const createAnswerRenderer: AnswerRendererFactory = (container) => new IncrementalRenderer(container);

/** Final blocks per chunk element: small enough to lay out quickly, few enough chunks to skip. */
const BLOCKS_PER_CHUNK = 32;

class IncrementalRenderer implements AnswerRenderer {
  private readonly splitter = new MarkdownBlockSplitter();
  /** The open tail; `display: contents`, so final blocks and open ones lay out alike. */
  private readonly openBlock: HTMLElement;
  /**
   * Final blocks go into chunks of a few dozen, and chunks off screen are skipped by the browser
   * (`content-visibility: auto` in the CSS): a frame then lays out and paints the open block and
   * the last chunk, not the whole answer.
   */
  private chunk: HTMLElement | undefined;
  /** What the last `finish` made final: where it started in the text, and the nodes it drew. */
  private finished: { readonly from: number; readonly nodes: readonly Node[] } | undefined;

  constructor(private readonly container: HTMLElement) {
    this.openBlock = document.createElement('div');
    this.openBlock.className = 'md-open';
    container.append(this.openBlock);
  }

  append(text: string): void {
    this.splitter.append(text);
  }

  render(): void {
    const { finalized, open } = this.splitter.split();
    this.keep(finalized);
    this.openBlock.replaceChildren(renderTokens(open));
  }

  finish(ending: CutEnding = NO_ENDING): void {
    const from = this.splitter.finalLength;
    const { finalized } = this.splitter.finish(ending);
    this.openBlock.replaceChildren();
    const nodes = this.keep(finalized);
    // A second finish with nothing new must not forget what the first one drew.
    if (nodes.length > 0 || !this.finished) this.finished = { from, nodes };
  }

  reopen(): void {
    if (!this.finished) return;
    for (const node of this.finished.nodes) node.parentNode?.removeChild(node);
    this.splitter.reopen(this.finished.from);
    this.finished = undefined;
    this.render();
  }

  redrawnLength(): number {
    return this.splitter.text.length - this.splitter.finalLength;
  }

  /** Draws final blocks into the chunks; returns the nodes it added. */
  private keep(finalized: readonly Token[]): Node[] {
    if (finalized.length === 0) return [];
    const fragment = renderTokens(finalized);
    const added: Node[] = [];
    while (fragment.firstChild) {
      if (!this.chunk || this.chunk.childElementCount >= BLOCKS_PER_CHUNK) {
        this.chunk = document.createElement('div');
        this.chunk.className = 'md-chunk';
        this.container.insertBefore(this.chunk, this.openBlock);
      }
      added.push(fragment.firstChild);
      this.chunk.append(fragment.firstChild);
    }
    return added;
  }
}
