// `npm run test:host`: the host suite on each flavor chosen by RILL_VSCODE (default both).
import { hostReportPassed, printHostFailures } from './hostReportOutput';
import { runHostSuite } from './hostRunner';
import { exitWith, onEachFlavor } from './perFlavor';

exitWith(() =>
  onEachFlavor(
    (flavor) => `--- host suite on VS Code ${flavor} ---`,
    (flavor) => `host/${flavor}`,
    async (flavor) => {
      const started = Date.now();
      const { report, resultsDir } = await runHostSuite({ flavor });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`  host/${flavor}: ${report.passed} passed, ${report.failed} failed, ${report.pending} pending on VS Code ${report.vscodeVersion} in ${seconds} s (artifacts: ${resultsDir})`);
      printHostFailures(report);
      return hostReportPassed(report);
    },
  ),
);
