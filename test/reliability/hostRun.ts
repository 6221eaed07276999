// Runs some host test files (test/host/*.host.test.ts) in the real extension host with their own
// build folder and artifacts folder, so that `npm run soak` (minutes long) never shares files with
// a host suite run going on at the same time. Same contract as the harness's host runner: the
// suite's run() (test/host/index.ts) writes a report file; the runner waits for it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../tools/browser';
import { buildExtension, buildHostSuite } from '../harness/buildHost';
import { startVsCode } from '../../tools/codeServer';
import type { VsCodeFlavor } from '../../tools/flavors';
import { openWorkbench } from '../../tools/openWorkbench';
import { outDir, resultsDir } from '../../tools/paths';
import { Tail } from '../harness/tail';
import { type HostReport, PROGRESS_ENV, REPORT_ENV } from '../host/report';

export interface HostFilesRun {
  readonly flavor: VsCodeFlavor;
  /** Names of files in test/host, e.g. `reliabilitySoak.host.test.ts`. */
  readonly files: readonly string[];
  /** Artifacts go to test-results/<name>-<flavor>/, the build to out/<name>-<flavor>/. */
  readonly name: string;
  /** Added to the VS Code server's environment (the extension host inherits it). */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly print: (line: string) => void;
}

export interface HostFilesResult {
  readonly report: HostReport;
  readonly resultsDir: string;
}

export async function runHostFiles(options: HostFilesRun): Promise<HostFilesResult> {
  const results = resultsDir(options.name, options.flavor);
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
  const reportFile = join(results, 'report.json');
  const progressFile = join(results, 'progress.log');
  writeFileSync(progressFile, '');
  // The staged test build of the extension (the product's entry exports nothing to tests).
  const [{ entry }, extension] = await Promise.all([buildHostSuite(outDir(`${options.name}-${options.flavor}`), options.files), buildExtension(outDir(`${options.name}-${options.flavor}-extension`))]);

  const workspace = mkdtempSync(join(tmpdir(), 'rill-reliability-ws-'));
  const cleanups: (() => Promise<unknown>)[] = [async () => rmSync(workspace, { recursive: true, force: true })];
  try {
    const vscode = await startVsCode({
      flavor: options.flavor,
      workspace,
      logDir: results,
      env: { [REPORT_ENV]: reportFile, [PROGRESS_ENV]: progressFile, RILL_RESULTS_DIR: results, ...options.env },
    });
    cleanups.unshift(() => vscode.stop());
    options.print(`  VS Code ${vscode.vscodeVersion} (${options.flavor}) at ${vscode.url}`);
    const browser = await launchChromium();
    cleanups.unshift(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The workbench reports the suite's end through these when they exist; the report file decides.
    await page.exposeFunction('codeAutomationExit', () => undefined);
    await page.exposeFunction('codeAutomationLog', () => undefined);
    await openWorkbench(page, vscode, {
      waitUntilReady: false,
      payload: [
        ['extensionDevelopmentPath', vscode.remoteUri(extension)],
        ['extensionTestsPath', vscode.remoteUri(entry)],
        ['skipWelcome', 'true'],
      ],
    });
    const report = await waitForReport(reportFile, progressFile, options.timeoutMs, options.print);
    return { report, resultsDir: results };
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => options.print(`  cleanup failed: ${String(error)}`));
  }
}

async function waitForReport(reportFile: string, progressFile: string, timeoutMs: number, print: (line: string) => void): Promise<HostReport> {
  const deadline = Date.now() + timeoutMs;
  const progress = new Tail(progressFile);
  for (;;) {
    progress.drain((line) => print(`  ${line}`));
    if (existsSync(reportFile) && statSync(reportFile).size > 0) {
      progress.drain((line) => print(`  ${line}`));
      return JSON.parse(readFileSync(reportFile, 'utf8')) as HostReport;
    }
    if (Date.now() > deadline) throw new Error(`no report within ${timeoutMs / 1000} s (${reportFile}); see the logs next to it`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
