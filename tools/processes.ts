// Child processes the harness starts: each in its own process group, so that stopping it also
// stops everything it spawned (a VS Code server forks extension hosts, file watchers, pty hosts).
// On SIGINT / SIGTERM / SIGHUP every group still alive gets SIGTERM and 3 s to stop (a harness
// child such as an e2e mocha run gets long enough to stop its own servers and copy their logs), then
// SIGKILL; the cleanups run and this process exits with 128 + the signal's number. On exit, what
// is left is killed at once.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

/** How long a group (a VS Code server) gets between SIGTERM and SIGKILL on a signal. */
const SIGNAL_GRACE_MS = 3000;
/** How long the cleanups get (closing a browser, copying logs, removing temp dirs). */
const CLEANUP_DEADLINE_MS = 5000;
/** A harness child (the e2e mocha run) stops its own groups, waits for them to be gone, then cleans up; plus a second to spare. */
export const HARNESS_CHILD_GRACE_MS = SIGNAL_GRACE_MS + 1000 + CLEANUP_DEADLINE_MS + 1000;

/** Each live group with the time it gets between SIGTERM and SIGKILL when this process gets a signal. */
const live = new Map<ChildProcess, number>();
let hooked = false;

export interface SpawnOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** stdout and stderr go to this file (appended); without it they are inherited. */
  readonly logFile?: string;
  /**
   * On a signal, how long the group gets between SIGTERM and SIGKILL (default 3 s). A child that is
   * itself a harness run stopping its own servers needs HARNESS_CHILD_GRACE_MS.
   */
  readonly stopGraceMs?: number;
}

/**
 * Leads the new process group: runs the command, passes its exit code on, and kills the whole group
 * when this (the harness) process disappears without cleaning up: a SIGKILL cannot be handled, and
 * the group, being detached, would otherwise live on. It notices by its parent pid changing.
 */
const GROUP_LEADER = `
const { spawn } = require('node:child_process');
const [command, ...args] = process.argv.slice(1);
const parent = process.ppid;
const child = spawn(command, args, { stdio: 'inherit' });
const killGroup = () => { try { process.kill(-process.pid, 'SIGKILL'); } catch {} };
child.on('error', (error) => { console.error(String(error)); process.exit(127); });
child.on('exit', (code, signal) => process.exit(code ?? 128 + (require('node:os').constants.signals[signal] ?? 0)));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
setInterval(() => { if (process.ppid !== parent) killGroup(); }, 500);
`;

/** Starts a command in a new process group, tracked until it exits. */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  hookExit();
  const fd = options.logFile ? openSync(options.logFile, 'a') : undefined;
  const stdio = fd === undefined ? (['ignore', 'inherit', 'inherit'] as const) : (['ignore', fd, fd] as const);
  const child = spawn(process.execPath, ['-e', GROUP_LEADER, command, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: [...stdio],
    detached: true,
  });
  if (fd !== undefined) closeSync(fd);
  live.set(child, options.stopGraceMs ?? SIGNAL_GRACE_MS);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
  return child;
}

/** Resolves with the exit code (or the signal's name) once the child has exited. */
export function exited(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
    child.once('error', () => resolve(-1));
  });
}

/** Runs a command to its end; rejects with the tail of its output when it fails or times out. */
export async function run(command: string, args: readonly string[], options: SpawnOptions & { readonly timeoutMs: number }): Promise<void> {
  const child = spawnGroup(command, args, options);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
  });
  const outcome = await Promise.race([exited(child), timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    await stopGroup(child);
    throw new Error(`${command} ${args.join(' ')} did not finish within ${options.timeoutMs / 1000} s${logHint(options)}`);
  }
  if (outcome !== 0) throw new Error(`${command} ${args.join(' ')} failed (${outcome})${logHint(options)}`);
}

function logHint(options: SpawnOptions): string {
  return options.logFile ? `; see ${options.logFile}` : '';
}

/**
 * SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once the group is gone (or after a
 * bounded wait), so that its data dir can be removed without a dying member writing into it again.
 */
export async function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    signalGroup(child.pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), graceMs);
    });
    const outcome = await Promise.race([exited(child), late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      signalGroup(child.pid, 'SIGKILL');
      await exited(child);
    }
  }
  // The leader may be gone while members of its group (an extension host) linger.
  signalGroup(child.pid, 'SIGKILL');
  live.delete(child);
  await groupGone(child.pid);
}

/** Resolves when no process of the group is left, or after `timeoutMs`. */
async function groupGone(pid: number, timeoutMs = 2000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    try {
      process.kill(-pid, 0);
    } catch {
      return; // ESRCH: gone
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Kills every group still alive, synchronously: used on exit and after a signal's grace. */
export function killAllNow(): void {
  for (const child of live.keys()) if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
  live.clear();
}

/** Runs `cleanup` on SIGINT / SIGTERM / SIGHUP, once the process groups have stopped or been killed. */
const signalCleanups = new Set<() => unknown>();
export function onInterrupt(cleanup: () => unknown): () => void {
  hookExit();
  signalCleanups.add(cleanup);
  return () => signalCleanups.delete(cleanup);
}

const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
type StopSignal = keyof typeof SIGNAL_NUMBERS;
let stopping = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', killAllNow);
  // `on`, not `once`: the same signal often comes twice (from the terminal and from npm or the
  // group leader passing it on), and a second one must not fall back to the default (instant death).
  for (const signal of Object.keys(SIGNAL_NUMBERS) as StopSignal[]) process.on(signal, () => void stopOnSignal(signal));
}

/** True once a signal has started the stop: a runner should start nothing new. */
export function stopRequested(): boolean {
  return stopping;
}

/**
 * Exits with `code`, unless a signal's stop is under way: that one exits (with 128 + the signal's
 * number) once the groups have stopped and the cleanups have run.
 */
export function exitProcess(code: number): void {
  if (!stopping) process.exit(code);
}

async function stopOnSignal(signal: StopSignal): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`\n${signal}: stopping what the test harness started.\n`);
  // Groups first: a live server keeps writing into the data dir the cleanups remove.
  const groups = [...live];
  for (const [child] of groups) if (child.pid !== undefined) signalGroup(child.pid, 'SIGTERM');
  await Promise.all(groups.map(([child, graceMs]) => within(exited(child), graceMs)));
  killAllNow();
  await Promise.all(groups.map(([child]) => (child.pid === undefined ? undefined : groupGone(child.pid, 1000))));
  const cleanups = [...signalCleanups].map(async (cleanup) => cleanup());
  // Best effort: the process is going away.
  await within(Promise.allSettled(cleanups), CLEANUP_DEADLINE_MS);
  process.exit(128 + SIGNAL_NUMBERS[signal]);
}

/** Waits for `promise`, but no longer than `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
