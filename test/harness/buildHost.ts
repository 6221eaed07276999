// Builds what the host suite needs: the extension (development build, dist/) and the suite itself,
// one CommonJS bundle per test file plus the run() entry, with `vscode` and `mocha` left external
// (the extension host provides `vscode`; `mocha` resolves from the project's node_modules).
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findFiles } from './files';
import { outDir, PROJECT_ROOT } from '../../tools/paths';
import { run } from '../../tools/processes';
import { TEST_BUILD_MARKER } from '../../tools/testOnlyMarkers';

export const HOST_TEST_SUFFIX = '.host.test.ts';

export interface HostBuild {
  /** The module exporting run() (the extensionTestsPath). */
  readonly entry: string;
  readonly testFiles: readonly string[];
}

/**
 * Bundles the suite into `out` (a folder of its own per run: runs in the same tree do not collide):
 * every host test file, or only `files` (paths under test/host).
 */
export async function buildHostSuite(out: string = outDir('host'), files?: readonly string[]): Promise<HostBuild> {
  const source = join(PROJECT_ROOT, 'test', 'host');
  const testFiles = files ?? findFiles(source, HOST_TEST_SUFFIX);
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

/** What the extension needs at run time (what .vscodeignore lets into the VSIX, plus source maps). */
const EXTENSION_FILES = ['package.json', 'dist', 'media', 'README.md', 'LICENSE', 'CHANGELOG.md'];

/**
 * `node esbuild.mjs` (the extension's own development build into dist/), then a copy of what the
 * extension needs into `staged`, the extensionDevelopmentPath of the host suite: other work in the
 * same tree (`npm run package` empties dist/ first) cannot pull files from under a running suite.
 * The staged dist/extension.js is then the test build (test/host/testExtension.ts: the same Rill,
 * which hands its internals to the tests); the product's entry exports nothing.
 */
export async function buildExtension(staged: string = outDir('host-extension')): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run(process.execPath, [join(PROJECT_ROOT, 'esbuild.mjs')], { cwd: PROJECT_ROOT, timeoutMs: 120_000 });
      rmSync(staged, { recursive: true, force: true });
      mkdirSync(staged, { recursive: true });
      for (const name of EXTENSION_FILES) {
        const from = join(PROJECT_ROOT, name);
        if (existsSync(from)) cpSync(from, join(staged, name), { recursive: true });
      }
      if (!existsSync(join(staged, 'dist', 'extension.js'))) throw new Error('dist/extension.js vanished before it was copied');
      const dist = join(staged, 'dist');
      await run(process.execPath, [join(PROJECT_ROOT, 'esbuild.mjs'), `--test-extension=${dist}`], { cwd: PROJECT_ROOT, timeoutMs: 120_000 });
      if (!readFileSync(join(dist, 'extension.js'), 'utf8').includes(TEST_BUILD_MARKER)) throw new Error(`${dist}/extension.js is not the test build`);
      return staged;
    } catch (error) {
      // A concurrent `npm run package` may empty dist/ between the build and the copy: build again.
      if (attempt >= 3) throw error;
    }
  }
}
