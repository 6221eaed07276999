// Child processes the harness starts: each in its own process group, so that stopping it also
// stops everything it spawned (a VS Code server forks extension hosts, file watchers, pty hosts).
// Every group still alive is killed when this process exits, fails, or gets SIGINT / SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

const live = new Set<ChildProcess>();
let hooked = false;

export interface SpawnOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** stdout and stderr go to this file (appended); without it they are inherited. */
  readonly logFile?: string;
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
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
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
  live.add(child);
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

/** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves when the leader has exited. */
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
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Kills every group still alive, synchronously: used on exit and on signals. */
export function killAllNow(): void {
  for (const child of live) if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
  live.clear();
}

/** Runs `cleanup` on SIGINT / SIGTERM before the process groups are killed and the process exits. */
const signalCleanups = new Set<() => void>();
export function onInterrupt(cleanup: () => void): () => void {
  hookExit();
  signalCleanups.add(cleanup);
  return () => signalCleanups.delete(cleanup);
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping what the test harness started.\n`);
      // Kill first: a live server keeps writing into the data dir the cleanups remove.
      const groups = [...live];
      killAllNow();
      void Promise.race([Promise.all(groups.map((child) => exited(child))), new Promise((resolve) => setTimeout(resolve, 3000))]).then(() => {
        for (const cleanup of signalCleanups) {
          try {
            cleanup();
          } catch {
            // Best effort: the process is going away.
          }
        }
        process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 129);
      });
    });
  }
}
