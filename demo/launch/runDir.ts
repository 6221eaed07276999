// Each demo run gets its own folder in the cache (never in the clone): a fresh copy of the sample
// workspace, so typing in the demo never touches the repository, and the run's logs. Folders of
// earlier runs whose process is gone are removed when a new run starts; the last one stays for
// its logs.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface RunDir {
  readonly root: string;
  /** The copy of the sample workspace that VS Code opens and the demo model learns from. */
  readonly workspace: string;
  readonly logs: string;
}

export function prepareRunDir(demoCache: string, sampleWorkspace: string, pid = process.pid): RunDir {
  mkdirSync(demoCache, { recursive: true });
  for (const name of readdirSync(demoCache)) {
    const other = /^run-(\d+)$/.exec(name);
    if (other && Number(other[1]) !== pid && !isAlive(Number(other[1]))) rmSync(join(demoCache, name), { recursive: true, force: true });
  }
  const root = join(demoCache, `run-${pid}`);
  rmSync(root, { recursive: true, force: true });
  const workspace = join(root, 'workspace');
  const logs = join(root, 'logs');
  if (!existsSync(sampleWorkspace)) throw new Error(`The sample workspace is missing: ${sampleWorkspace}`);
  cpSync(sampleWorkspace, workspace, { recursive: true });
  mkdirSync(logs, { recursive: true });
  return { root, workspace, logs };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
