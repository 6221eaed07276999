// VS Code's own chat view (1.104+), driven as a person would: open it from the palette, type a
// question, watch the answer grow, press Stop, open the model picker and "Manage Language Models".
// DOM seen on VS Code 1.139.1: the view sits in the secondary side bar; the input is a Monaco editor
// (`.interactive-input-editor`); answers are `.interactive-item-container.interactive-response`;
// the model picker is `.model-picker-item` with a dropdown `.action-widget`; tool calls the chat ran
// are `.chat-tool-invocation-part` inside a collapsed "Completed N steps" group.
import type { Locator } from 'playwright-core';
import { pollFor } from '../../tools/poll';
import type { Workbench } from './workbench';

const VIEW = '.interactive-session';
const SLOW_MS = 45_000;

export class NativeChatView {
  constructor(private readonly workbench: Workbench) {}

  private get page() {
    return this.workbench.page;
  }

  view(): Locator {
    return this.page.locator(VIEW).filter({ visible: true }).first();
  }

  /**
   * "Chat: Open Chat", until its input shows and its model picker names `model`: the chat treats
   * `@rill` as a participant only once Rill has registered it, and Rill does that with its models.
   */
  async open(model: string): Promise<void> {
    await this.workbench.runCommand('Chat: Open Chat');
    await this.input().waitFor({ state: 'visible', timeout: SLOW_MS });
    await pollFor(async () => ((await this.pickedModel().catch(() => '')) === model ? true : undefined), { timeoutMs: SLOW_MS, what: `the chat's model picker to name ${model}` });
  }

  /** A new, empty chat session (Ctrl+L in the chat, the view's "New Chat"). */
  async newSession(): Promise<void> {
    await this.input().click();
    await this.page.keyboard.press('Control+L');
    await pollFor(async () => ((await this.responses().count()) === 0 ? true : undefined), { timeoutMs: SLOW_MS, what: 'an empty chat session' });
  }

  input(): Locator {
    return this.view().locator('.interactive-input-editor .monaco-editor').first();
  }

  /** Types the question into the chat's input and sends it with Enter. */
  async ask(question: string): Promise<void> {
    await this.input().click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(question, { delay: 15 });
    // After `@rill /explain` the input suggests commands, and Enter would pick one instead of
    // sending. The widget can open after any one look, so Enter is pressed until the input no longer
    // holds the question, or a dialog the question opened (e.g. the secrets check) would take it.
    const suggestions = this.page.locator('.suggest-widget.visible');
    const dialog = this.page.locator('.monaco-dialog-box');
    const sent = async () => (!(await this.inputText()).includes(squash(question)) || (await dialog.isVisible()) ? true : undefined);
    await pollFor(
      async () => {
        if (await sent()) return true;
        if ((await suggestions.count()) > 0) {
          await this.page.keyboard.press('Escape');
          await suggestions.waitFor({ state: 'hidden' });
        }
        await this.page.keyboard.press('Enter');
        return pollFor(sent, { timeoutMs: 3_000, what: 'the input to let the question go' }).catch(() => undefined);
      },
      { timeoutMs: SLOW_MS, what: `the chat to send "${question}"` },
    );
  }

  /** The text in the chat's input, spaces squashed. */
  private async inputText(): Promise<string> {
    return squash(await this.input().locator('.view-lines').evaluate((e) => e.textContent ?? ''));
  }

  responses(): Locator {
    return this.view().locator('.interactive-item-container.interactive-response');
  }

  lastResponse(): Locator {
    return this.responses().last();
  }

  /** The rendered markdown of the last answer (without the header and footer). */
  async lastAnswerText(): Promise<string> {
    const parts = await this.lastResponse().locator('.rendered-markdown').allInnerTexts();
    return parts.join('\n');
  }

  /** Polls the last answer until `accept` says yes; returns every distinct text seen on the way. */
  async waitForAnswer(accept: (text: string) => boolean, timeoutMs = SLOW_MS): Promise<string[]> {
    const seen: string[] = [];
    await pollFor(
      async () => {
        const text = await this.lastAnswerText().catch(() => '');
        if (text && text !== seen.at(-1)) seen.push(text);
        return accept(text) ? true : undefined;
      },
      { timeoutMs, intervalMs: 30, what: `the chat's answer to match (last seen: ${JSON.stringify(seen.at(-1) ?? '')})` },
    );
    return seen;
  }

  /** A follow-up the last answer offers (e.g. "Continue the answer"), by its label. */
  followup(label: string): Locator {
    return this.view().locator('.interactive-session-followups, .chat-followups').getByText(label, { exact: true }).last();
  }

  /** Waits until no answer is in progress (Send is back in place of Stop). */
  async waitUntilIdle(timeoutMs = SLOW_MS): Promise<void> {
    await this.view().locator('.chat-execute-toolbar a.codicon-stop-circle').waitFor({ state: 'hidden', timeout: timeoutMs });
  }

  /** The Stop (Cancel) button that replaces Send while an answer streams. */
  async stop(): Promise<void> {
    await this.view().locator('.chat-execute-toolbar a.codicon-stop-circle').click();
  }

  /** The name the model picker shows. */
  async pickedModel(): Promise<string> {
    return (await this.view().locator('.model-picker-item .chat-input-picker-label').innerText()).trim();
  }

  pickerDropdown(): Locator {
    return this.page.locator('.action-widget.action-widget-dropdown').filter({ visible: true }).first();
  }

  /**
   * Opens the model picker and returns its rows (name and detail) once `accept` holds. Before the
   * first question of a window, VS Code 1.139's picker (signed out) offers only a Copilot sign-in
   * menu: that menu is closed again and the call fails saying so.
   */
  async pickerRows(accept: (rows: string[]) => boolean = (rows) => rows.length > 0): Promise<string[]> {
    await this.view().locator('.model-picker-item a.model-picker-name').click();
    const menu = this.page.locator('.context-view').filter({ visible: true }).first();
    await menu.waitFor({ state: 'visible' });
    if ((await this.pickerDropdown().count()) === 0) {
      const shown = await menu.innerText();
      await this.page.keyboard.press('Escape');
      throw new Error(`the model picker opened a menu without models: ${JSON.stringify(shown)}`);
    }
    const other = this.pickerDropdown().locator('.monaco-list-row', { hasText: 'Other Models' });
    if ((await other.count()) > 0 && (await other.locator('.codicon-chevron-right').count()) > 0) await other.click();
    return pollFor(
      async () => {
        const rows = (await this.pickerDropdown().locator('.monaco-list-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim()).filter(Boolean);
        return accept(rows) ? rows : undefined;
      },
      { timeoutMs: SLOW_MS, what: 'the model picker to list the expected models' },
    );
  }

  async closePicker(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.pickerDropdown().waitFor({ state: 'hidden' });
  }

  /**
   * The picker's "Manage Language Models" (the gear by "Other Models"): it opens the Language Models
   * editor and turns the built-in chat extension on. Returns the models it lists, then closes it.
   */
  async manageModels(accept: (rows: string[]) => boolean): Promise<string[]> {
    await this.pickerRows();
    await this.pickerDropdown().locator('a[aria-label="Manage Language Models"]').click();
    const table = this.page.locator('.ai-models-management-editor .models-table-container');
    const rows = await pollFor(
      async () => {
        const texts = (await table.locator('.monaco-list-row').allInnerTexts().catch(() => [])).map((r) => r.replace(/\s+/g, ' ').trim());
        return accept(texts) ? texts : undefined;
      },
      { timeoutMs: SLOW_MS, what: 'the Language Models editor to list the expected models' },
    );
    // Escape does not reach the modal editor while focus is in its search box: its close button does.
    await this.page.locator('.monaco-modal-editor-block a[aria-label^="Close Modal Editor"]').click();
    await this.page.locator('.monaco-modal-editor-block').waitFor({ state: 'hidden', timeout: SLOW_MS });
    return rows;
  }

  /**
   * Opens the last answer's collapsed "Completed N steps" group (tool calls, references) until
   * `target` inside it is visible. The group (a `<details>`) is made when the answer has finished
   * rendering, a moment after Stop gives way to Send, and made folded: a target seen before that
   * is folded away at the next look. So the target counts as shown when the group is open, or when
   * no group has come on two looks a second apart; a folded group is opened by its summary, as a
   * person clicks it.
   */
  async expandSteps(target: Locator): Promise<void> {
    await this.waitUntilIdle();
    const group = this.lastResponse().locator('details.completed-response-disclosure');
    let seenWithoutGroup = false;
    await pollFor(
      async () => {
        if ((await group.count()) > 0) {
          seenWithoutGroup = false;
          if (!(await group.evaluate((e) => e.hasAttribute('open')))) await group.locator('summary.completed-response-summary').click();
          return (await target.isVisible()) ? true : undefined;
        }
        if (!(await target.isVisible())) return undefined;
        if (seenWithoutGroup) return true;
        seenWithoutGroup = true;
        return undefined;
      },
      { timeoutMs: SLOW_MS, intervalMs: 1_000, what: 'the answer\'s steps to open and show their content' },
    );
  }

  /**
   * The tool invocations the last answer shows (its steps expanded). Read as text content, once
   * each has some: while the steps group's expansion is animated, rendered text can still be empty
   * (a fresh-clone run once read [""] on 1.139.1).
   */
  async toolInvocations(): Promise<string[]> {
    const invocations = this.lastResponse().locator('.chat-tool-invocation-part');
    await this.expandSteps(invocations.first());
    return pollFor(
      async () => {
        const texts = (await invocations.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
        return texts.length > 0 && texts.every((t) => t !== '') ? texts : undefined;
      },
      { timeoutMs: SLOW_MS, what: 'the tool invocations to show their text' },
    );
  }

  /**
   * What the last answer says about its references ("Used 1 reference"), read from its DOM: the
   * list sits in the collapsed steps group, whose expansion is animated and not reliable to click.
   */
  async referencesSummary(): Promise<string> {
    await this.waitUntilIdle();
    return pollFor(
      async () => {
        const text = (await this.lastResponse().evaluate((e) => e.textContent ?? '')).replace(/\s+/g, ' ');
        return /Used \d+ references?/.exec(text)?.[0];
      },
      { timeoutMs: SLOW_MS, what: 'the answer to list its references' },
    );
  }
}

function squash(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}
