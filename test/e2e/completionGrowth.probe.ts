// Probe (not a pass/fail test): how can an extension make VS Code show a longer inline suggestion
// while one is shown, for the same document version and cursor? For each re-query strategy, a test
// extension (completionGrowthProbe/) grows its ghost text by a line every 600 ms, and the page
// samples the ghost text every animation frame. Blank frames between two growths are what a user
// would see flicker. Run: npx tsx test/e2e/completionGrowth.probe.ts [oldest|newest]...
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../tools/browser';
import { startVsCode, type VsCodeFlavor } from '../../tools/codeServer';
import { openWorkbench } from '../../tools/openWorkbench';
import { PROJECT_ROOT, resultsDir } from '../../tools/paths';
import { ACTIVE_EDITOR, READ_EDITOR_TEXT } from './monaco';
import { exitWith } from '../harness/perFlavor';

const STRATEGIES = ['trigger', 'hideTrigger', 'triggerNext', 'reregTrigger', 'reregTriggerNext', 'adaptive'] as const;
const LINES = ['alpha();', 'beta();', 'gamma();', 'delta();', 'epsilon();'];

export interface ProbeResult {
  readonly flavor: VsCodeFlavor;
  readonly vscodeVersion: string;
  readonly strategy: string;
  /** Ghost text levels (lines shown) in the order they appeared. */
  readonly levelsSeen: number[];
  readonly finalLevel: number;
  /** Frames with no ghost text after it first appeared. */
  readonly blankFrames: number;
  readonly longestBlankMs: number;
  readonly providerCalls: number;
  /** After Tab: the lines of the suggestion that landed in the document. */
  readonly acceptedLevel: number;
}

function level(text: string): number {
  let n = 0;
  while (n < LINES.length && text.includes(LINES[n])) n++;
  return n;
}

async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type(name, { delay: 20 });
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator(`${ACTIVE_EDITOR} .view-lines`).filter({ hasText: `strategy: ${name.replace('.txt', '')}` }).waitFor({ state: 'visible', timeout: 15_000 });
  await page.locator(`${ACTIVE_EDITOR} .view-lines`).click();
  await page.keyboard.press('Control+End');
}

async function probeStrategy(page: Page, strategy: string): Promise<Omit<ProbeResult, 'flavor' | 'vscodeVersion' | 'providerCalls'>> {
  await openFile(page, `${strategy}.txt`);
  // A string: the project compiles without DOM types, and tsx would wrap a function with helpers.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__sampling = true;
    const sample = () => {
      const parts = [...document.querySelectorAll('${ACTIVE_EDITOR} .ghost-text-decoration, ${ACTIVE_EDITOR} .ghost-text-decoration-preview, ${ACTIVE_EDITOR} .ghost-text')];
      window.__frames.push([performance.now(), parts.map((e) => e.textContent || '').join('\\n')]);
      if (window.__sampling) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  })()`);
  await page.keyboard.type('x');
  await page.waitForTimeout(600 * LINES.length + 1500);
  const frames = (await page.evaluate('(() => { window.__sampling = false; return window.__frames; })()')) as Array<[number, string]>;
  const levelsSeen: number[] = [];
  let blankFrames = 0;
  let longestBlankMs = 0;
  let blankSince: number | undefined;
  let seen = false;
  for (const [t, text] of frames) {
    const l = level(text);
    if (l > 0) {
      seen = true;
      if (levelsSeen[levelsSeen.length - 1] !== l) levelsSeen.push(l);
      if (blankSince !== undefined) longestBlankMs = Math.max(longestBlankMs, t - blankSince);
      blankSince = undefined;
    } else if (seen) {
      blankFrames++;
      blankSince ??= t;
    }
  }
  await page.keyboard.press('Tab');
  await page.waitForTimeout(300);
  const content = String(await page.evaluate(`(${READ_EDITOR_TEXT})(${JSON.stringify(ACTIVE_EDITOR)})`));
  await page.keyboard.press('Control+Z');
  return {
    strategy,
    levelsSeen,
    finalLevel: levelsSeen[levelsSeen.length - 1] ?? 0,
    blankFrames,
    longestBlankMs: Math.round(longestBlankMs),
    acceptedLevel: level(content.replace(/\u00a0/g, ' ')),
  };
}

async function probeFlavor(flavor: VsCodeFlavor): Promise<ProbeResult[]> {
  const workspace = mkdtempSync(join(tmpdir(), 'rill-growth-probe-'));
  for (const strategy of STRATEGIES) writeFileSync(join(workspace, `${strategy}.txt`), `strategy: ${strategy}\n\n`);
  const logFile = join(workspace, '..', `probe-${flavor}-${process.pid}.log`);
  writeFileSync(logFile, '');
  const vscode = await startVsCode({ flavor, workspace, env: { PROBE_LOG: logFile }, userSettings: { 'editor.inlineSuggest.enabled': true } });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openWorkbench(page, vscode, {
      payload: [
        ['extensionDevelopmentPath', vscode.remoteUri(join(PROJECT_ROOT, 'test/e2e/completionGrowthProbe'))],
        ['skipWelcome', 'true'],
      ],
    });
    await page.waitForTimeout(2000);
    const results: ProbeResult[] = [];
    for (const strategy of STRATEGIES) {
      const result = await probeStrategy(page, strategy);
      const calls = readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((line) => line.includes('"provide"') && line.includes(`"strategy":"${strategy}"`)).length;
      results.push({ flavor, vscodeVersion: vscode.vscodeVersion, providerCalls: calls, ...result });
      console.log(JSON.stringify(results[results.length - 1]));
    }
    return results;
  } finally {
    await browser.close();
    await vscode.stop();
    rmSync(workspace, { recursive: true, force: true });
    rmSync(logFile, { force: true });
  }
}

async function main(): Promise<void> {
  const flavors = (process.argv.slice(2).length ? process.argv.slice(2) : ['oldest', 'newest']) as VsCodeFlavor[];
  const out = resultsDir('probe', 'completion-growth');
  mkdirSync(out, { recursive: true });
  const all: ProbeResult[] = [];
  for (const flavor of flavors) all.push(...(await probeFlavor(flavor)));
  writeFileSync(join(out, 'results.json'), JSON.stringify(all, null, 2));
  appendFileSync(join(out, 'results.json'), '\n');
}

exitWith(async () => {
  await main();
  return 0;
});
