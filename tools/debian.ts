// Debian packages the harness needs: Chromium (the browser), libkrb5-dev (headers for a native
// module of code-server) and ripgrep (fed to @vscode/ripgrep's installer, which cannot download).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { cacheDir } from './paths';
import { run } from './processes';
import { join } from 'node:path';

const PACKAGES = ['chromium', 'libkrb5-dev', 'ripgrep'] as const;
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

let pending: Promise<void> | undefined;

function missingPackages(): string[] {
  return PACKAGES.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

/** Installs the packages that are missing (once per process); needs root. */
export function ensureDebianPackages(): Promise<void> {
  pending ??= install();
  return pending;
}

async function install(): Promise<void> {
  const missing = missingPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}. Install them as root: apt-get update && apt-get install -y ${missing.join(' ')}`);
  }
  const logDir = cacheDir();
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, 'apt.log');
  process.stderr.write(`[harness] apt-get install ${missing.join(' ')} (log: ${logFile})\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { env, logFile, timeoutMs: 300_000 });
  await run('apt-get', ['install', '-y', ...missing], { env, logFile, timeoutMs: 600_000 });
}

/** The path of Debian's Chromium, installed first when missing. `RILL_CHROMIUM` overrides. */
export async function ensureChromium(): Promise<string> {
  const override = process.env.RILL_CHROMIUM;
  if (override) {
    if (!existsSync(override)) throw new Error(`RILL_CHROMIUM=${override} does not exist.`);
    return override;
  }
  await ensureDebianPackages();
  const found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error(`Chromium not found at ${CHROMIUM_CANDIDATES.join(' or ')} after installing the package.`);
  return found;
}
