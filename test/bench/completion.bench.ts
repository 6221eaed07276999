// Inline completion on a typing trace: the real engine, the real SDK adapters (createProvider) and
// real HTTP to the fake LLM server, whose model knows the files being typed. The same trace
// (>= 2,000 keystrokes over this repository's own src/ files) is replayed, in the same run, by Rill's
// strategy and by two naive ones built from the same engine (a request per keystroke, each aborted
// by the next keystroke; a fixed 350 ms debounce), on two backend profiles. Writes `completion.*`
// into bench/results/latest.json and regenerates bench/results/latest.md.
// Each run (profile x strategy) is a child process of its own, with its own fake server; Rill's two
// runs go first, side by side, then the four naive ones.
// Env: BENCH_KEYSTROKES (default 2000), BENCH_SEED (default 7), BENCH_SERIAL=1 (one run at a time).
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { type Strategy, adaptiveStrategy, debounceStrategy, perKeystrokeStrategy } from '../../src/completion/strategies';
import { createProvider } from '../../src/llm/createProvider';
import { FakeLlmServer } from '../fake-llm/server';
import { type DriverMeasurements, SimulatedEditor, type TaggedProvider, newMeasurements } from './completionDriver';
import { type ModelProfile, knowingModel } from './completionModel';
import { type RunFigures, figuresOf, mergeCompletionResults } from './completionResults';
import { type TypingSession, typingTrace } from './completionTrace';

const ROOT = join(__dirname, '..', '..');
const PROFILES: readonly ModelProfile[] = [
  { name: 'ttft300', ttftMs: 300, tokensPerSec: 50 },
  { name: 'ttft800', ttftMs: 800, tokensPerSec: 20 },
];
const STRATEGIES: ReadonlyArray<readonly [key: string, make: () => Strategy]> = [
  ['rill', adaptiveStrategy],
  ['perKeystroke', perKeystrokeStrategy],
  ['debounce350', () => debounceStrategy(350)],
];

function taggedProvider(server: FakeLlmServer, m: DriverMeasurements): TaggedProvider {
  let nextId = 1;
  const tagged = { currentKeystrokeAt: undefined, onStream: undefined } as TaggedProvider;
  // Each HTTP request carries an id the server records; an abort during observe() belongs to that keystroke.
  const benchFetch: typeof fetch = (input, init) => {
    const id = nextId++;
    const headers = new Headers(init?.headers);
    headers.set('x-bench-id', String(id));
    init?.signal?.addEventListener(
      'abort',
      () => {
        if (tagged.currentKeystrokeAt !== undefined) m.abortedByKeystrokeAt.set(id, tagged.currentKeystrokeAt);
      },
      { once: true },
    );
    return fetch(input, { ...init, headers });
  };
  const inner = createProvider({
    provider: 'openai-compatible',
    baseUrl: `${server.url}/v1`,
    model: 'qwen2.5-coder:1.5b-base',
    fimMode: 'completions',
    maxRetries: 0,
    firstTokenTimeoutMs: 20_000,
    idleTimeoutMs: 15_000,
    fetch: benchFetch,
  });
  return Object.assign(tagged, {
    label: inner.label,
    model: inner.model,
    listModels: inner.listModels.bind(inner),
    stream: (request: Parameters<TaggedProvider['stream']>[0], signal: AbortSignal) => {
      if (request.kind === 'fim') tagged.onStream?.(request.prefix);
      return inner.stream(request, signal);
    },
  });
}

async function run(profile: ModelProfile, strategy: Strategy, trace: readonly TypingSession[]): Promise<RunFigures> {
  const server = await FakeLlmServer.start();
  let current: string[] = [];
  server.route(knowingModel(() => current, profile));
  const m = newMeasurements();
  const sim = new SimulatedEditor(strategy, taggedProvider(server, m), m);
  try {
    for (const session of trace) {
      current = [session.full, ...trace.map((s) => s.full)];
      await sim.replay(session);
    }
    // Let the last streams end so that every token is counted.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    return figuresOf(sim.m, server.requests);
  } finally {
    sim.dispose();
    await server.close();
  }
}

/** One run in this process: BENCH_WORKER="<profile>:<strategy>"; prints its figures as JSON. */
async function worker(spec: string, trace: readonly TypingSession[]): Promise<void> {
  const [profileName, key] = spec.split(':');
  const profile = PROFILES.find((p) => p.name === profileName);
  const make = STRATEGIES.find(([k]) => k === key)?.[1];
  if (!profile || !make) throw new Error(`unknown run ${spec}`);
  const figures = await run(profile, make(), trace);
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(figures)}\n`);
}

const RESULT_MARK = 'BENCH-RESULT ';

/** Runs one job in a child process: its own event loop for the engine and its own fake server. */
function spawnRun(spec: string): Promise<RunFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', __filename], { env: { ...process.env, BENCH_WORKER: spec }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARK));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_MARK.length)) as RunFigures);
      else reject(new Error(`bench run ${spec} failed (exit ${code}): ${out.slice(-500)}`));
    });
  });
}

async function main(): Promise<void> {
  const keystrokes = Number(process.env.BENCH_KEYSTROKES || 2000);
  const seed = Number(process.env.BENCH_SEED || 7);
  const trace = typingTrace({ root: ROOT, seed, minKeystrokes: keystrokes });
  if (process.env.BENCH_WORKER) return worker(process.env.BENCH_WORKER, trace);
  const total = trace.reduce((n, s) => n + s.keystrokes.length, 0);
  const seconds = trace.reduce((n, s) => n + s.keystrokes.reduce((t, k) => t + k.gapMs, 0), 0) / 1000;
  console.log(`completion bench: ${total} keystrokes over ${trace.length} files (${trace.map((s) => s.path).join(', ')}), ${Math.round(seconds)} s of typing per run; load average ${loadavg()[0].toFixed(1)}`);
  const jobs = PROFILES.flatMap((profile) => STRATEGIES.map(([key]) => ({ profile: profile.name, key })));
  const results: Array<{ profile: string; strategy: string; figures: RunFigures }> = [];
  const runJob = async (job: (typeof jobs)[number]) => {
    const figures = await spawnRun(`${job.profile}:${job.key}`);
    results.push({ profile: job.profile, strategy: job.key, figures });
    console.log(`  ${job.profile} ${job.key}: ${JSON.stringify(figures)}`);
  };
  // Each run spends its time waiting on timers and sockets, so runs share the machine well; but a
  // request per keystroke is heavy, and latency tails suffer from company. Rill's runs go side by
  // side first, then the naive ones. BENCH_SERIAL=1 runs everything one after the other.
  if (process.env.BENCH_SERIAL === '1') for (const job of jobs) await runJob(job);
  else {
    await Promise.all(jobs.filter((j) => j.key === 'rill').map(runJob));
    await Promise.all(jobs.filter((j) => j.key !== 'rill').map(runJob));
  }
  const { lines, met } = mergeCompletionResults(results, { keystrokes: total, files: trace.length, traceFiles: trace.map((t) => t.path), seed, profiles: PROFILES, loadAverage: loadavg()[0] });
  for (const line of lines) console.log(line);
  console.log(`  targets: ${met ? 'met' : 'NOT met'}`);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
