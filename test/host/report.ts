// The host suite's report: written by run() inside the extension host, read by the outer runner.
// Plain data, no vscode import (both sides use it).

export interface HostFailure {
  readonly title: string;
  readonly message: string;
  readonly stack?: string;
}

export interface HostReport {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly failures: readonly HostFailure[];
  readonly durationMs: number;
  /** VS Code's version as the extension host sees it (vscode.version). */
  readonly vscodeVersion: string;
}

/** Env var naming the report file; without it run() writes `report.json` next to itself. */
export const REPORT_ENV = 'RILL_HOST_REPORT';
/** Env var naming a file that gets one line per test as the suite runs (for live output). */
export const PROGRESS_ENV = 'RILL_HOST_PROGRESS';
/** Env var with a mocha `grep` pattern, to run some host tests only. */
export const GREP_ENV = 'RILL_HOST_GREP';
