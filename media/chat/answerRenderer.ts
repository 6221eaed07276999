// Draws a streaming answer's markdown. The incremental renderer keeps every final block as DOM and
// re-renders only the open tail, so a chunk costs the same at token 20,000 as at token 10. The
// naive renderer re-renders the whole answer; it exists to be measured against (`npm run bench`).
import { MarkdownBlockSplitter } from '../../src/chat/markdownBlocks';
import { renderMarkdown, renderTokens } from './markdown';

export interface AnswerRenderer {
  /** Text arrived; drawn by the next `render`. */
  append(text: string): void;
  /** Draws what arrived since the last call. */
  render(): void;
  /** The answer is complete: draw the last block as final. */
  finish(): void;
}

export type RenderMode = 'incremental' | 'naive';

export function createAnswerRenderer(mode: RenderMode, container: HTMLElement): AnswerRenderer {
  return mode === 'naive' ? new NaiveRenderer(container) : new IncrementalRenderer(container);
}

class IncrementalRenderer implements AnswerRenderer {
  private readonly splitter = new MarkdownBlockSplitter();
  /** The open tail; `display: contents`, so final blocks and open ones lay out alike. */
  private readonly openBlock: HTMLElement;

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
    if (finalized.length > 0) this.container.insertBefore(renderTokens(finalized), this.openBlock);
    this.openBlock.replaceChildren(renderTokens(open));
  }

  finish(): void {
    const { finalized } = this.splitter.finish();
    this.openBlock.replaceChildren();
    if (finalized.length > 0) this.container.insertBefore(renderTokens(finalized), this.openBlock);
  }
}

class NaiveRenderer implements AnswerRenderer {
  private text = '';

  constructor(private readonly container: HTMLElement) {}

  append(text: string): void {
    this.text += text;
  }

  render(): void {
    this.container.replaceChildren(renderMarkdown(this.text));
  }

  finish(): void {
    this.render();
  }
}
