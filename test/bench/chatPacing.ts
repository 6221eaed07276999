// Smooth reveal in the real chat page (Chromium), paced versus unpaced (rill.chat.smoothReveal off),
// under bursty delivery (2 KB bursts a second apart, as a buffering proxy or a local model after
// prompt processing sends them) and even delivery (2,000 characters a second in 16 ms batches, and
// a slow 40 characters a second): per frame, how many characters became visible; the longest time
// nothing new became visible while the answer streamed; and the lag each character waited between
// its arrival and its first frame on screen. The answer is plain words, so the page's text length
// is the number of characters revealed.
import type { Browser } from 'playwright-core';
import type { ChatViewState, HostMessage } from '../../src/protocol/chat';
import { openChatPage } from '../e2e/chatPage';

export type Delivery = 'bursty' | 'even' | 'evenSlow';

interface Plan {
  /** [ms after the start, characters] */
  readonly arrivals: ReadonlyArray<readonly [number, number]>;
}

const PLANS: Readonly<Record<Delivery, Plan>> = {
  bursty: { arrivals: Array.from({ length: 6 }, (_, i) => [i * 1000, 2048] as const) },
  even: { arrivals: Array.from({ length: 188 }, (_, i) => [i * 16, 33] as const) },
  evenSlow: { arrivals: Array.from({ length: 60 }, (_, i) => [i * 100, 4] as const) },
};

export interface PacingFigures {
  /** Characters that became visible in one frame: the largest, and the 95th percentile of frames that showed any. */
  readonly maxCharsPerFrame: number;
  readonly p95CharsPerFrame: number;
  /** The longest time, between the first arrival and the last character shown, with nothing new on screen. */
  readonly longestFreezeMs: number;
  /** How long a character waited from its arrival to its first frame on screen. */
  readonly lagP50Ms: number;
  readonly lagP95Ms: number;
  /** The longest main-thread task while it streamed (Long Tasks API, so only tasks over 50 ms; 0 if none). */
  readonly longestTaskMs: number;
}

/** Plain words: what is revealed is exactly what the page's text holds. */
function prose(chars: number): string {
  const words = ['river', 'stone', 'canyon', 'water', 'layer', 'wind', 'sand', 'frost', 'valley', 'rock'];
  let text = '';
  for (let i = 0; text.length < chars; i++) text += `${i === 0 ? '' : ' '}${words[(i * 7) % words.length] ?? 'word'}`;
  return text.slice(0, chars);
}

function state(status: 'streaming' | 'done', answer: string, paced: boolean): ChatViewState {
  return {
    conversationId: 'pacing',
    title: 'Pacing',
    streaming: status === 'streaming',
    model: 'bench-model',
    models: ['bench-model'],
    attachments: [],
    reveal: paced ? 'paced' : 'immediate',
    turns: [{ id: 't1', question: 'Tell me about canyons.', context: [], answer, status, truncated: false, model: 'bench-model' }],
  };
}

// Runs in the page, as a string (tsx would wrap named functions in a helper the page lacks).
const DRIVER = `async ({ messages, times, endAt }) => {
  const longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); }).observe({ type: 'longtask' });
  const md = () => document.querySelector('[data-turn-id="t1"] .markdown');
  const frames = [];
  const arrivals = [];
  let running = true;
  const t0 = performance.now();
  const sample = () => {
    if (!running) return;
    frames.push([performance.now() - t0, (md()?.textContent ?? '').length]);
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
  for (let i = 0; i < messages.length; i++) {
    const wait = t0 + times[i] - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    window.dispatchEvent(new MessageEvent('message', { data: messages[i] }));
    if (messages[i].type === 'append') arrivals.push([performance.now() - t0, messages[i].offset + messages[i].text.length]);
  }
  const total = messages.filter((m) => m.type === 'append').reduce((n, m) => n + m.text.length, 0);
  const deadline = performance.now() + 3000;
  while (performance.now() < deadline && (md()?.textContent ?? '').length < total) await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => setTimeout(r, 100));
  running = false;
  return { frames, arrivals, longTasks, total };
}`;

interface DriverResult {
  readonly frames: ReadonlyArray<readonly [number, number]>;
  readonly arrivals: ReadonlyArray<readonly [number, number]>;
  readonly longTasks: readonly number[];
  readonly total: number;
}

export async function measurePacing(browser: Browser, delivery: Delivery, paced: boolean): Promise<PacingFigures> {
  // The bench's build of the page (chat.bench.ts builds it), with the product's renderer.
  const chat = await openChatPage(browser, { render: 'incremental', width: 480, height: 800 });
  try {
    const plan = PLANS[delivery];
    const total = plan.arrivals.reduce((n, [, c]) => n + c, 0);
    const text = prose(total);
    const messages: HostMessage[] = [{ type: 'snapshot', state: state('streaming', '', paced) }];
    const times: number[] = [0];
    let offset = 0;
    for (const [at, chars] of plan.arrivals) {
      messages.push({ type: 'append', conversationId: 'pacing', turnId: 't1', offset, text: text.slice(offset, offset + chars) });
      times.push(at);
      offset += chars;
    }
    const endAt = (plan.arrivals.at(-1)?.[0] ?? 0) + 20;
    messages.push({ type: 'snapshot', state: state('done', text, paced) });
    times.push(endAt);
    const result = (await chat.page.evaluate(`(${DRIVER})(${JSON.stringify({ messages, times, endAt })})`)) as DriverResult;
    if (chat.errors.length > 0) throw new Error(`page errors: ${chat.errors.join('; ')}`);
    return figures(result);
  } finally {
    await chat.close();
  }
}

function figures(r: DriverResult): PacingFigures {
  const frames = r.frames;
  const steps: number[] = [];
  for (let i = 1; i < frames.length; i++) steps.push((frames[i]?.[1] ?? 0) - (frames[i - 1]?.[1] ?? 0));
  const shownSteps = steps.filter((s) => s > 0);
  const start = r.arrivals[0]?.[0] ?? 0;
  const doneAt = frames.find(([, n]) => n >= r.total)?.[0] ?? frames.at(-1)?.[0] ?? 0;
  let freeze = 0;
  let lastChange = start;
  let lastCount = frames.find(([t]) => t >= start)?.[1] ?? 0;
  for (const [t, n] of frames) {
    if (t < start || t > doneAt) continue;
    if (n !== lastCount) {
      freeze = Math.max(freeze, t - lastChange);
      lastChange = t;
      lastCount = n;
    }
  }
  const lags: number[] = [];
  let from = 0;
  for (const [at, upTo] of r.arrivals) {
    // Every tenth character is plenty for percentiles and keeps this quick.
    for (let c = from; c < upTo; c += 10) {
      const shown = frames.find(([t, n]) => n > c && t >= at - 1);
      if (shown) lags.push(shown[0] - at);
    }
    from = upTo;
  }
  return {
    maxCharsPerFrame: Math.max(0, ...steps),
    p95CharsPerFrame: percentile(shownSteps, 0.95),
    longestFreezeMs: round(freeze),
    lagP50Ms: round(percentile(lags, 0.5)),
    lagP95Ms: round(percentile(lags, 0.95)),
    longestTaskMs: round(Math.max(0, ...r.longTasks)),
  };
}

function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)] ?? 0;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

const DELIVERIES: readonly Delivery[] = ['bursty', 'even', 'evenSlow'];

/**
 * Every delivery, paced and unpaced, `repeats` times interleaved; the median of each figure, as
 * `chat.pacing.<delivery>.<paced|unpaced>.<figure>`, and the added lag (paced minus unpaced).
 */
export async function pacingValues(browser: Browser, repeats: number): Promise<Record<string, number>> {
  const runs = new Map<string, PacingFigures[]>();
  for (let i = 0; i < repeats; i++) {
    for (const delivery of DELIVERIES) {
      for (const paced of [true, false]) {
        const key = `${delivery}.${paced ? 'paced' : 'unpaced'}`;
        runs.set(key, [...(runs.get(key) ?? []), await measurePacing(browser, delivery, paced)]);
      }
    }
  }
  const values: Record<string, number> = {};
  for (const [key, list] of runs) {
    for (const figure of Object.keys(list[0] ?? {}) as (keyof PacingFigures)[]) {
      values[`chat.pacing.${key}.${figure}`] = median(list.map((f) => f[figure]));
    }
  }
  for (const delivery of DELIVERIES) {
    for (const q of ['P50', 'P95'] as const) {
      const paced = values[`chat.pacing.${delivery}.paced.lag${q}Ms`] ?? Number.NaN;
      const unpaced = values[`chat.pacing.${delivery}.unpaced.lag${q}Ms`] ?? Number.NaN;
      values[`chat.pacing.${delivery}.addedLag${q}Ms`] = round(paced - unpaced);
    }
  }
  return values;
}

/** The pacing figures as a table, one row per delivery and mode. */
export function pacingTable(values: Readonly<Record<string, number>>): string {
  const rows = ['| delivery | reveal | max chars/frame | p95 chars/frame | longest freeze ms | lag p50 ms | lag p95 ms | added lag p50 / p95 ms | longest task ms |', '|---|---|---|---|---|---|---|---|---|'];
  for (const delivery of DELIVERIES) {
    for (const mode of ['paced', 'unpaced']) {
      const v = (f: string) => values[`chat.pacing.${delivery}.${mode}.${f}`];
      const added = mode === 'paced' ? `${values[`chat.pacing.${delivery}.addedLagP50Ms`]} / ${values[`chat.pacing.${delivery}.addedLagP95Ms`]}` : '';
      rows.push(`| ${delivery} | ${mode} | ${v('maxCharsPerFrame')} | ${v('p95CharsPerFrame')} | ${v('longestFreezeMs')} | ${v('lagP50Ms')} | ${v('lagP95Ms')} | ${added} | ${v('longestTaskMs')} |`);
    }
  }
  return rows.join('\n');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
