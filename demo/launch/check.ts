// `npm run demo -- --check`: drives the running demo as a person would, in Chromium: asks a
// question in Rill's chat and waits for the demo model's answer, labelled with the demo model's
// name in the answer's header, then opens a sample file, types, and checks that ghost text from the
// demo model appears and that Tab accepts it. Screenshots go to test-results/demo/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../tools/browser';
import type { RunningVsCode } from '../../tools/codeServer';
import { openWorkbench } from '../../tools/openWorkbench';
import { pollFor } from '../../tools/poll';
import { DEMO_MODEL_ID } from '../model/workspaceModel';
import type { ServedRequest } from '../server';

/** What the check types, and where: the end of src/main.ts, which uses `cart` above. */
export const CHECK_FILE = 'src/main.ts';
export const CHECK_TYPED = 'console.log(cart.rec';
/** What the check asks in the chat; the demo model quotes the cart's pricing in its answer. */
export const CHECK_QUESTION = 'Where is the discount applied?';

/** Settings for the check only: the suggest widget would compete with the ghost text. */
export const CHECK_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  // The README opening late would take the focus from the file being typed in.
  'workbench.startupEditor': 'none',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.parameterHints.enabled': false,
};

export interface CheckResult {
  readonly ghostText: string;
  readonly acceptedLine: string;
  readonly screenshots: readonly string[];
}

export async function checkDemo(vscode: RunningVsCode, served: () => readonly ServedRequest[], resultsDir: string, print: (line: string) => void): Promise<CheckResult> {
  mkdirSync(resultsDir, { recursive: true });
  const shot = (name: string): string => join(resultsDir, `${name}-${vscode.flavor}.png`);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      return await drive(page, served, shot, print);
    } catch (error) {
      await page.screenshot({ path: shot('failure') }).catch(() => undefined);
      throw error;
    }
  } finally {
    await browser.close();
  }

  async function drive(page: Page, servedNow: () => readonly ServedRequest[], path: (name: string) => string, say: (line: string) => void): Promise<CheckResult> {
    await openWorkbench(page, vscode);
    // The web workbench keeps secrets (a key from Set API Key…) encrypted in the browser with a key
    // it gets from POST /mint-key; a server without that route (405) leaves them in memory only,
    // gone at the next reload.
    const mintKey = await page.evaluate(async () => (await fetch('/mint-key', { method: 'POST' })).status);
    if (mintKey !== 200) throw new Error(`the server answered POST /mint-key with ${mintKey}: keys stored with Set API Key… would not outlive a reload`);
    say('  check: the server keeps the key for stored secrets (POST /mint-key: 200)');
    say('  check: workbench loaded; asking in Rill\'s chat');
    const chatShot = path('chat');
    const { answer, model } = await askInChat(page, CHECK_QUESTION);
    await page.screenshot({ path: chatShot });
    say(`  check: chat answered ${JSON.stringify(`${answer.slice(0, 60)}...`)} (${chatShot})`);
    // Rill's own label, not the model's words: the header over the answer names the model used.
    if (model !== DEMO_MODEL_ID) throw new Error(`the chat answer's header names the model ${JSON.stringify(model)}, not ${DEMO_MODEL_ID}`);
    say(`  check: the answer's header names the model ${model}`);

    say(`  check: opening ${CHECK_FILE}`);
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.type(CHECK_FILE, { delay: 20 });
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines').filter({ hasText: 'new Cart(inventory)' }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    const before = servedNow().length;
    say(`  check: typing "${CHECK_TYPED}"`);
    await page.keyboard.type(CHECK_TYPED, { delay: 80 });

    const ghost = page.locator('.monaco-editor .ghost-text-decoration, .monaco-editor .ghost-text');
    // Monaco draws a suggestion as several pieces around the text it keeps (an auto-closed ")").
    const ghostParts = await pollFor(
      async () => {
        const parts = (await ghost.allTextContents()).map(normalize).filter((p) => p.trim() !== '');
        return parts.length ? parts : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 50, what: 'ghost text after typing' },
    ).catch((error: unknown) => {
      const requests = servedNow().slice(before);
      const hint = requests.length
        ? `the demo model answered ${requests.length} request(s) (last: ${JSON.stringify(requests[requests.length - 1].text)}) but no ghost text appeared`
        : 'Rill sent no completion request to the demo model';
      throw new Error(`${hint}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const ghostText = ghostParts.join('');
    const fromModel = fimTexts(servedNow().slice(before)).some((text) => appearsInOrder(ghostParts, text));
    if (!fromModel) throw new Error(`ghost text ${JSON.stringify(ghostParts)} is not text the demo model sent`);
    const ghostShot = path('ghost-text');
    await page.screenshot({ path: ghostShot });
    say(`  check: ghost text ${JSON.stringify(ghostText)} (${ghostShot})`);

    await page.keyboard.press('Tab');
    // Accepted: the last line of the file (where the check typed) now holds the typed text and,
    // after it, the ghost text; and its brackets balance, as the model's completion does.
    const acceptedLine = await pollFor(
      async () => {
        const text = await lastLine(page);
        return text.startsWith(CHECK_TYPED) && appearsInOrder(ghostParts, text.slice(CHECK_TYPED.length)) ? text : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 50, what: 'Tab to insert the ghost text' },
    );
    const acceptedShot = path('accepted');
    await page.screenshot({ path: acceptedShot });
    say(`  check: Tab accepted it: ${JSON.stringify(acceptedLine.trim())}`);
    if (!balanced(acceptedLine)) throw new Error(`after Tab the line has unbalanced brackets: ${JSON.stringify(acceptedLine)} (the demo model sent ${JSON.stringify(fimTexts(servedNow().slice(before)))})`);
    return { ghostText, acceptedLine, screenshots: [chatShot, ghostShot, acceptedShot] };
  }
}

/**
 * Opens Rill's chat view from its icon in the activity bar, sends `question` and waits for the
 * demo model's answer to finish rendering in the webview (an iframe inside an iframe). Returns the
 * answer's text and the model its header names.
 */
async function askInChat(page: Page, question: string): Promise<{ readonly answer: string; readonly model: string }> {
  await page.locator('.part.activitybar [aria-label^="Rill"]').first().click({ timeout: 15_000 });
  const frame = await pollFor(
    async () => {
      for (const f of page.frames()) if ((await f.locator('textarea').count().catch(() => 0)) > 0) return f;
      return undefined;
    },
    { timeoutMs: 20_000, intervalMs: 200, what: "Rill's chat view to show its composer" },
  );
  await frame.locator('textarea').click();
  await page.keyboard.type(question, { delay: 10 });
  await page.keyboard.press('Enter');
  const answer = frame.locator('.answer .markdown');
  const text = await pollFor(
    async () => {
      const all = (await answer.allTextContents()).join('\n');
      // The answer's last sentence: it has streamed to the end.
      return /rill-demo-ngram/.test(all) && /demo\/README\.md/.test(all) ? all : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 200, what: "the demo model's chat answer in Rill's chat view" },
  );
  // The page learns the turn's model with the snapshot sent when the answer ends.
  const header = frame.locator('.answer .turn-header .model').last();
  const model = await pollFor(
    async () => ((await header.textContent()) ?? '').trim() || undefined,
    { timeoutMs: 30_000, intervalMs: 200, what: "the model's name in the header of the chat answer" },
  );
  return { answer: text, model };
}

/** The text of the editor's last visible line (view lines are reused, so order them by position). */
async function lastLine(page: Page): Promise<string> {
  const lines = page.locator('.monaco-editor .view-lines .view-line');
  const found: { top: number; text: string }[] = [];
  for (let i = 0, n = await lines.count(); i < n; i++) {
    const line = lines.nth(i);
    const top = Number(/top:\s*(-?[\d.]+)px/.exec((await line.getAttribute('style')) ?? '')?.[1] ?? NaN);
    const text = normalize((await line.textContent()) ?? '');
    if (Number.isFinite(top) && text.trim()) found.push({ top, text });
  }
  found.sort((a, b) => a.top - b.top);
  return found.at(-1)?.text.trimEnd() ?? '';
}

/** Every bracket closes one opened before it, and none stays open (strings are not special here). */
function balanced(line: string): boolean {
  const stack: string[] = [];
  for (const ch of line) {
    if ('([{'.includes(ch)) stack.push(ch);
    else if (')]}'.includes(ch) && stack.pop() !== { ')': '(', ']': '[', '}': '{' }[ch]) return false;
  }
  return stack.length === 0;
}

function fimTexts(requests: readonly ServedRequest[]): string[] {
  return requests.filter((r) => r.kind === 'fim' && r.text !== '').map((r) => r.text);
}

/** Each part occurs in `text` after the one before it. */
function appearsInOrder(parts: readonly string[], text: string): boolean {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

/** Monaco renders spaces in ghost text as no-break spaces. */
function normalize(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

