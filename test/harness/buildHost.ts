// Builds what the host suite needs: the extension (development build, dist/) and the suite itself,
// one CommonJS bundle per test file plus the run() entry, with `vscode` and `mocha` left external
// (the extension host provides `vscode`; `mocha` resolves from the project's node_modules).
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { findFiles } from './files';
import { PROJECT_ROOT, outDir } from './paths';
import { run } from './processes';

export const HOST_TEST_SUFFIX = '.host.test.ts';

export interface HostBuild {
  /** The module exporting run() (the extensionTestsPath). */
  readonly entry: string;
  readonly testFiles: readonly string[];
}

export async function buildHostSuite(): Promise<HostBuild> {
  const source = join(PROJECT_ROOT, 'test', 'host');
  const out = outDir('host');
  const testFiles = findFiles(source, HOST_TEST_SUFFIX);
  rmSync(out, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(source, 'index.ts'), ...testFiles.map((f) => join(source, f))],
    outbase: source,
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return { entry: join(out, 'index.js'), testFiles: testFiles.map((f) => join(out, f.replace(/\.ts$/, '.js'))) };
}

/** `node esbuild.mjs`: the extension's own development build into dist/. */
export async function buildExtension(): Promise<void> {
  await run(process.execPath, [join(PROJECT_ROOT, 'esbuild.mjs')], { cwd: PROJECT_ROOT, timeoutMs: 120_000 });
}
