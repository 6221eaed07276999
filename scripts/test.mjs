// `npm test`: every suite the project has, in order; exits non-zero when any fails.
// `npm ci` first on a fresh clone (no node_modules); typecheck and unit + contract run once, side by
// side (each line of their output after their name in brackets); the host suite (inside the real
// extension host) runs on each VS Code flavor chosen by RILL_VSCODE=oldest|newest|both (default
// both; `none` skips them), one after the other; the VSIX is packaged and its contents checked; the
// demo's self-test runs once on the newest chosen flavor; then the e2e suite (Chromium driving VS
// Code with the packaged VSIX) on each flavor. See test/README.md.
// Each command runs in its own process group; Ctrl+C (or SIGTERM / SIGHUP to this process) is
// passed to each running group (npm, its shell and the runner), which stops what it started; no
// further step runs and the exit code is 128 + the signal's number.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STEP_TIMEOUT_MS = 20 * 60_000;
/** How long a command's piped output may take to end after the command has exited. */
const OUTPUT_DRAIN_MS = 5000;

function flavors(value = (process.env.RILL_VSCODE ?? '').trim().toLowerCase()) {
  if (value === '' || value === 'both' || value === 'all') return ['oldest', 'newest'];
  if (value === 'oldest' || value === 'newest') return [value];
  if (value === 'none') return [];
  throw new Error(`RILL_VSCODE must be oldest, newest, both or none (got "${value}")`);
}

// The VSIX under test, copied out of the root so a later packaging run cannot change it (the
// out-<tag>/ of RILL_RUN_TAG, as tools/paths.ts has it).
const runTag = (process.env.RILL_RUN_TAG ?? '').replace(/[^\w.-]/g, '');
const vsix = join(root, runTag ? `out-${runTag}` : 'out', 'e2e', 'rill.vsix');
const chosen = flavors();
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const steps = [
  // A fresh clone: nothing below runs without the project's dependencies.
  ...(existsSync(join(root, 'node_modules', '.package-lock.json')) ? [] : [{ name: 'install dependencies (npm ci)', args: ['ci'], required: true }]),
  // Neither asserts on time: side by side, each on a core of its own.
  { name: 'typecheck + unit + contract', parallel: [{ tag: 'typecheck', args: ['run', 'typecheck'] }, { tag: 'unit', args: ['run', 'test:unit'] }] },
  // Wall-clock bounds (fake server pacing, abort-to-close): kept out of the fast suite above.
  { name: 'timing (real clock)', args: ['run', 'test:timing'] },
  ...(chosen.length ? [{ name: 'install VS Code + Chromium', cmd: tsx, args: ['test/harness/installAll.ts'], env: { RILL_VSCODE: chosen.length > 1 ? 'both' : chosen[0] } }] : []),
  // One after the other: side by side they would take about 480 s instead of about 800, but under
  // that load some tests still miss (see test/README.md).
  // RILL_HOST_SHARE=1: the two flavors share the fault catalogue's wire formats (test/host/share.ts).
  ...chosen.map((flavor) => ({ name: `host suite on VS Code ${flavor}`, args: ['run', 'test:host'], env: { RILL_VSCODE: flavor, RILL_HOST_SHARE: chosen.length > 1 ? '1' : '' } })),
  ...(chosen.length ? [{ name: 'package the VSIX', args: ['run', 'package'], after: () => copyAndCheckVsix() }] : []),
  // The demo's self-test, on the VSIX just packaged (--no-package): once, on the newest flavor chosen.
  ...(chosen.length ? [{ name: `demo self-test on VS Code ${chosen.at(-1)}`, args: ['run', 'demo', '--', '--check', '--no-package'], env: { RILL_VSCODE: chosen.at(-1) } }] : []),
  // The chat page's own suites (Chromium alone, no VS Code) run with the last flavor's suite only
  // (RILL_E2E_PAGE_SUITES, test/e2e/chatPageHooks.ts).
  // RILL_E2E_SHARE: the two flavors share the chat faults of test/e2e/faultsUi.e2e.test.ts.
  ...chosen.map((flavor) => ({ name: `e2e suite on VS Code ${flavor}`, args: ['run', 'test:e2e'], env: { RILL_VSCODE: flavor, RILL_E2E_VSIX: vsix, RILL_E2E_PAGE_SUITES: flavor === chosen.at(-1) ? '' : 'skip', RILL_E2E_SHARE: chosen.length > 1 ? flavor : '' } })),
];

/** Copies the VSIX for the e2e suite and fails the step when it is too big or holds what it should not. */
function copyAndCheckVsix() {
  mkdirSync(dirname(vsix), { recursive: true });
  copyFileSync(join(root, 'rill.vsix'), vsix);
  const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/checkVsix.ts', vsix], { cwd: root, stdio: 'inherit' });
  if (check.status !== 0) throw new Error(`the VSIX check failed (exit ${check.status ?? check.signal})`);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
/** The signal that stopped the run, if one did. */
let stoppedBy;
/** The process groups of the step that runs. */
const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stoppedBy ??= signal;
    for (const child of running) signalGroup(child, signal);
  });
}

function signalGroup(child, signal) {
  try {
    if (child?.pid) process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the step has already ended.
  }
}

/** Runs one step's command, or its commands side by side; resolves with what went wrong, or undefined when all passed. */
async function runStep(step, notes) {
  if (!step.parallel) return runCommand(step, notes);
  const problems = await Promise.all(step.parallel.map((command) => runCommand(command, notes).then((problem) => problem && `${command.tag}: ${problem}`)));
  return problems.filter(Boolean).join('; ') || undefined;
}

/** Lines that name a test which failed, or failed its first attempt (the host and e2e reporters' ↻ and ✘ lines). */
const NOTABLE = /^\s*(?:↻|✘) /;
/** At most this many of them per step in the summary, each cut to this many characters. */
const NOTES_PER_STEP = 12;
const NOTE_CHARS = 240;
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Runs one command; with a `tag`, each line of its output is printed after `[tag] `. Its output is
 * piped through this process (printed as it comes) so that lines naming failed tests can be repeated
 * in the summary, where a CI log cut to its end still shows them (`notes`).
 */
function runCommand(command, notes) {
  return new Promise((resolve) => {
    // Its own group: npm's shell would not pass a signal on to the runner below it.
    const child = spawn(command.cmd ?? 'npm', command.args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Piped, a test runner would drop its colours: kept when this process writes to a terminal.
      env: { ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}), ...process.env, ...command.env },
      detached: true,
    });
    const prefix = command.tag ? `[${command.tag}] ` : '';
    for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      forwardLines(stream, (line) => {
        out.write(`${prefix}${line}\n`);
        const plain = line.replace(ANSI, '');
        if (NOTABLE.test(plain)) notes.push(`${prefix}${plain.trim()}`);
      });
    }
    running.add(child);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup(child, 'SIGTERM');
    }, STEP_TIMEOUT_MS);
    const end = (problem) => {
      clearTimeout(timer);
      running.delete(child);
      resolve(problem);
    };
    child.once('error', (error) => end(error.message));
    child.once('exit', (code, signal) => {
      const problem = code === 0 ? undefined : timedOut ? `timed out after ${seconds(STEP_TIMEOUT_MS)}` : `exit ${code ?? signal}`;
      // Output printed to its end ('close'), unless a process left behind holds the pipe open.
      const drained = setTimeout(() => end(problem), OUTPUT_DRAIN_MS);
      child.once('close', () => {
        clearTimeout(drained);
        end(problem);
      });
    });
  });
}

/** Calls `onLine` for each line of `stream` (and for a partial last line when it ends). */
function forwardLines(stream, onLine) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop();
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (pending) onLine(pending);
  });
}

/** The notes of one step, as the summary prints them. */
function summaryNotes(notes) {
  const shown = notes.slice(0, NOTES_PER_STEP).map((note) => `         ${note.length > NOTE_CHARS ? `${note.slice(0, NOTE_CHARS - 1)}…` : note}`);
  if (notes.length > NOTES_PER_STEP) shown.push(`         … and ${notes.length - NOTES_PER_STEP} more (above)`);
  return shown;
}

const started = Date.now();
const lines = [];
let failed = 0;
let ran = 0;
for (const step of steps) {
  ran++;
  const stepStarted = Date.now();
  console.log(`\n${'='.repeat(70)}\n=== ${step.name}\n${'='.repeat(70)}`);
  const notes = [];
  let problem = await runStep(step, notes);
  if (!problem && step.after) {
    try {
      step.after();
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
  }
  if (stoppedBy) problem = `stopped by ${stoppedBy}`;
  const ok = problem === undefined;
  const outcome = ok ? 'passed' : `FAILED (${problem})`;
  if (!ok) failed++;
  lines.push(`  ${ok ? 'ok  ' : 'FAIL'} ${step.name.padEnd(36)} ${seconds(Date.now() - stepStarted).padStart(8)}`, ...summaryNotes(notes));
  console.log(`=== ${step.name}: ${outcome} in ${seconds(Date.now() - stepStarted)}`);
  if (stoppedBy) break;
  if (!ok && step.required) {
    console.log(`\n${step.name} failed: the other steps cannot run without it.`);
    break;
  }
}
console.log(`\n${lines.join('\n')}\n  total ${seconds(Date.now() - started)}`);
const notRun = steps.length - ran;
console.log(`\n${ran - failed} passed, ${failed} failed${notRun ? `, ${notRun} not run` : ''}`);
process.exit(stoppedBy ? 128 + constants.signals[stoppedBy] : failed ? 1 : 0);
