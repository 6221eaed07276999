// Builds the bench's chat page (webview/main.ts) into a folder of its own, which
// test/e2e/chatPage.ts serves when a page asks for the bench's renderer choice or measurements.
import { spawnSync } from 'node:child_process';
import { outDir, PROJECT_ROOT } from '../../tools/paths';

export const BENCH_WEBVIEW_DIR = outDir('bench-webview');

export function buildBenchWebview(): void {
  const build = spawnSync(process.execPath, ['esbuild.mjs', `--bench-webview=${BENCH_WEBVIEW_DIR}`], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the bench chat page failed');
}
