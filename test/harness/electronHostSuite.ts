// The host suite through @vscode/test-electron on desktop VS Code (the inner half of
// `npm run test:electron`; runElectron.ts runs this in its own process group with a deadline).
// test-electron must download desktop VS Code; when it cannot, this says so and exits 2.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { FakeLlmServer } from '../fake-llm/server';
import type { HostReport } from '../host/report';
import { buildExtension, buildHostSuite } from './buildHost';
import { FAKE_REPLY, HOST_USER_SETTINGS, hostSuiteEnv } from './hostEnv';
import { hostReportPassed, printHostFailures } from './hostReportOutput';
import { cacheDir, outDir, resultsDir } from '../../tools/paths';
import { writeUserSettings } from '../../tools/userSettings';
import { exitWith } from './perFlavor';

export const NO_DESKTOP_VSCODE_EXIT = 2;

async function main(): Promise<number> {
  const version = process.env.RILL_ELECTRON_VSCODE || 'stable';
  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: join(cacheDir(), 'vscode-desktop'), timeout: 15_000 });
  } catch (error) {
    console.error(
      `\nNo desktop VS Code could be obtained: @vscode/test-electron could not download VS Code ${version} ` +
        `(${error instanceof Error ? error.message : String(error)}).\n` +
        'This machine cannot reach the VS Code download servers. The same host suite runs on real VS Code ' +
        'servers with `npm run test:host`.',
    );
    return NO_DESKTOP_VSCODE_EXIT;
  }

  const runDir = outDir('host-runs', `electron-${process.pid}`);
  const [build, extension] = await Promise.all([buildHostSuite(join(runDir, 'suite')), buildExtension(join(runDir, 'extension'))]);
  const results = resultsDir('host', 'electron');
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
  const reportFile = join(results, 'report.json');
  const progressFile = join(results, 'progress.log');
  const dataDir = mkdtempSync(join(tmpdir(), 'rill-electron-'));
  const userDataDir = join(dataDir, 'user-data');
  writeUserSettings(join(userDataDir, 'User', 'settings.json'), HOST_USER_SETTINGS);
  const workspace = mkdtempSync(join(tmpdir(), 'rill-electron-ws-'));
  const llm = await FakeLlmServer.start();
  llm.setDefault({ text: FAKE_REPLY });
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: extension,
      extensionTestsPath: build.entry,
      extensionTestsEnv: { ...hostSuiteEnv({ llmUrl: llm.url, reportFile, progressFile }), RILL_VSCODE_DATA_DIR: userDataDir },
      launchArgs: [workspace, '--user-data-dir', userDataDir, '--extensions-dir', join(dataDir, 'extensions'), '--disable-workspace-trust', '--skip-welcome'],
    }).catch(() => undefined); // the report says what failed
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as HostReport;
    console.log(`  host/electron: ${report.passed} passed, ${report.failed} failed, ${report.pending} pending on VS Code ${report.vscodeVersion}`);
    printHostFailures(report);
    return hostReportPassed(report) ? 0 : 1;
  } finally {
    writeFileSync(join(results, 'fake-llm-requests.json'), JSON.stringify(llm.requests, null, 2));
    await llm.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(runDir, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
  }
}

exitWith(main);
