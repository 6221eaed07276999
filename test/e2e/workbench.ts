// A VS Code workbench in a browser page, driven as a person would: Explorer, quick open, typing,
// the command palette, notifications, ghost text, webviews, screenshots. Reusable by any e2e test.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import type { RunningVsCode } from '../../tools/codeServer';
import { openWorkbench } from '../../tools/openWorkbench';
import { pollFor } from '../../tools/poll';
import { ACTIVE_EDITOR, type GhostText, READ_EDITOR_TEXT, READ_GHOST_TEXT } from './monaco';

const DEFAULT_TIMEOUT_MS = 15_000;
/** For steps that wait on the extension host or file search, slow on a busy 2-core machine. */
const SLOW_UI_TIMEOUT_MS = 30_000;
/** Numbers screenshots in the order they were taken, across workbenches. */
let shots = 0;
/** How many times each name was asked of `attemptFile`. */
const attempts = new Map<string, number>();

/**
 * A workspace file name for this attempt of a test: `name` the first time, then `stem_2.ext`,
 * `stem_3.ext`... A new window restores the text an earlier one left unsaved (hot exit), so a
 * retried test that reused its name would find its first attempt's text in the editor.
 */
export function attemptFile(name: string): string {
  const n = (attempts.get(name) ?? 0) + 1;
  attempts.set(name, n);
  if (n === 1) return name;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}_${n}${name.slice(dot)}` : `${name}_${n}`;
}

export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    readonly vscode: RunningVsCode,
    private readonly screenshotDir: string,
    private readonly onClose: () => void,
    /** Whether closing this workbench closes its browser context (false for another window in it). */
    private readonly ownsContext = true,
  ) {}

  /** A fresh browser context on the workbench, waited for until the Explorer shows the folder. */
  static async open(browser: Browser, vscode: RunningVsCode, screenshotDir: string, onClose: () => void = () => undefined): Promise<Workbench> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
      await openWorkbench(page, vscode);
      return new Workbench(page, context, vscode, screenshotDir, onClose);
    } catch (error) {
      await context.close().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Another window on the same workspace, in the same browser: its storage (globalState among it)
   * is this one's, as two windows of one VS Code share theirs. Closing it closes only its page.
   */
  async openAnotherWindow(): Promise<Workbench> {
    const page = await this.context.newPage();
    page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
    await openWorkbench(page, this.vscode);
    return new Workbench(page, this.context, this.vscode, this.screenshotDir, () => undefined, false);
  }

  /** The editor that has focus in the editor area (not the panel, not a chat input). */
  activeEditor(): Locator {
    return this.page.locator(ACTIVE_EDITOR).first();
  }

  /**
   * Shows the Explorer in the side bar through its command: clicking its activity bar icon misses
   * when the icon wears a badge (unsaved files), which sits over it and takes the click.
   */
  async showExplorer(): Promise<void> {
    await this.runCommand('View: Show Explorer');
    await this.page.locator('.part.sidebar .explorer-folders-view, .part.sidebar .explorer-viewlet').first().waitFor({ state: 'visible', timeout: SLOW_UI_TIMEOUT_MS });
  }

  /** Creates an empty file `name` in the workspace and opens it, cursor at the end. */
  async openNewFile(name: string): Promise<void> {
    writeFileSync(join(this.vscode.workspace, name), '');
    await this.quickOpen(name);
    await this.focusEditorEnd();
  }

  /** Clicks a file in the Explorer and waits for its editor tab to be active. */
  async openFileFromExplorer(name: string): Promise<void> {
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
    await this.waitForActiveTab(name);
  }

  /**
   * Ctrl+P, the file's absolute path, Enter; waits for its editor tab to be active. Quick open finds
   * an absolute path through the file system, without its file search, which a window just opened on
   * a loaded machine can take long to answer.
   */
  async quickOpenPath(path: string, timeoutMs = SLOW_UI_TIMEOUT_MS): Promise<void> {
    const name = path.split(/[\\/]/).pop() ?? path;
    await this.pickFromQuickInput('Control+P', path, this.quickInputRow(name), timeoutMs, `quick open to list "${path}"`);
    await this.waitForActiveTab(name);
  }

  /** Ctrl+P, the file name, Enter; waits for its editor tab to be active. */
  async quickOpen(name: string, timeoutMs = SLOW_UI_TIMEOUT_MS): Promise<void> {
    const row = this.quickInputRow(name);
    await this.pickFromQuickInput('Control+P', name, row, timeoutMs, `quick open to list "${name}"`);
    await this.waitForActiveTab(name);
  }

  private async waitForActiveTab(name: string): Promise<void> {
    await this.page.locator('.part.editor .editor-group-container.active .tab.active', { hasText: name }).waitFor();
    await this.activeEditor().locator('.view-lines').waitFor();
  }

  /** Puts the cursor at the end of the active editor's text and gives it focus. */
  async focusEditorEnd(): Promise<void> {
    await this.activeEditor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+End');
  }

  /** Types like a person (one key event per character). */
  async type(text: string, delayMs = 25): Promise<void> {
    await this.page.keyboard.type(text, { delay: delayMs });
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /**
   * Ctrl+Shift+P, the command's title as the palette shows it ("Rill: Show Log"), Enter. Until the
   * extension host has registered the extensions' contributions the palette does not list their
   * commands, and on a busy machine a key press can be lost or the list slow to filter: the palette
   * is reopened and the filter typed again until the command shows up (or the timeout).
   */
  async runCommand(title: string, timeoutMs = SLOW_UI_TIMEOUT_MS): Promise<void> {
    await this.pickFromQuickInput('Control+Shift+P', `>${title}`, this.quickInputRow(title), timeoutMs, `the command palette to list "${title}"`);
  }

  private async pickFromQuickInput(shortcut: string, filter: string, row: Locator, timeoutMs: number, what: string): Promise<void> {
    // A quick input left open (a quick pick or input box of an attempt that failed) would take the
    // filter and never list the row: closed first.
    if (await this.quickInput().locator('.quick-input-box input').isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput().waitFor({ state: 'hidden', timeout: 2000 }).catch(() => undefined);
    }
    await pollFor(
      async () => {
        const input = await this.openQuickInput(shortcut);
        if (!input) return undefined;
        try {
          if ((await input.inputValue({ timeout: 2000 })) !== filter) await input.fill(filter, { timeout: 2000 });
          await row.waitFor({ timeout: 5000 });
          return true;
        } catch {
          // Not listed yet: clear the filter so that the next round types it again.
          await input.fill('', { timeout: 2000 }).catch(() => undefined);
          return undefined;
        }
      },
      { timeoutMs, intervalMs: 100, what },
    );
    await this.page.keyboard.press('Enter');
  }

  /** Presses `shortcut` unless the quick input is already open; undefined when it did not open (yet). */
  private async openQuickInput(shortcut: string): Promise<Locator | undefined> {
    const input = this.quickInput().locator('.quick-input-box input');
    if (await input.isVisible()) return input;
    await this.page.keyboard.press(shortcut);
    try {
      await input.waitFor({ state: 'visible', timeout: 2000 });
      return input;
    } catch {
      // The first key presses after load can be lost while the workbench wires its keybindings.
      return undefined;
    }
  }

  /** The quick input widget (command palette, quick picks, input boxes). */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** A row of the visible quick pick whose label contains `label`. */
  quickInputRow(label: string): Locator {
    return this.quickInput().locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  }

  /** The quick input's row whose label is `label` exactly ("OpenAI", not "OpenAI-compatible server"). */
  quickInputRowLabelled(label: string): Locator {
    const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    return this.quickInput().locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exact }) }).first();
  }

  /** The messages of the notification toasts on screen. */
  async notificationToasts(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  }

  /**
   * The messages in the notification center. Newer VS Code (seen on 1.139) may put a notification
   * there without showing a toast, so the center is opened for the read and closed again if it was closed.
   */
  async notificationCenter(): Promise<string[]> {
    const center = this.page.locator('.notifications-center');
    const bell = this.page.locator('.statusbar-item[id="status.notifications"]');
    const wasOpen = await center.isVisible();
    if (!wasOpen) await bell.click();
    await center.waitFor({ state: 'visible' });
    const messages = await center.locator('.notification-list-item-message').allInnerTexts();
    if (!wasOpen) await bell.click();
    return messages;
  }

  /** Waits for a notification, toast or in the center, whose message matches. */
  async waitForNotification(pattern: RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
    return pollFor(
      async () => (await this.notificationToasts()).find((m) => pattern.test(m)) ?? (await this.notificationCenter()).find((m) => pattern.test(m)),
      { timeoutMs, intervalMs: 250, what: `a notification matching ${pattern}` },
    );
  }

  /** The ghost text in the active editor, or undefined when none is shown. */
  async ghostText(): Promise<GhostText | undefined> {
    const ghost = (await this.page.evaluate(`(${READ_GHOST_TEXT})(${JSON.stringify(ACTIVE_EDITOR)})`)) as GhostText | null;
    return ghost ?? undefined;
  }

  /** Waits until the active editor shows ghost text that satisfies `accept`. */
  async waitForGhostText(accept: (ghost: GhostText) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<GhostText> {
    let last: GhostText | undefined;
    try {
      return await pollFor(
        async () => {
          last = await this.ghostText();
          return last && accept(last) ? last : undefined;
        },
        { timeoutMs, intervalMs: 25, what: 'ghost text' },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; last ghost text seen: ${JSON.stringify(last ?? null)}`);
    }
  }

  /** The active editor's text as rendered (visible lines only, ghost text left out). */
  async editorText(): Promise<string> {
    const text = (await this.page.evaluate(`(${READ_EDITOR_TEXT})(${JSON.stringify(ACTIVE_EDITOR)})`)) as string | null;
    if (text === null) throw new Error('no active editor');
    return text;
  }

  async waitForEditorText(accept: (text: string) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
    let last = '';
    try {
      return await pollFor(
        async () => {
          last = await this.editorText();
          return accept(last) ? last : undefined;
        },
        { timeoutMs, intervalMs: 25, what: 'editor text' },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; last editor text: ${JSON.stringify(last)}`);
    }
  }

  /** The text of the Output panel's editor (the channel shown). */
  async outputText(): Promise<string> {
    return (await this.page.locator('.part.panel .output-view .monaco-editor .view-lines, .part.panel .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
  }

  /**
   * Runs "Rill: Show Log" until the Output panel shows Rill's log matching `pattern`. Run as the
   * first command of a fresh window, while it still restores its layout and activates Rill for this
   * command, the reveal is now and then lost (seen on 1.139); asking again shows it.
   */
  async showRillLog(pattern: RegExp = /Rill .* active\./, timeoutMs = 45_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.runCommand('Rill: Show Log');
      try {
        return await this.waitForOutput(pattern, Math.max(1_000, Math.min(8_000, deadline - Date.now())));
      } catch (error) {
        if (Date.now() >= deadline) throw error;
      }
    }
  }

  /** Waits until the Output panel shows text matching `pattern`; returns that text. */
  async waitForOutput(pattern: RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
    let last = '';
    try {
      return await pollFor(
        async () => {
          last = await this.outputText().catch(() => '');
          return pattern.test(last) ? last : undefined;
        },
        { timeoutMs, what: `the Output panel to show ${pattern}` },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; it showed:\n${last}`);
    }
  }

  /**
   * The frame holding a webview's content. Webviews are nested iframes (an outer host frame and an
   * inner `active-frame`); `hasSelector` is something only your webview's page contains.
   */
  async webviewFrame(hasSelector: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Frame> {
    return pollFor(
      async () => {
        for (const frame of this.page.frames()) {
          if (frame === this.page.mainFrame()) continue;
          if ((await frame.locator(hasSelector).count().catch(() => 0)) > 0) return frame;
        }
        return undefined;
      },
      { timeoutMs, what: `a webview frame containing ${hasSelector}` },
    );
  }

  /** Saves a PNG of the page under the run's screenshot folder; returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = join(this.screenshotDir, `${String(++shots).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '_').slice(0, 80)}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async close(): Promise<void> {
    this.onClose();
    await (this.ownsContext ? this.context.close() : this.page.close());
  }
}
