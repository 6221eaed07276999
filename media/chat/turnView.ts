// One question and its answer. The answer's text is only ever appended to while it streams; a
// snapshot that no longer starts with what is drawn (regenerate, retry) redraws it from scratch.
import type { TurnView as TurnData } from '../../src/protocol/chat';
import { showHiddenCharacters } from '../../src/protocol/hiddenCharacters';
import { describeLeft, retryingNote, retryRefusedFor } from '../../src/protocol/retryWait';
import { formatTokens } from '../../src/protocol/tokens';
import type { AnswerRenderer, AnswerRendererFactory } from './answerRenderer';
import { AnswerReveal } from './answerReveal';
import { Countdown } from './countdown';
import { cutEnding, NO_ENDING } from './cutEnding';
import { el, icon, textButton } from './dom';
import type { FrameScheduler } from './frameScheduler';

/** About 750 tokens: a few milliseconds of rendering. */
const MAX_CHARS_PER_FRAME = 3000;

export interface TurnActions {
  regenerate(turnId: string): void;
  continue(turnId: string): void;
  setApiKey(): void;
  chooseProvider(): void;
  edit(turnId: string, question: string): void;
}

export interface TurnOptions {
  /** Draws each answer (the bench's page passes its own, measured ones). */
  readonly createRenderer: AnswerRendererFactory;
  readonly scheduler: FrameScheduler;
  readonly actions: TurnActions;
  /** Whether streamed text is revealed at a steady pace (rill.chat.smoothReveal). */
  readonly paced: () => boolean;
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
  /** The answer as received, and how much of it is shown. */
  private readonly reveal: AnswerReveal;
  private finished = false;
  private data: TurnData;
  private readonly draw = (): void => this.drawFrame();
  private isLast = false;
  private textDirty = false;
  private statusDirty = false;
  /** What the status and footer were last drawn from. */
  private drawnStatus = '';
  /** A wait before the request is asked again ("asking again in 6 s…"), and the note that tells it. */
  private readonly retrying = new Countdown(() => this.drawWaits());
  private waitNote: HTMLElement | undefined;
  /** The server's Retry-After after a failure: Retry stays disabled, and says why, until it passed. */
  private readonly retryHeld = new Countdown(() => this.drawWaits());
  private retryWait: HTMLElement | undefined;
  private retryButton: HTMLButtonElement | undefined;

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
        el('header', { class: 'turn-header' }, icon('account'), el('span', { class: 'who', role: 'heading', 'aria-level': '2' }, 'You'), this.editButton),
        this.chips,
        this.questionText,
      ),
      this.answer,
    );
    this.answer.append(el('header', { class: 'turn-header' }, icon('sparkle'), el('span', { class: 'who', role: 'heading', 'aria-level': '2' }, 'Rill'), this.model));
    this.reveal = new AnswerReveal(options.paced);
    this.resetAnswer();
    this.answer.append(this.status, this.footer);
    this.update(data, false);
    // What a turn holds when it first appears (a reloaded page, a reopened conversation) was not
    // streamed to the reader: it is shown at once, and so is its status ("Responding…" from the
    // first paint, not a frame later).
    this.reveal.revealAll();
    this.statusDirty = false;
    this.drawStatus();
  }

  get id(): string {
    return this.data.id;
  }

  /** Applies a snapshot of this turn. `isLast` decides whether edit and regenerate are offered. */
  update(data: TurnData, isLast: boolean): void {
    const restarted = !data.answer.startsWith(this.reveal.received);
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
    // An ended answer streams again (Continue): its last block, drawn as final, may go on.
    else if (this.finished && data.status === 'streaming') this.renderer.reopen();
    if (data.answer.length > this.reveal.received.length) this.feed(data.answer.slice(this.reveal.received.length));
    this.isLast = isLast;
    this.retrying.start(data.status === 'streaming' ? data.retrying?.inMs : undefined);
    this.retryHeld.start(data.status === 'error' ? data.error?.retryInMs : undefined);
    // An answer that ended shows its rest within a few hundred ms; one stopped or failed, at once.
    if (data.status === 'done') this.reveal.end();
    else if (data.status !== 'streaming') this.reveal.revealAll();
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
    if (offset !== this.reveal.received.length) return false;
    this.feed(text);
    return true;
  }

  /** Shows everything received at once (the reader scrolled away from the answer's end). */
  revealAll(): void {
    if (!this.reveal.pending) return;
    this.reveal.revealAll();
    this.textDirty = true;
    this.options.scheduler.schedule(this.draw);
  }

  /** The whole received text of this answer's code block `block` (Copy and Insert act on all of it). */
  codeOf(block: Element): string | undefined {
    const index = [...this.markdown.querySelectorAll('.code-block')].indexOf(block);
    return index < 0 ? undefined : this.reveal.codeBlock(index);
  }

  private feed(text: string): void {
    this.reveal.receive(text);
    this.textDirty = true;
    this.options.scheduler.schedule(this.draw);
  }

  private drawFrame(): void {
    if (this.textDirty) this.renderNow();
    // While a long answer is still being drawn over several frames, its final status waits.
    if (this.statusDirty && !this.reveal.pending) {
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
    const slice = this.reveal.next(Math.max(MAX_CHARS_PER_FRAME, this.renderer.redrawnLength()));
    // Paced text keeps coming in later frames, whether or not more arrives.
    if (this.reveal.pending) {
      this.textDirty = true;
      this.options.scheduler.schedule(this.draw);
    }
    if (slice.length === 0 && !(this.finished && !this.reveal.pending)) return;
    this.renderer.append(slice);
    if (this.finished && !this.reveal.pending) this.renderer.finish(this.wasCut() ? cutEnding(this.reveal.received) : NO_ENDING);
    else this.renderer.render();
  }

  /** The answer ended before the model finished it (Stop, a failure, a reload, the token limit). */
  private wasCut(): boolean {
    return this.data.status !== 'done' || this.data.truncated;
  }

  private resetAnswer(): void {
    const markdown = el('div', { class: 'markdown' });
    if (this.markdown) this.markdown.replaceWith(markdown);
    else this.answer.append(markdown);
    this.markdown = markdown;
    this.renderer = this.options.createRenderer(markdown);
    this.reveal.reset();
    this.finished = false;
  }

  private drawStatus(): void {
    const d = this.data;
    const isLast = this.isLast;
    this.editButton.hidden = !isLast || d.status === 'streaming';
    if (d.status === 'streaming') this.answer.setAttribute('aria-busy', 'true');
    else this.answer.removeAttribute('aria-busy');
    // Drawn again only when it changes: a new alert is read out again, and a button drawn anew
    // takes the keyboard's focus off the one it replaces.
    // What is left of a wait is not part of it: the countdown redraws only its own text.
    const { retryInMs: _left, ...error } = d.error ?? {};
    const drawn = JSON.stringify([isLast, d.status, d.progress, error, d.truncated, d.continued, d.continuable, d.retrying?.why]);
    if (drawn === this.drawnStatus) return this.drawWaits();
    this.drawnStatus = drawn;
    this.waitNote = this.retryWait = this.retryButton = undefined;
    const parts: Node[] = [];
    if (d.status === 'streaming') {
      this.waitNote = el('span', { class: 'progress-note' }, d.progress ?? 'Responding…');
      parts.push(el('span', { class: 'responding' }, el('span', { class: 'codicon codicon-loading codicon-modifier-spin', 'aria-hidden': 'true' }), this.waitNote));
    } else if (d.status === 'stopped') {
      parts.push(el('span', { class: 'stopped' }, icon('debug-stop'), 'Stopped'));
    } else if (d.status === 'error' && d.error) {
      parts.push(
        // The icon and the colour say "error" to the eye; the words say it to a screen reader.
        el('div', { class: 'error', role: 'alert' }, icon('error'), el('span', { class: 'error-message' }, el('span', { class: 'visually-hidden' }, 'Error: '), d.error.message)),
      );
      // Outside the alert: a countdown inside it would be read out again every second.
      parts.push((this.retryWait = el('span', { class: 'retry-wait' })));
    } else if (d.truncated) {
      parts.push(el('span', { class: 'truncated' }, icon('warning'), 'Cut off at the token limit (rill.chat.maxTokens)'));
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
      // No key, or a key refused: setting one is the fix, then Retry.
      const keyFix = retry && d.error?.remedy === 'setApiKey';
      if (keyFix) {
        const key = textButton('key', 'Set API Key…', { class: 'text-button primary', 'data-action': 'setApiKey' });
        key.addEventListener('click', () => this.options.actions.setApiKey());
        actions.push(key);
      }
      // Out of quota or credit, or no server where Rill's default points: asking again will not help; another provider will.
      const quota = retry && d.error?.remedy === 'chooseProvider';
      if (quota) {
        const other = textButton('server', 'Choose Provider…', { class: 'text-button primary', 'data-action': 'chooseProvider' });
        other.addEventListener('click', () => this.options.actions.chooseProvider());
        actions.push(other);
      }
      const b = textButton(retry ? 'refresh' : 'sync', retry ? 'Retry' : 'Regenerate', {
        class: retry && !d.continuable && !keyFix && !quota ? 'text-button primary' : 'text-button subtle',
        'data-action': retry ? 'retry' : 'regenerate',
      });
      b.addEventListener('click', () => this.options.actions.regenerate(d.id));
      if (retry) this.retryButton = b;
      actions.push(b);
    }
    this.footer.replaceChildren(...actions);
    this.footer.hidden = actions.length === 0;
    this.drawWaits();
  }

  /** The text of the waits counting down: the note of a request waiting, and a Retry held back. */
  private drawWaits(): void {
    const retrying = this.data.status === 'streaming' ? this.data.retrying : undefined;
    if (this.waitNote && retrying) this.waitNote.textContent = retryingNote(retrying.why, this.retrying.leftMs);
    const left = this.retryHeld.leftMs;
    if (this.retryWait) {
      this.retryWait.textContent = left > 0 ? `Retry in ${describeLeft(left)}.` : '';
      this.retryWait.hidden = left <= 0;
    }
    const button = this.retryButton;
    if (!button) return;
    button.disabled = left > 0;
    if (left > 0) {
      button.title = retryRefusedFor(left);
      button.setAttribute('aria-label', `Retry. ${retryRefusedFor(left)}`);
    } else {
      button.removeAttribute('title');
      button.removeAttribute('aria-label');
    }
  }
}
