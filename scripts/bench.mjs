// `npm run bench`: runs every test/bench/*.bench.ts in turn (each merges its keys into
// bench/results/latest.json); exits non-zero when any fails.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';

const benches = readdirSync('test/bench').filter((f) => f.endsWith('.bench.ts')).sort();
let failed = 0;
for (const file of benches) {
  // Timing figures are only as good as the machine is quiet: say how busy it was.
  console.log(`\n=== ${file} (load average ${loadavg()[0].toFixed(1)}) ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `test/bench/${file}`], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`=== ${file} FAILED (exit ${r.status ?? r.signal}) ===`);
  }
}
process.exit(failed ? 1 : 0);
