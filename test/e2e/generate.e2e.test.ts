// Rill: Generate at Cursor… in real VS Code in Chromium: the code streams into the editor line by
// line with a "generating…" marker, Esc or the notification's Cancel stops it at once (the fake
// server sees the socket close), one Ctrl+Z removes it. The tests share one window (each opens a
// file of its own); a failed attempt's window is replaced.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedRequest } from '../fake-llm/server';
import { pollFor } from '../../tools/poll';
import { e2e } from './environment';
import { ACTIVE_EDITOR } from './monaco';
import type { Workbench } from './workbench';

/**
 * A new file per attempt: a window restores the unsaved text of a file an earlier attempt left
 * dirty, which would already hold generated lines.
 */
const freshFile = (name: string) => `${name}_${Date.now().toString(36)}.py`;
const SOURCE = 'def main():\n    pass\n\n';
const LINES = Array.from({ length: 120 }, (_, i) => `print(${i})`);

/**
 * What the active editor shows of a run's decorations: the "generating… (Esc to stop)" marker after the text
 * (CSS content of an inline decoration) and the streamed text's highlight (an overlay with a background).
 */
const READ_DECORATIONS = `(selector) => {
  const editor = document.querySelector(selector);
  if (!editor) return null;
  const marker = [...editor.querySelectorAll('.view-lines span')].some((el) => {
    // Decorations write spaces as no-break spaces.
    const after = (getComputedStyle(el, '::after').content || '').replace(/[\\s\u00a0]+/g, ' ');
    // It says how to stop: newer VS Code shows the progress notification only in its center.
    return (after.includes('generating') && after.includes('Esc to stop')) || (el.textContent || '').replace(/[\\s\u00a0]+/g, ' ').includes('generating… (Esc to stop)');
  });
  const highlighted = [...editor.querySelectorAll('.view-overlays div[class*="ced-"]')].filter((el) => {
    const bg = getComputedStyle(el).backgroundColor;
    return bg && bg !== 'transparent' && bg !== 'rgba(0, 0, 0, 0)';
  }).length;
  return { marker, highlighted };
}`;

interface Decorations {
  readonly marker: boolean;
  readonly highlighted: number;
}

async function decorations(workbench: Workbench): Promise<Decorations> {
  return (await workbench.page.evaluate(`(${READ_DECORATIONS})(${JSON.stringify(ACTIVE_EDITOR)})`)) as Decorations;
}

const isGeneration = (r: RecordedRequest) => r.path.endsWith('/chat/completions');

/** Opens `file`, runs Generate at Cursor… and starts a slow 120-line answer; resolves when 4 lines are in. */
async function startGenerating(workbench: Workbench, file: string): Promise<string> {
  const { llm } = e2e();
  await workbench.openFileFromExplorer(file);
  await workbench.focusEditorEnd();
  const before = await workbench.editorText();
  await workbench.runCommand('Rill: Generate at Cursor…');
  const input = workbench.quickInput().locator('.quick-input-box input');
  await input.waitFor();
  await workbench.quickInput().getByText(`Generate in ${file}`).first().waitFor();
  // For the generation only: an inline completion request of the editor (the file just opened, the
  // last test's file) must not take it.
  const answer = { text: `Here you go:\n\`\`\`python\n${LINES.join('\n')}\n\`\`\`\n`, ttftMs: 100, tokensPerSec: 20 };
  llm.route((r) => (isGeneration(r) ? answer : undefined));
  await input.fill('print the numbers');
  await workbench.press('Enter');
  assert.ok(!before.includes('print('), `${file} should start without generated lines`);
  const streaming = await workbench.waitForEditorText((t) => t.includes('print(3)'), 30_000);
  assert.ok(!streaming.includes('print(119)'));
  assert.ok(!streaming.includes('```') && !streaming.includes('Here you go'), 'markdown reached the editor');
  return before;
}

/** Clicks Cancel on the "Generating" progress notification, as a toast or in the notification center. */
async function cancelFromNotification(workbench: Workbench): Promise<void> {
  const page = workbench.page;
  await pollFor(
    async () => {
      for (const root of ['.notifications-toasts', '.notifications-center']) {
        const button = page.locator(`${root} .notification-list-item`).filter({ hasText: /Generating/ }).getByRole('button', { name: 'Cancel' }).first();
        if (await button.isVisible().catch(() => false)) {
          await button.click();
          return true;
        }
      }
      // Newer VS Code may show the progress only in the status bar and the notification center.
      if (!(await page.locator('.notifications-center').isVisible())) await page.locator('.statusbar-item[id="status.notifications"]').click();
      return undefined;
    },
    { timeoutMs: 15_000, intervalMs: 250, what: 'the Cancel button of the Generating notification' },
  );
}

describe('Rill: Generate at Cursor… (e2e)', function () {
  this.timeout(120_000);
  let workbench: Workbench | undefined;
  /** The last test passed: its window is left as a user leaves it, each test opening its own file. */
  let reusable = false;

  /**
   * The suite's window, opened once (a window's start is the slowest step here). A window a failed
   * attempt left (a quick input open, a generation running) is replaced, so that the retry, and the
   * tests after it, start as in a new window.
   */
  async function suiteWindow(): Promise<Workbench> {
    if (!workbench || !reusable) {
      await workbench?.close();
      workbench = await e2e().openWorkbench();
    }
    reusable = false;
    return workbench;
  }

  afterEach(function () {
    reusable = this.currentTest?.state === 'passed';
  });
  after(async () => {
    e2e().llm.reset();
    await workbench?.close();
  });

  it('streams code into the editor, Esc stops it and closes the socket, Ctrl+Z removes it', async () => {
    const { llm, vscode } = e2e();
    const file = freshFile('generate_target');
    writeFileSync(join(vscode.workspace, file), SOURCE);
    llm.reset();
    workbench = await suiteWindow();
    // From the Explorer: quick open may answer from a file list cached before this file existed.
    // Line by line: the first lines are in the document while the rest is still coming.
    const before = await startGenerating(workbench, file);
    // While it streams: the "generating…" marker after the text and the streamed text highlighted.
    const shown = await pollFor(async () => {
      const d = await decorations(workbench as Workbench);
      return d.marker && d.highlighted > 0 ? d : undefined;
    }, { timeoutMs: 10_000, what: 'the generating marker and highlight while streaming' });
    assert.ok(shown.highlighted > 0);
    await workbench.screenshot('generate-streaming');
    await workbench.waitForNotification(/Generating/);

    // Reading the notification may have opened the notification center (newer VS Code shows the
    // progress there and in the status bar, not as a toast): back to the editor, as the user is.
    await workbench.press('Control+1');
    await workbench.press('Escape');
    const request = llm.requests.find(isGeneration);
    assert.ok(request, 'no generation request reached the fake server');
    await llm.waitForClose(request, 10_000);
    assert.ok(request.closedByClientAt !== undefined, 'Esc should close the socket');
    assert.equal(request.finishedAt, undefined, 'the server should not have finished');
    const stopped = await workbench.editorText();
    assert.ok(!stopped.includes('print(119)'));
    const kept = stopped.split('\n').filter((l) => /^print\(\d+\)$/.test(l.trim()));
    assert.ok(kept.length >= 4, `the lines written before Esc should stay (${kept.length})`);
    await pollFor(async () => {
      const d = await decorations(workbench as Workbench);
      return !d.marker && d.highlighted === 0 ? true : undefined;
    }, { timeoutMs: 10_000, what: 'the generating marker and highlight to go once stopped' });
    await workbench.screenshot('generate-stopped');

    // One undo step for the whole generation.
    await workbench.press('Control+z');
    await workbench.waitForEditorText((t) => t === before, 10_000);
  });

  it("the progress notification's Cancel stops it: the socket closes, the lines written stay", async () => {
    const { llm, vscode } = e2e();
    const file = freshFile('generate_cancel');
    writeFileSync(join(vscode.workspace, file), SOURCE);
    llm.reset();
    workbench = await suiteWindow();
    await startGenerating(workbench, file);
    const request = llm.requests.find(isGeneration);
    assert.ok(request, 'no generation request reached the fake server');

    await cancelFromNotification(workbench);
    await llm.waitForClose(request, 10_000);
    assert.ok(request.closedByClientAt !== undefined, 'Cancel should close the socket');
    assert.equal(request.finishedAt, undefined, 'the server should not have finished');
    // Back to the editor (the notification center may be open), as the user is.
    await workbench.press('Control+1');
    const stopped = await workbench.waitForEditorText((t) => !t.includes('print(119)') && t.includes('print(3)'), 10_000);
    const kept = stopped.split('\n').filter((l) => /^print\(\d+\)$/.test(l.trim()));
    assert.ok(kept.length >= 4, `the lines written before Cancel should stay (${kept.length})`);
    await pollFor(async () => ((await decorations(workbench as Workbench)).marker ? undefined : true), { timeoutMs: 10_000, what: 'the marker to go' });
    await workbench.screenshot('generate-cancelled');
  });

  it("a server's error message with a command link shows in the error notification as text: no link to click", async () => {
    const { llm, vscode } = e2e();
    const file = freshFile('generate_error');
    writeFileSync(join(vscode.workspace, file), SOURCE);
    llm.reset();
    workbench = await suiteWindow();
    await workbench.openFileFromExplorer(file);
    await workbench.focusEditorEnd();
    await workbench.runCommand('Rill: Generate at Cursor…');
    const input = workbench.quickInput().locator('.quick-input-box input');
    await input.waitFor();
    await workbench.quickInput().getByText(`Generate in ${file}`).first().waitFor();
    // VS Code's notifications turn [label](command:…) into a link that runs the command, arguments and all.
    const refusal = { status: 400, body: { message: 'Your key expired. [Renew it here](command:workbench.action.toggleZenMode) or [read more](https://evil.example/renew).' } };
    llm.route((r) => (isGeneration(r) ? refusal : undefined));
    await input.fill('print the numbers');
    await workbench.press('Enter');
    const shown = await workbench.waitForNotification(/Your key expired/);
    assert.match(shown, /Renew it here/, 'the text of the message is shown');
    await workbench.screenshot('generate-error-with-link');
    // Newer VS Code may keep it in the notification center only: open it to look.
    const page = workbench.page;
    if (!(await page.locator('.notifications-toasts .notification-list-item-message', { hasText: 'Your key expired' }).isVisible().catch(() => false))) {
      if (!(await page.locator('.notifications-center').isVisible())) await page.locator('.statusbar-item[id="status.notifications"]').click();
    }
    const message = page.locator('.notification-list-item-message', { hasText: 'Your key expired' }).first();
    await message.waitFor();
    await workbench.screenshot('generate-error-notification');
    const links = await message.locator('a').count();
    assert.equal(links, 0, `the error notification has ${links} link(s) from the server's text`);
  });
});
