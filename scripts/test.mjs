// `npm test`: every suite the project has, in order; exits non-zero when any fails.
// typecheck and unit + contract run once; the host suite (inside the real extension host) and the
// e2e suite (Chromium driving VS Code with the packaged VSIX) run on each VS Code flavor chosen by
// RILL_VSCODE=oldest|newest|both (default both; `none` skips them). See test/README.md.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
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

const vsix = join(root, 'out', 'e2e', 'rill.vsix');
const chosen = flavors();
const steps = [
  { name: 'typecheck', args: ['run', 'typecheck'] },
  { name: 'unit + contract', args: ['run', 'test:unit'] },
  ...(chosen.length ? [{ name: 'install VS Code + Chromium', cmd: join(root, 'node_modules', '.bin', 'tsx'), args: ['test/harness/installAll.ts'], env: { RILL_VSCODE: chosen.length > 1 ? 'both' : chosen[0] } }] : []),
  ...chosen.map((flavor) => ({ name: `host suite on VS Code ${flavor}`, args: ['run', 'test:host'], env: { RILL_VSCODE: flavor } })),
  ...(chosen.length ? [{ name: 'package the VSIX', args: ['run', 'package'], after: () => copyVsix() }] : []),
  ...chosen.map((flavor) => ({ name: `e2e suite on VS Code ${flavor}`, args: ['run', 'test:e2e'], env: { RILL_VSCODE: flavor, RILL_E2E_VSIX: vsix } })),
];

function copyVsix() {
  mkdirSync(dirname(vsix), { recursive: true });
  copyFileSync(join(root, 'rill.vsix'), vsix);
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
  let ok = r.status === 0;
  if (ok && step.after) {
    try {
      step.after();
    } catch (error) {
      console.error(String(error));
      ok = false;
    }
  }
  const outcome = ok ? 'passed' : `FAILED (exit ${r.status ?? r.signal ?? r.error?.message})`;
  if (!ok) failed++;
  lines.push(`  ${ok ? 'ok  ' : 'FAIL'} ${step.name.padEnd(32)} ${seconds(Date.now() - stepStarted).padStart(8)}`);
  console.log(`=== ${step.name}: ${outcome} in ${seconds(Date.now() - stepStarted)}`);
}
console.log(`\n${lines.join('\n')}\n  total ${seconds(Date.now() - started)}`);
console.log(`\n${steps.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
