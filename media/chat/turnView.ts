// One question and its answer. The answer's text is only ever appended to while it streams; a
// snapshot that no longer starts with what is drawn (regenerate, retry) redraws it from scratch.
import type { TurnView as TurnData } from '../../src/protocol/chat';
import { showHiddenCharacters } from '../../src/protocol/hiddenCharacters';
import { formatTokens } from '../../src/protocol/tokens';
import type { AnswerRenderer, AnswerRendererFactory } from './answerRenderer';
import { el, icon, textButton } from './dom';
import type { FrameScheduler } from './frameScheduler';

/** About 750 tokens: a few milliseconds of rendering. */
const MAX_CHARS_PER_FRAME = 3000;

export interface TurnActions {
  regenerate(turnId: string): void;
  continue(turnId: string): void;
  edit(turnId: string, question: string): void;
}

export interface TurnOptions {
  /** Draws each answer (the bench's page passes its own, measured ones). */
  readonly createRenderer: AnswerRendererFactory;
  readonly scheduler: FrameScheduler;
  readonly actions: TurnActions;
}

export class TurnElement {
  readonly root: HTMLElement;
  private readonly questionText: HTMLElement;
  private readonly chips: HTMLElement;
  private readonly editButton: HTMLButtonElement;
  private readonly answer: HTMLElement;
  private readonly model: HTMLElement;
  private readonly status: HTMLElement;
  private readonly footer: HTMLElement;
  private markdown!: HTMLElement;
  private renderer!: AnswerRenderer;
  /** The answer text received so far, exactly as the host sent it. */
  private received = '';
  /** Received text not yet handed to the renderer. */
  private backlog = '';
  private finished = false;
  private data: TurnData;
  private readonly draw = (): void => this.drawFrame();
  private isLast = false;
  private textDirty = false;
  private statusDirty = false;

  constructor(
    data: TurnData,
    private readonly options: TurnOptions,
  ) {
    this.data = data;
    this.questionText = el('div', { class: 'question-text' });
    this.chips = el('div', { class: 'chips', role: 'list', 'aria-label': 'Attached context' });
    this.editButton = textButton('edit', 'Edit', { class: 'text-button subtle', 'aria-label': 'Edit and resend this question' });
    this.editButton.addEventListener('click', () => options.actions.edit(this.data.id, this.data.question));
    this.editButton.hidden = true;
    this.model = el('span', { class: 'model' });
    this.status = el('div', { class: 'answer-status' });
    this.footer = el('div', { class: 'answer-footer' });
    this.answer = el('section', { class: 'answer', 'aria-label': 'Answer' });
    this.root = el(
      'article',
      { class: 'turn', 'data-turn-id': data.id },
      el('section', { class: 'question', 'aria-label': 'Question' },
        el('header', { class: 'turn-header' }, icon('account'), el('span', { class: 'who' }, 'You'), this.editButton),
        this.chips,
        this.questionText,
      ),
      this.answer,
    );
    this.answer.append(el('header', { class: 'turn-header' }, icon('sparkle'), el('span', { class: 'who' }, 'Rill'), this.model));
    this.resetAnswer();
    this.answer.append(this.status, this.footer);
    this.update(data, false);
  }

  get id(): string {
    return this.data.id;
  }

  /** Applies a snapshot of this turn. `isLast` decides whether edit and regenerate are offered. */
  update(data: TurnData, isLast: boolean): void {
    const restarted = !data.answer.startsWith(this.received);
    this.data = data;
    // Text from outside the page (a pasted question, file names, the server's model name) shows its
    // hidden characters too, as the answer does.
    this.questionText.textContent = showHiddenCharacters(data.question);
    this.chips.replaceChildren(
      ...data.context.map((c) => el('span', { class: 'chip', role: 'listitem' }, icon('file-code'), showHiddenCharacters(c.label), el('span', { class: 'chip-tokens' }, `~${formatTokens(c.tokens)}`))),
    );
    this.chips.hidden = data.context.length === 0;
    this.model.textContent = showHiddenCharacters(data.model);
    if (restarted) this.resetAnswer();
    if (data.answer.length > this.received.length) this.feed(data.answer.slice(this.received.length));
    this.isLast = isLast;
    // The status is drawn in the frame that draws the text, so "Responding…" never disappears
    // a frame before the last words appear.
    this.statusDirty = true;
    if (data.status === 'streaming') this.finished = false;
    else if (!this.finished) {
      this.finished = true;
      this.textDirty = true;
    }
    this.options.scheduler.schedule(this.draw);
  }

  /** Streamed text. False when `offset` shows that something was missed (ask for a snapshot). */
  append(offset: number, text: string): boolean {
    if (offset !== this.received.length) return false;
    this.feed(text);
    return true;
  }

  private feed(text: string): void {
    this.received += text;
    this.backlog += text;
    this.textDirty = true;
    this.options.scheduler.schedule(this.draw);
  }

  private drawFrame(): void {
    if (this.textDirty) this.renderNow();
    // While a long answer is still being drawn over several frames, its final status waits.
    if (this.statusDirty && this.backlog.length === 0) {
      this.statusDirty = false;
      this.drawStatus();
    }
  }

  private renderNow(): void {
    this.textDirty = false;
    // A long answer arriving at once (a reopened conversation, a reloaded page) is drawn over
    // several frames, so that the page stays responsive; streamed text is far below the cap.
    // A frame redraws the open block whatever it adds, so it adds at least as much as it redraws:
    // one giant paragraph (a 1 MiB line) then takes a few frames of doubling size, not hundreds of
    // ever longer redraws.
    const slice = this.backlog.slice(0, Math.max(MAX_CHARS_PER_FRAME, this.renderer.redrawnLength()));
    this.backlog = this.backlog.slice(slice.length);
    this.renderer.append(slice);
    if (this.backlog.length > 0) {
      this.textDirty = true;
      this.options.scheduler.schedule(this.draw);
    }
    if (this.finished && this.backlog.length === 0) this.renderer.finish();
    else this.renderer.render();
  }

  private resetAnswer(): void {
    const markdown = el('div', { class: 'markdown' });
    if (this.markdown) this.markdown.replaceWith(markdown);
    else this.answer.append(markdown);
    this.markdown = markdown;
    this.renderer = this.options.createRenderer(markdown);
    this.received = '';
    this.backlog = '';
    this.finished = false;
  }

  private drawStatus(): void {
    const d = this.data;
    const isLast = this.isLast;
    this.editButton.hidden = !isLast || d.status === 'streaming';
    if (d.status === 'streaming') this.answer.setAttribute('aria-busy', 'true');
    else this.answer.removeAttribute('aria-busy');
    const parts: Node[] = [];
    if (d.status === 'streaming') {
      parts.push(el('span', { class: 'responding' }, el('span', { class: 'codicon codicon-loading codicon-modifier-spin', 'aria-hidden': 'true' }), 'Responding…'));
    } else if (d.status === 'stopped') {
      parts.push(el('span', { class: 'stopped' }, icon('debug-stop'), 'Stopped'));
    } else if (d.status === 'error' && d.error) {
      parts.push(
        el('div', { class: 'error', role: 'alert' }, icon('error'), el('span', { class: 'error-message' }, d.error.message)),
      );
    } else if (d.truncated) {
      parts.push(el('span', { class: 'truncated' }, icon('warning'), 'Cut off at the token limit'));
    } else if (d.continued && d.status === 'done') {
      parts.push(el('span', { class: 'continued' }, icon('debug-continue'), 'Continued from where it was cut off'));
    }
    this.status.replaceChildren(...parts);
    this.status.hidden = parts.length === 0;

    const actions: Node[] = [];
    if (isLast && d.status !== 'streaming') {
      // Continue goes on from the partial text; Retry / Regenerate ask again from scratch.
      if (d.continuable) {
        const more = textButton('debug-continue', 'Continue', { class: 'text-button primary', 'data-action': 'continue', 'aria-label': 'Continue the answer from where it was cut off' });
        more.addEventListener('click', () => this.options.actions.continue(d.id));
        actions.push(more);
      }
      const retry = d.status === 'error';
      const b = textButton(retry ? 'refresh' : 'sync', retry ? 'Retry' : 'Regenerate', {
        class: retry && !d.continuable ? 'text-button primary' : 'text-button subtle',
        'data-action': retry ? 'retry' : 'regenerate',
      });
      b.addEventListener('click', () => this.options.actions.regenerate(d.id));
      actions.push(b);
    }
    this.footer.replaceChildren(...actions);
    this.footer.hidden = actions.length === 0;
  }
}
