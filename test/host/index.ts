// The host suite's entry (extensionTestsPath): runs inside the real VS Code extension host, with the
// same contract as @vscode/test-electron's run(). It always writes a report file, even when the
// test files fail to load, and rejects when any test failed.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { type Collected, FileReporter } from './fileReporter';
import { GREP_ENV, type HostReport, PROGRESS_ENV, REPORT_ENV } from './report';

export async function run(): Promise<void> {
  const started = Date.now();
  const reportFile = process.env[REPORT_ENV] || join(__dirname, 'report.json');
  const collected: Collected = { passed: 0, failed: 0, pending: 0, failures: [] };
  try {
    const mocha = new Mocha({
      ui: 'bdd',
      color: false,
      timeout: 30_000,
      // The extension host shares 2 cores with VS Code's server and the browser: a test that
      // misses a window once under load is run once more; failing twice fails the suite.
      retries: 1,
      reporter: FileReporter,
      reporterOptions: { collected, progressFile: process.env[PROGRESS_ENV] },
    });
    const grep = process.env[GREP_ENV];
    if (grep) mocha.grep(grep);
    const files = testFiles(__dirname);
    if (files.length === 0) throw new Error(`no *.host.test.js files next to ${__dirname}`);
    for (const file of files) mocha.addFile(file);
    await new Promise<void>((resolve) => mocha.run(() => resolve()));
  } catch (error) {
    collected.failed++;
    collected.failures.push({ title: 'host suite setup', message: String(error), stack: error instanceof Error ? error.stack : undefined });
  }
  const report: HostReport = { ...collected, durationMs: Date.now() - started, vscodeVersion: vscode.version };
  writeFileSync(reportFile, JSON.stringify(report, null, 2));
  if (report.failed > 0) throw new Error(`${report.failed} host test(s) failed`);
}

function testFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.host.test.js')) found.push(join(entry.parentPath, entry.name));
  }
  return found.sort();
}
