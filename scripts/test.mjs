// `npm test`: every suite the project has, in order; exits non-zero when any fails.
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npm', ['run', 'typecheck']],
  ['unit + contract', 'npm', ['run', 'test:unit']],
];

let failed = 0;
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`=== ${name} FAILED (exit ${r.status ?? r.signal}) ===`);
  }
}
console.log(`\n${steps.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
