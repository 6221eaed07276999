// `npx tsx test/reliability/runHost.ts [file...]`: the reliability host files (default: every
// test/host/reliability*, trust* file) on the flavors chosen by RILL_VSCODE, in their own build and
// artifacts folders (test-results/reliability-host-<flavor>/). Exits non-zero if any test failed.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { selectedFlavors } from '../harness/flavors';
import { PROJECT_ROOT } from '../harness/paths';
import { runHostFiles } from './hostRun';

async function main(): Promise<number> {
  const named = process.argv.slice(2);
  const files = named.length > 0 ? named : readdirSync(join(PROJECT_ROOT, 'test', 'host')).filter((f) => /^(reliability|trust).*\.host\.test\.ts$/.test(f));
  let failed = 0;
  for (const flavor of selectedFlavors()) {
    console.log(`\n--- reliability host files on VS Code ${flavor}: ${files.join(', ')} ---`);
    try {
      const { report, resultsDir } = await runHostFiles({
        flavor,
        files,
        name: 'reliability-host',
        timeoutMs: Number(process.env.RILL_HOST_TIMEOUT_MS || 20 * 60_000),
        print: (line) => console.log(line),
      });
      console.log(`  ${flavor}: ${report.passed} passed, ${report.failed} failed, ${report.pending} pending on VS Code ${report.vscodeVersion} (artifacts: ${resultsDir})`);
      for (const f of report.failures) console.log(`\n  FAILED ${f.title}\n    ${(f.stack ?? f.message).split('\n').join('\n    ')}`);
      if (report.failed > 0 || report.passed === 0) failed++;
    } catch (error) {
      failed++;
      console.log(`  ${flavor}: ERROR ${error instanceof Error ? error.message : String(error)}`);
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
