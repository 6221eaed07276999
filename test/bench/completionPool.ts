// Runs the bench's jobs in a few worker processes side by side: each worker has its own event loop
// for its engine and fake server, and takes one job at a time. Runs spend their time waiting on
// timers and sockets (under a CPU second per run), so a few share the machine well; timing figures
// suffer from company, which is why the worker count is small and stated with the results.
import { type ChildProcess, spawn } from 'node:child_process';

export interface PoolJob<T> {
  readonly spec: T;
}

interface WorkerReply {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: string;
}

/** Runs every job on `workers` processes started from `script` (with BENCH_WORKER=1); results in job order. */
export async function runPool<T>(script: string, jobs: readonly T[], workers: number, onDone: (job: T, result: unknown, index: number) => void): Promise<unknown[]> {
  const results: unknown[] = new Array(jobs.length);
  let next = 0;
  const children: ChildProcess[] = [];
  const work = (child: ChildProcess) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= jobs.length) return resolve();
        const id = next++;
        child.send({ id, spec: jobs[id] });
      };
      child.on('message', (message: WorkerReply) => {
        if (message.error !== undefined) return reject(new Error(`bench job ${JSON.stringify(jobs[message.id])} failed: ${message.error}`));
        results[message.id] = message.result;
        onDone(jobs[message.id], message.result, message.id);
        send();
      });
      child.on('exit', (code) => (next < jobs.length || code ? reject(new Error(`bench worker exited (${code})`)) : resolve()));
      send();
    });
  try {
    for (let i = 0; i < Math.min(workers, jobs.length); i++) {
      children.push(spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, BENCH_WORKER: '1' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    }
    await Promise.all(children.map(work));
    return results;
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}

/** The worker's side: answers each job with `run`'s result. */
export function serveJobs<T>(run: (spec: T) => Promise<unknown>): void {
  process.on('message', (message: { id: number; spec: T }) => {
    run(message.spec).then(
      (result) => process.send!({ id: message.id, result }),
      (error: unknown) => process.send!({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
