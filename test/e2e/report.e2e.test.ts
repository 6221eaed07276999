// Rill: Show Latency Report in real VS Code in Chromium: completion requests made by typing and
// chat requests made by Ask (one of them failing) are drawn as charts (chart.js, bundled) in a
// webview that loads nothing from the network; the records are exported as JSON through VS Code's
// save dialog.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import type { RecordedRequest } from '../fake-llm/server';
import { pollFor } from '../../tools/poll';
import { e2e } from './environment';
import { attemptFile, type Workbench } from './workbench';

const FILE = 'report_target.py';
/** Every chart of the report; each must have something drawn. */
const CHARTS = ['ttftMs', 'ghostMs', 'tokensPerSec', 'requests', 'features', 'tokens', 'acceptance', 'errors'];
/** Long enough (11 tokens, 100 ms at 100 tokens/s) for its decoding speed to be measured. */
const COMPLETION = ' + 1  # one more than the value before it';
const ANSWER = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');

/** Canvases of the report that have something drawn on them. */
const DRAWN_CHARTS = `() => [...document.querySelectorAll('canvas[data-chart]')].filter((c) => {
  const g = c.getContext('2d');
  if (!g || c.width === 0 || c.height === 0) return false;
  const data = g.getImageData(0, 0, c.width, c.height).data;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
  return false;
}).map((c) => c.dataset.chart)`;

describe('Rill: latency report (e2e)', function () {
  this.timeout(180_000);
  let workbench: Workbench | undefined;

  after(async () => {
    e2e().llm.reset();
    await workbench?.close();
  });

  it('draws every chart from the requests typing and Ask made, with nothing loaded from outside', async () => {
    const { llm, vscode } = e2e();
    // A retry: a file and a window of its own, and only its own page's problems.
    const file = attemptFile(FILE);
    const problems: string[] = [];
    writeFileSync(join(vscode.workspace, file), '');
    llm.reset();
    llm.setDefault({ text: COMPLETION, ttftMs: 80, tokensPerSec: 100 });
    await workbench?.close();
    workbench = await e2e().openWorkbench();
    const page = workbench.page;
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    // Webviews are served by the VS Code server itself, and a webview's own files by its service
    // worker under the virtual vscode-resource host (never fetched from the network); anything else
    // a webview frame asks for would be a leak.
    page.on('request', (r) => {
      const url = r.url();
      if (url.startsWith(vscode.url) || url.startsWith('data:') || url.startsWith('blob:')) return;
      // Rill's own webview files (the chat's icon font carries a cache-busting query).
      if (/^https:\/\/[^/]+\.vscode-resource\.vscode-cdn\.net\/.*\/rill\.rill-[^/]+\/dist\/webview\/[\w.-]+(\?\w*)?$/.test(url)) return;
      let frameUrl = '';
      try {
        frameUrl = r.frame().url();
      } catch {
        // A request of a frame already gone.
      }
      if (/webview/i.test(frameUrl)) problems.push(`webview request: ${url}`);
    });
    await workbench.showRillLog();
    // From the Explorer: quick open may answer from a file list cached before this file existed.
    await workbench.openFileFromExplorer(file);
    await workbench.focusEditorEnd();

    // A few lines typed with pauses, so completion requests are made, shown and some accepted.
    for (let i = 0; i < 4; i++) {
      await workbench.type(`value${i} = ${i}`);
      await workbench.waitForGhostText((g) => g.text.includes('+ 1'), 20_000);
      if (i % 2 === 0) await workbench.press('Tab');
      await workbench.press('End');
      await workbench.press('Enter');
    }
    const sent = llm.requests.filter((r) => r.endpoint !== 'models').length;
    assert.ok(sent >= 2, `typing should have made completion requests (${sent})`);

    // Two Asks from the palette to the chat model (a second model in the report): one answered,
    // one refused with a 400 (not retried), so "errors by kind" has a bar.
    for (const reply of [{ text: ANSWER, ttftMs: 100, tokensPerSec: 200 }, { status: 400 }]) {
      const before = llm.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
      await workbench.runCommand('Rill: Ask…');
      const input = workbench.quickInput().locator('.quick-input-box input');
      await input.waitFor();
      // Routed to the chat endpoint only: a completion request meanwhile must not take this reply.
      let answered = false;
      llm.route((r) => (!answered && r.path.endsWith('/chat/completions') ? ((answered = true), reply) : undefined));
      await input.fill('How fast was that?');
      await workbench.press('Enter');
      const [chat] = await pollFor(() => {
        const list = llm.requests.filter((r) => r.path.endsWith('/chat/completions')).slice(before);
        return list.length ? list : undefined;
      }, { timeoutMs: 30_000, what: 'the Ask request' });
      await llm.waitForClose(chat as RecordedRequest, 15_000);
    }

    // The chat in the side bar and the Output panel (Show Log) would squeeze the report: hide
    // both, from the editor (Ctrl+B and Ctrl+J toggle them).
    await workbench.press('Control+1');
    if (await page.locator('.part.sidebar').isVisible()) {
      // The palette's Close (not the Ctrl+B toggle, which a loaded machine once sent before the
      // focus left the chat's question box): it only ever closes.
      await workbench.runCommand('View: Close Primary Side Bar');
      await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    }
    if (await page.locator('.part.panel').isVisible()) {
      await workbench.press('Control+j');
      await page.locator('.part.panel').waitFor({ state: 'hidden' });
    }
    await workbench.runCommand('Rill: Show Latency Report');
    const frame: Frame = await workbench.webviewFrame('canvas[data-chart]', 30_000);
    await frame.locator('#app[aria-busy="false"]').waitFor({ timeout: 30_000 });
    const requests = Number(await frame.locator('#app').getAttribute('data-requests'));
    assert.ok(requests >= 2, `the report should show the requests (${requests})`);
    let drawn: string[] = [];
    try {
      await pollFor(
        async () => {
          drawn = (await frame.evaluate(`(${DRAWN_CHARTS})()`)) as string[];
          return CHARTS.every((id) => drawn.includes(id)) ? drawn : undefined;
        },
        { timeoutMs: 20_000, what: 'every chart drawn on its canvas' },
      );
    } catch (error) {
      const notes = await frame.locator('.card-none:visible').allInnerTexts();
      throw new Error(`${(error as Error).message}: drawn ${drawn.join(', ')}; notes shown: ${notes.join(' | ')}`);
    }
    // Both models are in the legends: completion's by name, the chat model with what it served.
    const legendModels = await frame.locator('#app').getAttribute('data-models');
    assert.match(legendModels ?? '', /fake-completion-model/);
    assert.match(legendModels ?? '', /fake-chat-model \(chat & Ask\)/);
    // A screen reader gets each chart's figures from its canvas's name.
    assert.match((await frame.locator('canvas[data-chart="ttftMs"]').getAttribute('aria-label')) ?? '', /^Time to first token: fake-completion-model: p50 \d+ ms, p90 \d+ ms over \d+ requests?;/);
    assert.match((await frame.locator('canvas[data-chart="requests"]').getAttribute('aria-label')) ?? '', /^Requests: \d+ sent, .*\d+ failed$/);
    const tiles = await frame.locator('.tiles').innerText();
    assert.match(tiles, /Time to first token\s*\n?.*/);
    assert.match(tiles, /Acceptance/);
    assert.match(tiles, /\d+ chat & Ask/);
    // Calls answered from a running stream are said apart from the requests sent (they are no requests).
    assert.match(tiles, /\d+ calls served by a running stream, no request/);
    assert.match(await frame.locator('body').innerText(), /\d+ requests wanted, \d+ sent/);
    await workbench.screenshot('latency-report');
    await frame.locator('.card-errors').scrollIntoViewIfNeeded();
    await workbench.screenshot('latency-report-counts');
    assert.deepEqual(problems, [], 'the report page broke its CSP or went to the network');

    // Export: the save dialog (VS Code's own, in the browser) proposes a dated file in the workspace.
    // A first attempt's export (same name within the minute) would be asked to be overwritten.
    const exportName = /^rill-requests-\d{4}-\d{2}-\d{2}-\d{4}\.json$/;
    for (const name of readdirSync(vscode.workspace).filter((n) => exportName.test(n))) rmSync(join(vscode.workspace, name));
    await frame.getByRole('button', { name: /Export JSON/ }).click();
    const input = workbench.quickInput().locator('.quick-input-box input');
    await pollFor(async () => ((await input.inputValue().catch(() => '')).endsWith('.json') ? true : undefined), { timeoutMs: 15_000, what: 'the save dialog with a file name' });
    await workbench.screenshot('latency-report-export-dialog');
    await workbench.press('Enter');
    // Rill says it exported once the file is written: the file can exist before its text is all there.
    await frame.getByText(/Exported \d+ records/).waitFor();
    const target = await pollFor(() => readdirSync(vscode.workspace).find((name) => exportName.test(name)), {
      timeoutMs: 15_000,
      what: 'the exported file in the workspace',
    });
    const exported = JSON.parse(readFileSync(join(vscode.workspace, target), 'utf8')) as { format: string; records: unknown[] };
    assert.equal(exported.format, 'rill-request-records');
    assert.ok(exported.records.length >= requests);
  });
});
