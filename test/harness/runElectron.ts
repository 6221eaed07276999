// `npm run test:electron`: the host suite on desktop VS Code through @vscode/test-electron. It runs
// electronHostSuite.ts in its own process group under a deadline, so that neither a download nor a
// desktop VS Code can hang it; without a desktop VS Code it fails at once with a clear message.
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../tools/paths';
import { exited, spawnGroup, stopGroup } from '../../tools/processes';

const TIMEOUT_MS = Number(process.env.RILL_ELECTRON_TIMEOUT_MS || 180_000);

async function main(): Promise<number> {
  const child = spawnGroup(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'test', 'harness', 'electronHostSuite.ts')], { cwd: PROJECT_ROOT });
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    exited(child),
    new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    await stopGroup(child);
    console.error(`test:electron: no result within ${TIMEOUT_MS / 1000} s; stopped it (RILL_ELECTRON_TIMEOUT_MS to change).`);
    return 1;
  }
  if (outcome === 2) console.error('test:electron: FAILED, no desktop VS Code (see above).');
  return outcome === 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
