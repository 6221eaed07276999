// The question box and what sits around it: attached context chips, attach buttons, the model
// picker and Send / Stop. Enter sends, Shift+Enter is a new line, Esc stops an answer (or
// cancels editing a question).
import { estimateTokens, formatTokens } from '../../src/protocol/tokens';
import type { ChatViewState, WebviewMessage } from '../../src/protocol/chat';
import { el, icon, iconButton } from './dom';
import type { PageState } from './vscodeApi';

export interface ComposerHost {
  post(message: WebviewMessage): void;
  saveState(state: PageState): void;
}

export class Composer {
  readonly root: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly chips: HTMLElement;
  private readonly editing: HTMLElement;
  private readonly models: HTMLSelectElement;
  private readonly estimate: HTMLElement;
  private readonly send: HTMLButtonElement;
  private readonly stop: HTMLButtonElement;
  private streaming = false;
  private editingTurnId: string | undefined;
  private attachedTokens = 0;

  constructor(
    private readonly host: ComposerHost,
    initial: PageState,
  ) {
    this.input = el('textarea', {
      class: 'question-input',
      rows: '3',
      'aria-label': 'Question for Rill',
      placeholder: 'Ask about your code (Enter to send, Shift+Enter for a new line)',
    });
    this.input.value = initial.draft;
    this.editingTurnId = initial.editingTurnId;
    this.chips = el('div', { class: 'chips', role: 'list', 'aria-label': 'Context attached to the next question' });
    const cancelEdit = iconButton('close', 'Cancel editing');
    cancelEdit.addEventListener('click', () => this.cancelEdit());
    this.editing = el('div', { class: 'editing-banner' }, icon('edit'), el('span', {}, 'Editing your last question'), cancelEdit);
    const attachSelection = iconButton('selection', 'Attach the editor selection', { 'data-action': 'attach-selection' });
    attachSelection.addEventListener('click', () => host.post({ type: 'attach', what: 'selection' }));
    const attachFile = iconButton('file-add', 'Attach the current file', { 'data-action': 'attach-file' });
    attachFile.addEventListener('click', () => host.post({ type: 'attach', what: 'file' }));
    this.models = el('select', { class: 'model-picker', 'aria-label': 'Model' });
    this.models.addEventListener('change', () => host.post({ type: 'selectModel', model: this.models.value }));
    this.estimate = el('span', { class: 'token-estimate', 'aria-live': 'off' });
    this.send = iconButton('send', 'Send (Enter)', { class: 'icon-button primary', 'data-action': 'send' });
    this.send.addEventListener('click', () => this.submit());
    this.stop = iconButton('debug-stop', 'Stop (Esc)', { class: 'icon-button danger', 'data-action': 'stop' });
    this.stop.addEventListener('click', () => host.post({ type: 'stop' }));
    this.root = el(
      'footer',
      { class: 'composer' },
      this.editing,
      this.chips,
      this.input,
      el('div', { class: 'composer-bar' }, attachSelection, attachFile, this.models, el('span', { class: 'spacer' }), this.estimate, this.stop, this.send),
    );
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('input', () => this.changed());
    this.showEditing();
  }

  apply(state: ChatViewState): void {
    this.streaming = state.streaming;
    // Send and Stop take turns in one place: the keyboard's focus goes from the one hidden to the
    // one shown (Send pressed by keyboard, Stop is next), and from Stop to the question box when
    // the answer ends, instead of falling to the page's body.
    const focused = document.activeElement;
    this.send.hidden = state.streaming;
    this.stop.hidden = !state.streaming;
    if (focused === this.send && this.send.hidden) this.stop.focus();
    else if (focused === this.stop && this.stop.hidden) this.input.focus();
    this.chips.replaceChildren(
      ...state.attachments.map((chip) => {
        const remove = iconButton('close', `Remove ${chip.label}`);
        remove.addEventListener('click', () => this.host.post({ type: 'removeAttachment', id: chip.id }));
        return el('span', { class: 'chip', role: 'listitem' }, icon('file-code'), chip.label, el('span', { class: 'chip-tokens' }, `~${formatTokens(chip.tokens)}`), remove);
      }),
    );
    this.chips.hidden = state.attachments.length === 0;
    this.attachedTokens = state.attachments.reduce((n, c) => n + c.tokens, 0);
    if (this.models.options.length !== state.models.length || [...this.models.options].some((o, i) => o.value !== state.models[i])) {
      this.models.replaceChildren(...state.models.map((m) => el('option', { value: m }, m)));
    }
    this.models.value = state.model;
    // The picker is narrow in a side bar and cuts a long model name: its tooltip shows it whole.
    this.models.title = state.model;
    const last = state.turns[state.turns.length - 1];
    if (this.editingTurnId && last?.id !== this.editingTurnId) this.cancelEdit();
    this.showEstimate();
  }

  focus(): void {
    this.input.focus();
  }

  /** Edit the last question: its text goes into the box; sending replaces it and asks again. */
  edit(turnId: string, question: string): void {
    this.editingTurnId = turnId;
    this.input.value = question;
    this.showEditing();
    this.changed();
    this.input.focus();
    this.input.setSelectionRange(question.length, question.length);
  }

  /** Esc anywhere in the page: stop the answer, else leave editing. */
  escape(): boolean {
    if (this.streaming) {
      this.host.post({ type: 'stop' });
      return true;
    }
    if (this.editingTurnId) {
      this.cancelEdit();
      return true;
    }
    return false;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.submit();
    }
  }

  private submit(): void {
    const text = this.input.value;
    if (text.trim().length === 0 || this.streaming) return;
    if (this.editingTurnId) this.host.post({ type: 'editResend', turnId: this.editingTurnId, text });
    else this.host.post({ type: 'send', text });
    this.input.value = '';
    this.editingTurnId = undefined;
    this.showEditing();
    this.changed();
  }

  private cancelEdit(): void {
    if (!this.editingTurnId) return;
    this.editingTurnId = undefined;
    this.input.value = '';
    this.showEditing();
    this.changed();
  }

  private showEditing(): void {
    this.editing.hidden = this.editingTurnId === undefined;
  }

  private changed(): void {
    this.showEstimate();
    this.host.saveState({ draft: this.input.value, ...(this.editingTurnId ? { editingTurnId: this.editingTurnId } : {}) });
  }

  private showEstimate(): void {
    const tokens = this.attachedTokens + estimateTokens(this.input.value);
    this.estimate.textContent = tokens > 0 ? `~${formatTokens(tokens)} tokens` : '';
    this.estimate.title = 'Estimated tokens of the question and its attached context';
  }
}
