// Runs the host suite (test/host) on one VS Code flavor: builds it, starts a fake LLM server and
// VS Code, opens the workbench in Chromium with a development-mode `payload` naming Rill and the
// suite's run(), and waits for the report run() writes. Everything started is stopped at the end.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { FakeLlmServer } from '../fake-llm/server';
import type { HostReport } from '../host/report';
import { launchChromium } from '../../tools/browser';
import { buildExtension, buildHostSuite } from './buildHost';
import { startVsCode } from '../../tools/codeServer';
import { FAKE_REPLY, HOST_USER_SETTINGS, hostSuiteEnv } from './hostEnv';
import { openWorkbench } from '../../tools/openWorkbench';
import type { VsCodeFlavor } from '../../tools/flavors';
import { outDir, PROJECT_ROOT, resultsDir } from '../../tools/paths';
import { onInterrupt } from '../../tools/processes';
import { Tail } from './tail';

export interface HostRunOptions {
  readonly flavor: VsCodeFlavor;
  /** No report within this long fails the run (default RILL_HOST_TIMEOUT_MS or 600 s). */
  readonly timeoutMs?: number;
  /** Live progress lines (default: stdout). */
  readonly print?: (line: string) => void;
}

export interface HostRunResult {
  readonly report: HostReport;
  readonly resultsDir: string;
}

export async function runHostSuite(options: HostRunOptions): Promise<HostRunResult> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const timeoutMs = options.timeoutMs ?? Number(process.env.RILL_HOST_TIMEOUT_MS || 600_000);
  const results = resultsDir('host', options.flavor);
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
  // Build output, report and progress live in a folder of this run's own, copied to the results at the end.
  const runDir = outDir('host-runs', `${options.flavor}-${process.pid}`);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const reportFile = join(runDir, 'report.json');
  const progressFile = join(runDir, 'progress.log');
  writeFileSync(progressFile, '');

  const [build, extension] = await Promise.all([buildHostSuite(join(runDir, 'suite')), buildExtension(join(runDir, 'extension'))]);
  const workspace = makeWorkspace();
  const llm = await FakeLlmServer.start();
  llm.setDefault({ text: FAKE_REPLY });
  const cleanups: (() => Promise<void>)[] = [
    async () => {
      for (const file of [reportFile, progressFile]) if (existsSync(file)) cpSync(file, join(results, basename(file)));
      rmSync(runDir, { recursive: true, force: true });
    },
    async () => rmSync(workspace, { recursive: true, force: true }),
    async () => {
      writeFileSync(join(results, 'fake-llm-requests.json'), JSON.stringify(llm.requests, null, 2));
      await llm.close();
    },
  ];
  const runCleanups = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0)) await cleanup().catch((error: unknown) => print(`  cleanup failed: ${String(error)}`));
  };
  // Ctrl+C: the same cleanups (results copied, temp folders removed) before the harness exits.
  const unhook = onInterrupt(runCleanups);
  try {
    const vscode = await startVsCode({
      flavor: options.flavor,
      workspace,
      logDir: results,
      userSettings: { ...HOST_USER_SETTINGS },
      env: hostSuiteEnv({ llmUrl: llm.url, reportFile, progressFile, flavor: options.flavor }),
    });
    cleanups.unshift(() => vscode.stop());
    print(`  VS Code ${vscode.vscodeVersion} (${options.flavor}) at ${vscode.url}`);

    const browser = await launchChromium();
    cleanups.unshift(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const exit = watchAutomationExit(page, join(results, 'extension-host-console.log'));
    await openWorkbench(page, vscode, {
      waitUntilReady: false,
      payload: [
        ['extensionDevelopmentPath', vscode.remoteUri(extension)],
        ['extensionTestsPath', vscode.remoteUri(build.entry)],
        ['skipWelcome', 'true'],
      ],
    });

    const report = await waitForReport({ reportFile, progressFile, timeoutMs, exit, print, resultsDir: results });
    await page.screenshot({ path: join(results, 'workbench.png') }).catch(() => undefined);
    return { report, resultsDir: results };
  } finally {
    unhook();
    await runCleanups();
  }
}

function makeWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rill-host-ws-'));
  const fixture = join(PROJECT_ROOT, 'test', 'host', 'workspace');
  if (existsSync(fixture)) cpSync(fixture, dir, { recursive: true });
  return dir;
}

/**
 * The workbench calls window.codeAutomationExit(code) when the suite's run() settles, and
 * codeAutomationLog(type, args) for the extension host's console, when they exist (VS Code's
 * smoke-test driver contract). We define them on every flavor; the report file stays the source of truth.
 */
function watchAutomationExit(page: Page, consoleLog: string): Promise<number> {
  return new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code: number) => {
      writeFileSync(consoleLog, `[codeAutomationExit] ${code}\n`, { flag: 'a' });
      resolve(Number(code));
    });
    void page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      writeFileSync(consoleLog, `[${type}] ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}\n`, { flag: 'a' });
    });
  });
}

interface WaitOptions {
  readonly reportFile: string;
  readonly progressFile: string;
  readonly timeoutMs: number;
  readonly exit: Promise<number>;
  readonly print: (line: string) => void;
  /** Named in errors: where the logs of the run end up. */
  readonly resultsDir: string;
}

async function waitForReport(options: WaitOptions): Promise<HostReport> {
  const deadline = Date.now() + options.timeoutMs;
  let exitCode: number | undefined;
  void options.exit.then((code) => (exitCode = code));
  let exitSeenAt: number | undefined;
  const progress = new Tail(options.progressFile);
  for (;;) {
    progress.drain((line) => options.print(`  ${line}`));
    if (existsSync(options.reportFile) && statSync(options.reportFile).size > 0) {
      progress.drain((line) => options.print(`  ${line}`));
      return JSON.parse(readFileSync(options.reportFile, 'utf8')) as HostReport;
    }
    if (exitCode !== undefined) {
      exitSeenAt ??= Date.now();
      // run() writes the report before it settles; give the file system a moment, no more.
      if (Date.now() - exitSeenAt > 5000) throw new Error(`the extension host ended the suite (exit ${exitCode}) without a report; logs in ${options.resultsDir}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`no host suite report within ${options.timeoutMs / 1000} s; logs in ${options.resultsDir} (RILL_HOST_TIMEOUT_MS to change)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
