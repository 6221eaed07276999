// Where the harness keeps things: the install cache outside the clone, build output and the
// per-run artifacts inside it (both git-ignored).
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is tools/paths.ts). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Installs that survive clones and runs: `RILL_CACHE`, else `~/.cache/rill`. */
export function cacheDir(): string {
  return resolve(process.env.RILL_CACHE || join(homedir(), '.cache', 'rill'));
}

/**
 * `RILL_RUN_TAG` keeps runs apart: with it set, build output and artifacts go to `out-<tag>/` and
 * `<suite>-<flavor>-<tag>/`, so two suites started side by side do not overwrite each other's files.
 */
const runTag = (process.env.RILL_RUN_TAG ?? '').replace(/[^\w.-]/g, '');

/** Build output of the test suites (git-ignored `out/`). */
export function outDir(...parts: string[]): string {
  return join(PROJECT_ROOT, runTag ? `out-${runTag}` : 'out', ...parts);
}

/** Artifacts of one suite on one flavor: `test-results/<suite>-<flavor>/` (git-ignored). */
export function resultsDir(suite: string, flavor: string): string {
  return join(PROJECT_ROOT, 'test-results', runTag ? `${suite}-${flavor}-${runTag}` : `${suite}-${flavor}`);
}
