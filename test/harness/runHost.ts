// `npm run test:host`: the host suite on each flavor chosen by RILL_VSCODE (default both).
import { selectedFlavors } from './flavors';
import { hostReportPassed, printHostFailures } from './hostReportOutput';
import { runHostSuite } from './hostRunner';

async function main(): Promise<number> {
  let failed = 0;
  for (const flavor of selectedFlavors()) {
    const started = Date.now();
    console.log(`\n--- host suite on VS Code ${flavor} ---`);
    try {
      const { report, resultsDir } = await runHostSuite({ flavor });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`  host/${flavor}: ${report.passed} passed, ${report.failed} failed, ${report.pending} pending on VS Code ${report.vscodeVersion} in ${seconds} s (artifacts: ${resultsDir})`);
      printHostFailures(report);
      if (!hostReportPassed(report)) failed++;
    } catch (error) {
      failed++;
      console.log(`  host/${flavor}: ERROR ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
