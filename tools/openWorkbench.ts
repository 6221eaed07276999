// Opening the workbench of a running VS Code in a browser page and waiting until it is usable.
import type { Page } from 'playwright-core';
import type { RunningVsCode } from './codeServer';

export interface OpenWorkbenchOptions {
  /** Development-mode parameters (extensionDevelopmentPath, extensionTestsPath...). */
  readonly payload?: ReadonlyArray<readonly [string, string]>;
  /** Wait for the workbench to be usable (default true). */
  readonly waitUntilReady?: boolean;
  readonly timeoutMs?: number;
}

export async function openWorkbench(page: Page, vscode: RunningVsCode, options: OpenWorkbenchOptions = {}): Promise<void> {
  await page.goto(vscode.workbenchUrl(options.payload));
  if (options.waitUntilReady ?? true) await waitForWorkbench(page, options.timeoutMs);
}

/** The workbench is laid out and the Explorer shows the workspace folder. */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: timeoutMs });
}
