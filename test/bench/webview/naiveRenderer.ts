// The naive renderer the chat bench measures the product's incremental one against: it renders
// the whole answer again on every frame. Only in the bench's page, never in the packaged webview.
import type { AnswerRenderer } from '../../../media/chat/answerRenderer';
import { renderMarkdown } from '../../../media/chat/markdown';
import { type CutEnding, NO_ENDING } from '../../../media/chat/cutEnding';

export class NaiveRenderer implements AnswerRenderer {
  private text = '';

  constructor(private readonly container: HTMLElement) {}

  append(text: string): void {
    this.text += text;
  }

  render(): void {
    this.container.replaceChildren(renderMarkdown(this.text));
  }

  finish(ending: CutEnding = NO_ENDING): void {
    this.container.replaceChildren(renderMarkdown(this.text.slice(0, this.text.length - ending.drop) + ending.add));
  }

  reopen(): void {
    // Everything is drawn again each time anyway.
  }

  redrawnLength(): number {
    return this.text.length;
  }
}
