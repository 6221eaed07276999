// What a keystroke costs Rill in the extension host, in a 5 MB file beside a 5 kB one (issue 14
// part 6): runs test/host/keystrokeCost.host.test.ts in real VS Code with 10,000 keystrokes a file
// (RILL_KEYSTROKES) on each flavor (RILL_VSCODE), and merges `completion.keystroke.*` into
// bench/results/latest.json: synchronous work per keystroke p50/p95 (and, for comparison, reading
// the whole text as the adapter did before), characters read per keystroke, heap growth over the
// keystrokes, the cache's characters. Run alone: npx tsx test/bench/keystrokeCost.bench.ts
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { selectedFlavors } from '../../tools/flavors';
import { exitWith } from '../harness/perFlavor';
import { hostReportPassed, printHostFailures } from '../harness/hostReportOutput';
import type { FileCost } from '../host/keystrokeCost.host.test';
import { runHostFiles } from '../reliability/hostRun';
import { mergeResults } from './completionResults';

const KEYSTROKES = process.env.RILL_KEYSTROKES || '10000';
const FILE = 'keystroke-cost.json';

exitWith(async () => {
  const values: Record<string, number | string> = {};
  let failed = 0;
  for (const flavor of selectedFlavors()) {
    console.log(`=== keystroke cost on VS Code ${flavor}: ${KEYSTROKES} keystrokes in a 5 MB and a 5 kB file (load average ${loadavg()[0].toFixed(1)}) ===`);
    const { report, resultsDir } = await runHostFiles({
      flavor,
      files: ['keystrokeCost.host.test.ts'],
      name: 'bench-keystroke',
      env: { RILL_KEYSTROKES: KEYSTROKES },
      timeoutMs: 60 * 60_000,
      print: (line) => console.log(line),
    });
    printHostFailures(report);
    if (!hostReportPassed(report) || !existsSync(join(resultsDir, FILE))) {
      failed++;
      continue;
    }
    const figures = JSON.parse(readFileSync(join(resultsDir, FILE), 'utf8')) as Record<string, FileCost>;
    for (const [file, f] of Object.entries(figures)) {
      const key = `completion.keystroke.${flavor}.${file.replace(' ', '')}`;
      values[`${key}.msP50`] = f.msP50;
      values[`${key}.msP95`] = f.msP95;
      values[`${key}.wholeReadMsP50`] = f.wholeReadMsP50;
      values[`${key}.charsRead`] = f.charsRead;
      values[`${key}.heapGrowthKiB`] = Math.round(f.heapGrowthBytes / 1024);
      values[`${key}.cacheChars`] = f.cacheChars;
      console.log(`  ${flavor} ${file}: ${f.msP50} ms p50 / ${f.msP95} ms p95 a keystroke (whole read before: ${f.wholeReadMsP50} ms), ${f.charsRead} chars read, heap ${Math.round(f.heapGrowthBytes / 1024)} KiB over ${f.keystrokes} keystrokes, cache ${f.cacheChars} chars`);
    }
  }
  values['completion.keystroke.keystrokes'] = Number(KEYSTROKES);
  values['completion.keystroke.loadAverage'] = Math.round(loadavg()[0] * 10) / 10;
  mergeResults(values, (key) => key.startsWith('completion.keystroke.'));
  return failed ? 1 : 0;
});
