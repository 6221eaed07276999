// `npm test`: every suite the project has, in order; exits non-zero when any fails.
// `npm ci` first on a fresh clone (no node_modules); typecheck and unit + contract run once; the
// host suite (inside the real extension host) runs on each VS Code flavor chosen by
// RILL_VSCODE=oldest|newest|both (default both; `none` skips them); the VSIX is packaged and its
// contents checked; the demo's self-test runs once on the newest chosen flavor; then the e2e suite
// (Chromium driving VS Code with the packaged VSIX) on each flavor. See test/README.md.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STEP_TIMEOUT_MS = 20 * 60_000;

function flavors(value = (process.env.RILL_VSCODE ?? '').trim().toLowerCase()) {
  if (value === '' || value === 'both' || value === 'all') return ['oldest', 'newest'];
  if (value === 'oldest' || value === 'newest') return [value];
  if (value === 'none') return [];
  throw new Error(`RILL_VSCODE must be oldest, newest, both or none (got "${value}")`);
}

// The VSIX under test, copied out of the root so a later packaging run cannot change it (the
// out-<tag>/ of RILL_RUN_TAG, as test/harness/paths.ts has it).
const runTag = (process.env.RILL_RUN_TAG ?? '').replace(/[^\w.-]/g, '');
const vsix = join(root, runTag ? `out-${runTag}` : 'out', 'e2e', 'rill.vsix');
const chosen = flavors();
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const steps = [
  // A fresh clone: nothing below runs without the project's dependencies.
  ...(existsSync(join(root, 'node_modules', '.package-lock.json')) ? [] : [{ name: 'install dependencies (npm ci)', args: ['ci'], required: true }]),
  { name: 'typecheck', args: ['run', 'typecheck'] },
  { name: 'unit + contract', args: ['run', 'test:unit'] },
  ...(chosen.length ? [{ name: 'install VS Code + Chromium', cmd: tsx, args: ['test/harness/installAll.ts'], env: { RILL_VSCODE: chosen.length > 1 ? 'both' : chosen[0] } }] : []),
  ...chosen.map((flavor) => ({ name: `host suite on VS Code ${flavor}`, args: ['run', 'test:host'], env: { RILL_VSCODE: flavor } })),
  ...(chosen.length ? [{ name: 'package the VSIX', args: ['run', 'package'], after: () => copyAndCheckVsix() }] : []),
  // The demo's self-test, on the VSIX just packaged (--no-package): once, on the newest flavor chosen.
  ...(chosen.length ? [{ name: `demo self-test on VS Code ${chosen.at(-1)}`, args: ['run', 'demo', '--', '--check', '--no-package'], env: { RILL_VSCODE: chosen.at(-1) } }] : []),
  ...chosen.map((flavor) => ({ name: `e2e suite on VS Code ${flavor}`, args: ['run', 'test:e2e'], env: { RILL_VSCODE: flavor, RILL_E2E_VSIX: vsix } })),
];

/** Copies the VSIX for the e2e suite and fails the step when it is too big or holds what it should not. */
function copyAndCheckVsix() {
  mkdirSync(dirname(vsix), { recursive: true });
  copyFileSync(join(root, 'rill.vsix'), vsix);
  const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/checkVsix.ts', vsix], { cwd: root, stdio: 'inherit' });
  if (check.status !== 0) throw new Error(`the VSIX check failed (exit ${check.status ?? check.signal})`);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const started = Date.now();
const lines = [];
let failed = 0;
for (const step of steps) {
  const stepStarted = Date.now();
  console.log(`\n${'='.repeat(70)}\n=== ${step.name}\n${'='.repeat(70)}`);
  const r = spawnSync(step.cmd ?? 'npm', step.args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
    timeout: STEP_TIMEOUT_MS,
    killSignal: 'SIGTERM',
  });
  let problem = r.status === 0 ? undefined : `exit ${r.status ?? r.signal ?? r.error?.message}`;
  if (!problem && step.after) {
    try {
      step.after();
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
  }
  const ok = problem === undefined;
  const outcome = ok ? 'passed' : `FAILED (${problem})`;
  if (!ok) failed++;
  lines.push(`  ${ok ? 'ok  ' : 'FAIL'} ${step.name.padEnd(36)} ${seconds(Date.now() - stepStarted).padStart(8)}`);
  console.log(`=== ${step.name}: ${outcome} in ${seconds(Date.now() - stepStarted)}`);
  if (!ok && step.required) {
    console.log(`\n${step.name} failed: the other steps cannot run without it.`);
    break;
  }
}
console.log(`\n${lines.join('\n')}\n  total ${seconds(Date.now() - started)}`);
const notRun = steps.length - lines.length;
console.log(`\n${lines.length - failed} passed, ${failed} failed${notRun ? `, ${notRun} not run` : ''}`);
process.exit(failed ? 1 : 0);
