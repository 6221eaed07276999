// `npm run soak`: the full reliability soak (10,000 completion calls and 200 chat streams with
// random stops in one extension host, over real HTTP) on the VS Code flavors chosen by RILL_VSCODE
// (default both), then the figures as a table. RILL_SOAK_COMPLETIONS / RILL_SOAK_CHATS /
// RILL_SOAK_SEED / RILL_SOAK_CHAT_WIRE (openai-chat, anthropic) / RILL_SOAK_COMPLETION_WIRE
// (completions, infill, template) change the run. Exits non-zero when the soak found a leak or a hang.
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { hostReportPassed, printHostFailures } from '../harness/hostReportOutput';
import { exitWith, onEachFlavor } from '../harness/perFlavor';
import { runHostFiles } from './hostRun';
import { SOAK_FILE, type SoakFigures, soakTable } from './soakFigures';

const env = {
  RILL_SOAK_COMPLETIONS: process.env.RILL_SOAK_COMPLETIONS || '10000',
  RILL_SOAK_CHATS: process.env.RILL_SOAK_CHATS || '200',
  RILL_SOAK_SEED: process.env.RILL_SOAK_SEED || '7',
  RILL_SOAK_CHAT_WIRE: process.env.RILL_SOAK_CHAT_WIRE || 'openai-chat',
  RILL_SOAK_COMPLETION_WIRE: process.env.RILL_SOAK_COMPLETION_WIRE || 'completions',
  ...(process.env.RILL_SOAK_HEAP_SNAPSHOTS ? { RILL_SOAK_HEAP_SNAPSHOTS: process.env.RILL_SOAK_HEAP_SNAPSHOTS } : {}),
};

exitWith(() =>
  onEachFlavor(
    (flavor) =>
      `=== soak on VS Code ${flavor}: ${env.RILL_SOAK_COMPLETIONS} completion calls + ${env.RILL_SOAK_CHATS} chat streams, seed ${env.RILL_SOAK_SEED}, wires ${env.RILL_SOAK_CHAT_WIRE} + ${env.RILL_SOAK_COMPLETION_WIRE} (load average ${loadavg()[0].toFixed(1)}) ===`,
    (flavor) => flavor,
    async (flavor) => {
      const { report, resultsDir } = await runHostFiles({
        flavor,
        files: ['reliabilitySoak.host.test.ts'],
        name: 'soak',
        env,
        timeoutMs: Number(process.env.RILL_SOAK_TIMEOUT_MS || 60 * 60_000),
        print: (line) => console.log(line),
      });
      const file = join(resultsDir, SOAK_FILE);
      if (existsSync(file)) console.log(`\n${soakTable(JSON.parse(readFileSync(file, 'utf8')) as SoakFigures)}\n\n  (figures: ${file})`);
      printHostFailures(report);
      return hostReportPassed(report);
    },
  ),
);
