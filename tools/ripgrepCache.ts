// @vscode/ripgrep (a dependency of code-server 4.100.x) downloads rg from GitHub in its postinstall
// unless an archive is already in its cache. We put Debian's rg there, packed the way it expects.
import { existsSync, mkdirSync, mkdtempSync, copyFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './processes';

const RIPGREP_PACKAGE_VERSION = '1.15.11';
const ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/** Writes the cached archive @vscode/ripgrep looks for; returns its path. Idempotent. */
export async function prepareRipgrepCache(rgBinary = '/usr/bin/rg'): Promise<string> {
  const dir = join(tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const archive = join(dir, ARCHIVE);
  if (existsSync(archive)) return archive;
  if (!existsSync(rgBinary)) throw new Error(`${rgBinary} is missing: install Debian's ripgrep.`);
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(join(dir, '.staging-'));
  try {
    copyFileSync(rgBinary, join(staging, 'rg'));
    const partial = join(staging, ARCHIVE);
    await run('tar', ['-czf', partial, '-C', staging, 'rg'], { timeoutMs: 60_000 });
    renameSync(partial, archive);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return archive;
}
