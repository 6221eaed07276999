// The packaged extension, built the way users get it: `npm run package` (production build + vsce),
// checked for what it ships (vsixContents.ts), then copied out of the project root so that a later
// packaging run cannot change it under a test.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { outDir, PROJECT_ROOT } from '../../tools/paths';
import { run } from '../../tools/processes';
import { checkVsix, describeVsix } from '../../tools/vsixContents';

export async function packageVsix(logFile: string): Promise<string> {
  const started = Date.now();
  const built = join(PROJECT_ROOT, 'rill.vsix');
  await run('npm', ['run', 'package'], { cwd: PROJECT_ROOT, logFile, timeoutMs: 300_000 });
  if (!existsSync(built) || statSync(built).mtimeMs < started - 1000) {
    throw new Error(`npm run package did not produce ${built}; see ${logFile}`);
  }
  console.log(describeVsix('rill.vsix', checkVsix(built)));
  mkdirSync(outDir('e2e'), { recursive: true });
  const copy = outDir('e2e', 'rill.vsix');
  copyFileSync(built, copy);
  return copy;
}
