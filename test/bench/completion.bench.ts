// Inline completion as a person uses it: a simulated person writes blocks of real source (a frozen
// copy of some of this repository's, completionTrace.ts) with a typist's rhythm, presses Tab when the ghost text's head is what
// they were about to write and deletes accepted text that turns out wrong (completionPerson.ts), in
// an editor that drives the real engine as VS Code does (completionDriver.ts), over the real SDK and
// real HTTP to the fake LLM server, whose models know the files: exact, first line right then wrong,
// always wrong, past the hole (completionModel.ts), at three speeds. The same script is written with
// Rill's strategy and three others built from the same engine: block prefetch (the best
// non-streaming peer's way), a 350 ms debounce and a request per keystroke. Cells the targets read
// get 3 runs (medians reported); the targets are checked and the bench exits non-zero on a miss.
// Writes `completion.typing.*` into bench/results/latest.json and regenerates latest.md.
// Env: BENCH_BLOCKS (blocks in the script, default 4), BENCH_SEED (7), BENCH_RUNS (runs of a cell
// the targets read, 3), BENCH_JOBS (runs side by side, 10), BENCH_ONLY (cells to run, e.g.
// "exact:cloud:rill,blockPrefetch;wrong"), BENCH_NO_WRITE=1 (print only).
import { loadavg } from 'node:os';
import { type RunFigures, fromJson, toJson } from './completionFigures';
import { MODELS, type ModelKind, PROFILES } from './completionModel';
import { runPool, serveJobs } from './completionPool';
import { mergeTypingResults } from './completionResults';
import { typingLines } from './completionTable';
import { type RunSpec, STRATEGIES, type StrategyKey, runOnce } from './completionRun';
import { type Cell, checkTargets, namedByTargets, summarize } from './completionTargets';
import { elsewhereLines, typingScript } from './completionTrace';

interface Job {
  readonly model: ModelKind;
  readonly profile: string;
  readonly strategy: StrategyKey;
  readonly run: number;
}

const env = (name: string, fallback: number) => Number(process.env[name] || fallback);
const seed = env('BENCH_SEED', 7);
const blocks = typingScript({ seed, blocks: env('BENCH_BLOCKS', 4) });
const pool = elsewhereLines(blocks.map((b) => b.path));

/** BENCH_ONLY: ";"-separated "model[:profile[:strategy,strategy]]" filters. */
function selected(model: string, profile: string, strategy: string): boolean {
  const only = process.env.BENCH_ONLY;
  if (!only) return true;
  return only.split(';').some((filter) => {
    const [m, p, s] = filter.split(':');
    return (!m || m === model) && (!p || p === profile) && (!s || s.split(',').includes(strategy));
  });
}

function jobs(): Job[] {
  const runs = env('BENCH_RUNS', 3);
  const all: Job[] = [];
  // Round by round, so that a cell's runs meet different company; in a round the longest runs
  // first (the person types nearly everything with a wrong model or a naive strategy), so that the
  // workers finish together.
  const long = (job: Job) => Number(job.model === 'wrong') * 2 + Number(job.strategy === 'debounce350' || job.strategy === 'perKeystroke');
  for (let run = 0; run < runs; run++) {
    const round: Job[] = [];
    for (const [strategy] of STRATEGIES) {
      for (const model of MODELS) {
        for (const profile of PROFILES) {
          if (run > 0 && !namedByTargets(model, strategy)) continue;
          if (selected(model, profile.name, strategy)) round.push({ model, profile: profile.name, strategy, run });
        }
      }
    }
    all.push(...round.sort((a, b) => long(b) - long(a)));
  }
  return all;
}

async function runJob(job: Job): Promise<unknown> {
  const profile = PROFILES.find((p) => p.name === job.profile)!;
  const spec: RunSpec = { model: job.model, profile, strategy: job.strategy, seed: seed + 1000 * job.run };
  return toJson(await runOnce(spec, blocks, pool));
}

async function main(): Promise<void> {
  const started = performance.now();
  const chars = blocks.reduce((n, b) => n + b.end - b.start, 0);
  const list = jobs();
  const workers = env('BENCH_JOBS', 10);
  console.log(`completion bench: ${blocks.length} blocks, ${chars} characters to write (${blocks.map((b) => b.path).join(', ')}); ${list.length} runs, ${workers} side by side; load average ${loadavg()[0].toFixed(1)}`);
  const byCell = new Map<string, { job: Job; runs: RunFigures[] }>();
  await runPool(__filename, list, workers, (job, result) => {
    const key = `${job.model}:${job.profile}:${job.strategy}`;
    const entry = byCell.get(key) ?? { job, runs: [] };
    entry.runs.push(fromJson(result as Record<string, number | null>));
    byCell.set(key, entry);
    const f = entry.runs[entry.runs.length - 1];
    console.log(`  ${key} #${job.run + 1}: ${f.actions} actions (${f.keys} keys, ${f.tabs} Tabs, ${f.deletions} deletions), ${f.requests} requests, ${f.seconds} s, load ${f.loadAverage}`);
  });
  const cells: Cell[] = [...byCell.values()].map(({ job, runs }) => ({ model: job.model, profile: job.profile, strategy: job.strategy, runs }));
  const summaries = cells.map(summarize);
  const checks = checkTargets(summaries, PROFILES);
  const minutes = (performance.now() - started) / 60_000;
  const meta = { seed, blocks, chars, workers, minutes, loadAverage: loadavg()[0] };
  for (const line of typingLines(summaries, checks)) console.log(line);
  if (process.env.BENCH_NO_WRITE !== '1') mergeTypingResults(summaries, checks, meta);
  const missed = checks.filter((c) => c.result === 'MISS').length;
  console.log(`  targets: ${missed === 0 ? 'met' : `${missed} missed`} (${minutes.toFixed(1)} min)`);
  if (missed > 0) process.exitCode = 1;
}

if (process.env.BENCH_WORKER) serveJobs((job: Job) => runJob(job));
else
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(2);
  });
