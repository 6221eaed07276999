// Chat render cost in Chromium: the real webview bundle, fed a 20,000-token markdown answer at
// 2,000 tokens/s the way the host sends it (one append per ~16 ms batch). Measures the time of
// each frame's render (markdown + sanitize + DOM + layout) over the first and the last 1,000
// tokens, and the longest main-thread task, for the incremental renderer and for a naive one
// that re-renders the whole answer each frame; then the smooth reveal, paced versus unpaced, under
// bursty and even delivery (chatPacing.ts). Writes `chat.*` into bench/results/latest.json.
import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../tools/browser';
import type { ChatViewState, HostMessage } from '../../src/protocol/chat';
import { openChatPage } from '../e2e/chatPage';
import { buildBenchWebview } from './benchWebview';
import { longAnswerTokens } from './chatAnswer';
import { pacingTable, pacingValues } from './chatPacing';
import { TRACE_CATEGORIES, traceFigures } from './chatTrace';
import { mergeResults } from './completionResults';

const TOKENS = 20_000;
const TOKENS_PER_SECOND = 2_000;
const BATCH_MS = 16;
const WINDOW_TOKENS = 1_000;
const REPEATS = 3;

interface RunResult {
  readonly renders: ReadonlyArray<readonly [durationMs: number, chars: number]>;
  readonly longTasks: readonly number[];
  readonly elapsedMs: number;
}

export interface ChatFigures {
  readonly renderMsPerChunkP95Start: number;
  readonly renderMsPerChunkP95End: number;
  readonly renderCostRatio: number;
  readonly longestTaskMs: number;
  /** The same figures in CPU time (see chatTrace.ts): comparable between quiet and busy machines. */
  readonly renderCpuMsPerChunkP95Start: number;
  readonly renderCpuMsPerChunkP95End: number;
  readonly renderCpuCostRatio: number;
  readonly longestTaskCpuMs: number;
  readonly renders: number;
  readonly streamSeconds: number;
}

function stateWith(answer: string, status: 'streaming' | 'done'): ChatViewState {
  return {
    conversationId: 'bench',
    title: 'Bench',
    streaming: status === 'streaming',
    model: 'bench-model',
    models: ['bench-model'],
    attachments: [],
    turns: [{ id: 't1', question: 'Walk me through the whole pipeline.', context: [], answer, status, truncated: false, model: 'bench-model' }],
  };
}

/** The messages the host would send: a snapshot, one append per batch, the final snapshot. */
function hostMessages(tokens: readonly string[]): HostMessage[] {
  const perBatch = Math.round((TOKENS_PER_SECOND * BATCH_MS) / 1000);
  const messages: HostMessage[] = [{ type: 'snapshot', state: stateWith('', 'streaming') }];
  let offset = 0;
  for (let i = 0; i < tokens.length; i += perBatch) {
    const text = tokens.slice(i, i + perBatch).join('');
    messages.push({ type: 'append', conversationId: 'bench', turnId: 't1', offset, text });
    offset += text.length;
  }
  messages.push({ type: 'snapshot', state: stateWith(tokens.join(''), 'done') });
  return messages;
}

// Runs in the page, as a string (tsx would wrap named functions in a helper the page lacks).
const DRIVER = `async ({ messages, intervalMs }) => {
  const longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); }).observe({ type: 'longtask' });
  performance.clearMeasures();
  const t0 = performance.now();
  for (let i = 0; i < messages.length; i++) {
    const wait = t0 + i * intervalMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    window.dispatchEvent(new MessageEvent('message', { data: messages[i] }));
  }
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await new Promise((r) => setTimeout(r, 200));
  const renders = performance.getEntriesByName('rill-render').map((e) => [e.duration, e.detail.chars]);
  return { renders, longTasks, elapsedMs: performance.now() - t0 };
}`;

async function run(browser: Browser, render: 'incremental' | 'naive', tokens: readonly string[]): Promise<ChatFigures> {
  const chat = await openChatPage(browser, { render, measure: true, width: 480, height: 800 });
  try {
    // Warm up first (grammar compilation in highlight.js, the icon font, the JIT), so that the
    // start window measures rendering, not first-use costs any earlier answer would have paid.
    const warmup = tokens.slice(0, 600).join('');
    await chat.deliver(
      { type: 'snapshot', state: { ...stateWith(warmup, 'done'), conversationId: 'warmup' } },
    );
    await chat.nextFrames(5);
    const messages = hostMessages(tokens);
    const driver = `(${DRIVER})(${JSON.stringify({ messages, intervalMs: BATCH_MS })})`;
    await browser.startTracing(chat.page, { categories: TRACE_CATEGORIES });
    const result = (await chat.page.evaluate(driver)) as RunResult;
    const trace = traceFigures(await browser.stopTracing());
    if (chat.errors.length > 0) throw new Error(`page errors: ${chat.errors.join('; ')}`);
    const startChars = tokens.slice(0, WINDOW_TOKENS).join('').length;
    const endFrom = tokens.slice(0, tokens.length - WINDOW_TOKENS).join('').length;
    const total = tokens.join('').length;
    const start = result.renders.filter(([, chars]) => chars <= startChars).map(([d]) => d);
    const end = result.renders.filter(([, chars]) => chars > endFrom && chars <= total).map(([d]) => d);
    if (process.env.RILL_BENCH_VERBOSE) {
      const show = (xs: number[]): string => xs.map((x) => x.toFixed(1)).join(' ');
      console.log(`${render} start: ${show(start)}\n${render} end: ${show(end)}\nlong tasks: ${show([...result.longTasks])}`);
    }
    const p95Start = p95(start);
    const p95End = p95(end);
    const cpuStart = p95(trace.renders.filter(([chars]) => chars <= startChars).map(([, ms]) => ms));
    const cpuEnd = p95(trace.renders.filter(([chars]) => chars > endFrom && chars <= total).map(([, ms]) => ms));
    return {
      renderMsPerChunkP95Start: round(p95Start),
      renderMsPerChunkP95End: round(p95End),
      renderCostRatio: round(p95End / Math.max(p95Start, 0.1)),
      // The Long Tasks API only reports tasks over 50 ms; the trace has every task's length.
      longestTaskMs: round(Math.max(trace.longestTaskWallMs, ...result.longTasks)),
      renderCpuMsPerChunkP95Start: round(cpuStart),
      renderCpuMsPerChunkP95End: round(cpuEnd),
      renderCpuCostRatio: round(cpuEnd / Math.max(cpuStart, 0.1)),
      longestTaskCpuMs: round(trace.longestTaskCpuMs),
      renders: result.renders.length,
      streamSeconds: round(result.elapsedMs / 1000),
    };
  } finally {
    await chat.close();
  }
}

function medianFigures(runs: readonly ChatFigures[]): ChatFigures {
  const median = (pick: (f: ChatFigures) => number): number => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  const start = median((f) => f.renderMsPerChunkP95Start);
  const end = median((f) => f.renderMsPerChunkP95End);
  return {
    renderMsPerChunkP95Start: start,
    renderMsPerChunkP95End: end,
    renderCostRatio: round(end / Math.max(start, 0.1)),
    longestTaskMs: median((f) => f.longestTaskMs),
    renderCpuMsPerChunkP95Start: median((f) => f.renderCpuMsPerChunkP95Start),
    renderCpuMsPerChunkP95End: median((f) => f.renderCpuMsPerChunkP95End),
    renderCpuCostRatio: round(median((f) => f.renderCpuMsPerChunkP95End) / Math.max(median((f) => f.renderCpuMsPerChunkP95Start), 0.1)),
    longestTaskCpuMs: median((f) => f.longestTaskCpuMs),
    renders: median((f) => f.renders),
    streamSeconds: median((f) => f.streamSeconds),
  };
}

function p95(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

async function main(): Promise<void> {
  buildBenchWebview();
  const tokens = longAnswerTokens(TOKENS);
  const browser = await launchChromium();
  try {
    // Each strategy three times, interleaved, and the median of each figure: one run can be
    // skewed by whatever else the machine is doing.
    const runs: Record<'incremental' | 'naive', ChatFigures[]> = { incremental: [], naive: [] };
    for (let i = 0; i < REPEATS; i++) {
      runs.incremental.push(await run(browser, 'incremental', tokens));
      runs.naive.push(await run(browser, 'naive', tokens));
    }
    const incremental = medianFigures(runs.incremental);
    const naive = medianFigures(runs.naive);
    const values: Record<string, number> = {};
    for (const [k, v] of Object.entries(incremental)) values[`chat.${k}`] = v;
    for (const [k, v] of Object.entries(naive)) values[`chat.naive.${k}`] = v;
    // Smooth reveal: bursty and even delivery, paced and unpaced (see chatPacing.ts).
    const pacing = await pacingValues(browser, REPEATS);
    Object.assign(values, pacing);
    // Wall-clock figures from a busy machine are inflated; the load says how far to trust them.
    values['chat.loadAverage'] = round(loadavg()[0] ?? Number.NaN);
    mergeResults(values, (key) => key.startsWith('chat.'));
    console.log(`chat render bench (${TOKENS} tokens at ${TOKENS_PER_SECOND}/s, median of ${REPEATS} runs, load average ${loadavg()[0]?.toFixed(1)}):`);
    for (const [k, v] of Object.entries(values)) console.log(`  ${k} = ${v}`);
    const met = (ratio: number, longest: number): string => (ratio < 1.5 && longest < 50 ? 'met' : 'NOT met');
    console.log(
      `  targets (cost ratio < 1.5, longest task < 50 ms): wall clock ${met(incremental.renderCostRatio, incremental.longestTaskMs)}, ` +
        `CPU time ${met(incremental.renderCpuCostRatio, incremental.longestTaskCpuMs)}`,
    );
    console.log(`\nsmooth reveal (median of ${REPEATS} runs):\n${pacingTable(pacing)}`);
  } finally {
    await browser.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
