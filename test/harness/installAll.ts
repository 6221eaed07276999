// The first step of `npm test` for the VS Code suites: Chromium and the chosen VS Code flavors,
// installed into the cache (both flavors in parallel) or found there. Prints what it took.
import { ensureCodeServer } from '../../tools/codeServer';
import { ensureChromium } from '../../tools/debian';
import { selectedFlavors } from '../../tools/flavors';
import { cacheDir } from '../../tools/paths';
import { exitWith } from './perFlavor';

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  console.log(`  ${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function main(): Promise<void> {
  console.log(`  cache: ${cacheDir()}`);
  const browser = await timed('Chromium', ensureChromium);
  console.log(`    ${browser}`);
  await Promise.all(
    selectedFlavors().map((flavor) =>
      timed(`VS Code ${flavor}`, async () => {
        const install = await ensureCodeServer(flavor);
        console.log(`    VS Code ${install.vscodeVersion} in ${install.root}`);
      }),
    ),
  );
}

exitWith(async () => {
  await main();
  return 0;
});
