// `npm run test:e2e`: packages the VSIX once, then runs the browser suite (test/e2e) in one mocha
// process per flavor chosen by RILL_VSCODE (default both). Extra arguments go to mocha (--grep ...);
// RILL_E2E_GREP does the same through the environment (e.g. under `npm test`).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer } from '../../tools/codeServer';
import { ensureChromium } from '../../tools/debian';
import { selectedFlavors } from '../../tools/flavors';
import { outDir, PROJECT_ROOT, resultsDir } from '../../tools/paths';
import { exited, HARNESS_CHILD_GRACE_MS, spawnGroup, stopGroup, stopRequested } from '../../tools/processes';
import { packageVsix } from './vsix';
import { exitWith } from './perFlavor';

const RUN_TIMEOUT_MS = Number(process.env.RILL_E2E_TIMEOUT_MS || 15 * 60_000);

async function main(): Promise<number> {
  const flavors = selectedFlavors();
  const started = Date.now();
  // Installs first, so that their time is not charged to a test's timeout.
  await ensureChromium();
  for (const flavor of flavors) await ensureCodeServer(flavor);
  mkdirSync(outDir('e2e'), { recursive: true });
  // RILL_E2E_VSIX: test a VSIX built elsewhere (a release candidate) instead of packaging the tree.
  const vsix = process.env.RILL_E2E_VSIX || (await packageVsix(join(outDir('e2e'), 'package.log')));
  console.log(`  VSIX ${vsix} ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  let failed = 0;
  for (const flavor of flavors) {
    const flavorStarted = Date.now();
    console.log(`\n--- e2e suite on VS Code ${flavor} ---`);
    const mocha = join(PROJECT_ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
    const child = spawnGroup(
      process.execPath,
      [
        mocha,
        '--no-config',
        '--require', 'tsx/cjs',
        '--require', 'test/e2e/hooks.ts',
        '--extension', 'ts',
        '--timeout', '60000',
        '--slow', '15000',
        // A real browser driving a real VS Code on a 2-core machine: a step can miss its window
        // when the machine is loaded. One retry per test; a test that fails twice fails the suite.
        '--retries', '1',
        '--reporter', 'test/e2e/reporter.ts',
        ...(process.env.RILL_E2E_GREP ? ['--grep', process.env.RILL_E2E_GREP] : []),
        ...process.argv.slice(2),
        'test/e2e/**/*.e2e.test.ts',
      ],
      // On Ctrl+C the mocha run stops its VS Code and cleans up as its afterAll would: give it the time.
      { cwd: PROJECT_ROOT, env: { ...process.env, RILL_VSCODE: flavor, RILL_E2E_VSIX: vsix }, stopGraceMs: HARNESS_CHILD_GRACE_MS },
    );
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited(child),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (code === 'timeout') await stopGroup(child);
    // Ctrl+C: the suite was stopped, not failed; the harness exits once it has cleaned up.
    if (stopRequested()) break;
    const seconds = ((Date.now() - flavorStarted) / 1000).toFixed(1);
    const outcome = code === 0 ? 'passed' : code === 'timeout' ? `TIMED OUT after ${RUN_TIMEOUT_MS / 1000} s` : `FAILED (exit ${code})`;
    console.log(`  e2e/${flavor}: ${outcome} in ${seconds} s (artifacts: ${resultsDir('e2e', flavor)})`);
    if (code !== 0) failed++;
  }
  return failed ? 1 : 0;
}

exitWith(main);
