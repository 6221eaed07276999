// `npm run bench`: runs every test/bench/*.bench.ts in turn (each merges its keys into
// bench/results/latest.json); exits non-zero when any missed a target (the completion bench still
// writes its figures then) or failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';

const benches = readdirSync('test/bench').filter((f) => f.endsWith('.bench.ts')).sort();
let failed = 0;
const started = performance.now();
for (const file of benches) {
  // Timing figures are only as good as the machine is quiet: say how busy it was.
  console.log(`\n=== ${file} (load average ${loadavg()[0].toFixed(1)}) ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `test/bench/${file}`], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`=== ${file}: exit ${r.status ?? r.signal} (a target missed, or it failed: see above) ===`);
  }
}
console.log(`\n=== npm run bench: ${Math.round((performance.now() - started) / 60_000)} min, ${failed ? `${failed} of ${benches.length} missed targets or failed` : 'every target met'} ===`);
process.exit(failed ? 1 : 0);
