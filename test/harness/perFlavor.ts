// Running one job per VS Code flavor chosen by RILL_VSCODE (default both): a heading per flavor, an
// error in one flavor reported and counted without stopping the others, and the process exit code.
import { selectedFlavors, type VsCodeFlavor } from '../../tools/flavors';
import { exitProcess } from '../../tools/processes';

/** Runs `job` on each flavor in turn; resolves to 1 if any job returned false or threw, else 0. */
export async function onEachFlavor(heading: (flavor: VsCodeFlavor) => string, errorPrefix: (flavor: VsCodeFlavor) => string, job: (flavor: VsCodeFlavor) => Promise<boolean>): Promise<number> {
  let failed = 0;
  for (const flavor of selectedFlavors()) {
    console.log(`\n${heading(flavor)}`);
    try {
      if (!(await job(flavor))) failed++;
    } catch (error) {
      failed++;
      console.log(`  ${errorPrefix(flavor)}: ERROR ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failed ? 1 : 0;
}

/** Runs a script's main and exits with its code (1 if it threw; 128 + signo after a signal). */
export function exitWith(main: () => Promise<number>): void {
  main().then(
    (code) => exitProcess(code),
    (error: unknown) => {
      console.error(error);
      exitProcess(1);
    },
  );
}
