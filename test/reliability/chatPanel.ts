// The Rill chat panel in a real VS Code workbench, for the reliability browser tests: open it as a
// user would (its activity bar item), start a new chat, ask, wait for the answer to end, read the
// answer and its alert. Works from outside the page (playwright), so nothing here runs in VS Code.
import type { Frame } from 'playwright-core';
import { pollFor } from '../../tools/poll';
import type { Workbench } from '../e2e/workbench';

export const LAST_ANSWER = '.turn:last-child .answer .markdown';

export class ChatPanel {
  constructor(private readonly workbench: Workbench) {}

  private get page() {
    return this.workbench.page;
  }

  /** Shows the chat view (activity bar) and returns its webview frame. */
  async show(): Promise<Frame> {
    const shown = await this.page.locator('.part.sidebar .title-label', { hasText: /rill/i }).isVisible().catch(() => false);
    if (!shown) await this.page.locator('.part.activitybar [aria-label^="Rill"]').first().click();
    return this.workbench.webviewFrame('textarea.question-input');
  }

  /** A new, empty conversation through the view's title button. */
  async newChat(): Promise<Frame> {
    const frame = await this.show();
    const transcript = frame.locator('main.transcript');
    await transcript.waitFor();
    // The page's first snapshot must be in: a change from "no conversation yet" to the current one
    // would look like the new chat, and the question would land in the old one.
    const before = await pollFor(async () => (await transcript.getAttribute('data-conversation-id')) ?? undefined, { timeoutMs: 15_000, what: 'the first snapshot' });
    await this.page.locator('.part.sidebar').getByRole('button', { name: 'New Chat' }).click();
    await pollFor(async () => ((await transcript.getAttribute('data-conversation-id')) !== before ? true : undefined), { timeoutMs: 15_000, what: 'a new conversation' });
    await frame.locator('.empty').waitFor();
    return frame;
  }

  /** Types the question and presses Enter, as a user would. */
  async ask(frame: Frame, question: string): Promise<void> {
    const box = frame.locator('textarea.question-input');
    await box.fill(question);
    await box.press('Enter');
  }

  /** Waits until the last answer is no longer streaming; returns its rendered text. */
  async waitForAnswerEnd(frame: Frame, timeoutMs = 30_000): Promise<string> {
    // Ended: the last turn offers Retry or Regenerate (drawn with its final status and last words,
    // in one frame), so a turn that has not drawn "Responding…" yet is not taken as ended.
    const ended = frame.locator('.turn:last-child .answer-footer').locator('[data-action=retry], [data-action=regenerate]');
    await pollFor(async () => ((await frame.locator('.turn:last-child .answer-status .responding').count()) === 0 && (await ended.count()) > 0 ? true : undefined), {
      timeoutMs,
      intervalMs: 100,
      what: 'the answer to end',
    });
    return (await frame.locator(LAST_ANSWER).innerText().catch(() => '')).trim();
  }

  /** The alert shown with the last answer (its error), or undefined. */
  async alert(frame: Frame): Promise<string | undefined> {
    const alert = frame.locator('.turn:last-child').getByRole('alert');
    return (await alert.count()) > 0 ? (await alert.innerText()).trim() : undefined;
  }
}
