// `npm run demo` on a fresh clone: the demo itself is TypeScript run through tsx, a dev dependency,
// so without node_modules it could not even start. This launcher runs `npm ci` first when the
// project's dependencies are missing (as `npm test` does), then runs scripts/demo.ts with the same
// arguments. Ctrl+C reaches the demo (it stops code-server and the demo model) and its exit code is ours.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.log('Installing the project\'s dependencies first (npm ci)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['ci'], { cwd: root, stdio: 'inherit' });
  if (install.status !== 0) {
    console.error('npm ci failed: the demo needs the project\'s dependencies (see the output above).');
    process.exit(install.status ?? 1);
  }
}

const demo = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'demo.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
// A terminal's Ctrl+C reaches the demo as well (same process group); a signal sent to this process
// alone (npm forwarding it, `timeout`) is passed on. The demo decides when everything has stopped.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => demo.kill(signal));
demo.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 1) : 1)));
