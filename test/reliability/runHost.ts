// `npx tsx test/reliability/runHost.ts [file...]`: the reliability host files (default: every
// test/host/reliability*, trust* file) on the flavors chosen by RILL_VSCODE, in their own build and
// artifacts folders (test-results/reliability-host-<flavor>/). Exits non-zero if any test failed.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hostReportPassed, printHostFailures } from '../harness/hostReportOutput';
import { PROJECT_ROOT } from '../../tools/paths';
import { exitWith, onEachFlavor } from '../harness/perFlavor';
import { runHostFiles } from './hostRun';

const named = process.argv.slice(2);
const files = named.length > 0 ? named : readdirSync(join(PROJECT_ROOT, 'test', 'host')).filter((f) => /^(reliability|trust).*\.host\.test\.ts$/.test(f));

exitWith(() =>
  onEachFlavor(
    (flavor) => `--- reliability host files on VS Code ${flavor}: ${files.join(', ')} ---`,
    (flavor) => flavor,
    async (flavor) => {
      const { report, resultsDir } = await runHostFiles({
        flavor,
        files,
        name: 'reliability-host',
        timeoutMs: Number(process.env.RILL_HOST_TIMEOUT_MS || 20 * 60_000),
        print: (line) => console.log(line),
      });
      console.log(`  ${flavor}: ${report.passed} passed, ${report.failed} failed, ${report.pending} pending on VS Code ${report.vscodeVersion} (artifacts: ${resultsDir})`);
      printHostFailures(report);
      return hostReportPassed(report);
    },
  ),
);
