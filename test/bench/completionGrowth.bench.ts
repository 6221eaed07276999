// Growing ghost text as the user sees it, in Chromium on real VS Code with Rill installed from the
// VSIX, on each VS Code flavor: the fake model streams a six-line body at a few lines a second, and
// the page's MutationObserver and animation frames (test/e2e/growthMeter.ts) note every change of
// the ghost text. Figures: growth steps seen, and every blank (the text showing fewer lines than it
// already showed) with its length. Writes `completion.growth.<flavor>.*` and
// `completion.growthBlankMsMax` (the longest blank over every flavor) into bench/results/latest.json.
// Run alone: npx tsx test/bench/completionGrowth.bench.ts (RILL_VSCODE=oldest|newest picks one).
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { E2eEnvironment } from '../e2e/environment';
import { growthFigures, levelOf, startGrowthMeter, stopGrowthMeter, type GrowthFigures } from '../e2e/growthMeter';
import { selectedFlavors, type VsCodeFlavor } from '../../tools/flavors';
import { mergeGrowthResults } from './completionResults';
import { exitWith } from '../harness/perFlavor';

const RUNS = 4;
const LINES = ['    subtotal = sum(items)', '    discount = subtotal * 0.1', '    taxed = (subtotal - discount) * 1.2', '    shipping = 5 if taxed < 50 else 0', '    total = taxed + shipping', '    return round(total, 2)'];
const TTFT_MS = 300;
const TOKENS_PER_SEC = 15;

interface FlavorFigures {
  readonly vscodeVersion: string;
  readonly steps: number;
  readonly blanks: number;
  readonly blankMsMax: number;
  readonly blankFrames: number;
}

async function measure(flavor: VsCodeFlavor): Promise<FlavorFigures> {
  const env = await E2eEnvironment.start(flavor, 'bench-growth');
  try {
    const { llm } = env;
    llm.setDefault({ text: '' });
    llm.route((request) => {
      const prompt = (request.body as { prompt?: unknown } | undefined)?.prompt;
      return typeof prompt === 'string' && /def total_\d+\(items\):$/.test(prompt) ? { text: `\n${LINES.join('\n')}\n`, ttftMs: TTFT_MS, tokensPerSec: TOKENS_PER_SEC } : undefined;
    });
    const workbench = await env.openWorkbench();
    await workbench.showRillLog();
    const runs: GrowthFigures[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const file = `growth_${run}.py`;
      await workbench.openNewFile(file);
      await workbench.type(`def total_${run}(items`);
      await startGrowthMeter(workbench.page);
      await workbench.type('):');
      await workbench.waitForGhostText((g) => levelOf(g.text, LINES) === LINES.length, 60_000);
      await workbench.page.waitForTimeout(300);
      const figures = growthFigures(await stopGrowthMeter(workbench.page), LINES);
      runs.push(figures);
      console.log(`  ${flavor} run ${run}: levels ${figures.levels.join(' -> ')}, blanks ${JSON.stringify(figures.blanksMs)} ms, blank frames ${figures.blankFrames}`);
      await workbench.press('Escape');
    }
    writeFileSync(join(env.resultsDir, 'growth.json'), JSON.stringify(runs, null, 2));
    return {
      vscodeVersion: env.vscode.vscodeVersion,
      steps: runs.reduce((n, r) => n + r.steps, 0),
      blanks: runs.reduce((n, r) => n + r.blanksMs.length, 0),
      blankMsMax: Math.max(0, ...runs.map((r) => r.blankMsMax)),
      blankFrames: runs.reduce((n, r) => n + r.blankFrames, 0),
    };
  } finally {
    await env.stop();
  }
}

async function main(): Promise<void> {
  const values: Record<string, number | string> = {};
  let max = 0;
  for (const flavor of selectedFlavors()) {
    const figures = await measure(flavor);
    const key = `completion.growth.${flavor}`;
    values[`${key}.vscodeVersion`] = figures.vscodeVersion;
    values[`${key}.steps`] = figures.steps;
    values[`${key}.blanks`] = figures.blanks;
    values[`${key}.blankMsMax`] = figures.blankMsMax;
    values[`${key}.blankFrames`] = figures.blankFrames;
    max = Math.max(max, figures.blankMsMax);
  }
  values['completion.growthBlankMsMax'] = max;
  values['completion.growth.loadAverage'] = Math.round(loadavg()[0] * 10) / 10;
  values['completion.growth.stream'] = `${LINES.length} lines x ${RUNS} runs, TTFT ${TTFT_MS} ms, ${TOKENS_PER_SEC} tokens/s`;
  mergeGrowthResults(values);
  console.log('growing ghost text in the browser:');
  for (const [k, v] of Object.entries(values)) console.log(`  ${k} = ${v}`);
}

exitWith(async () => {
  await main();
  return 0;
});
