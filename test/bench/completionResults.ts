// The completion bench's figures: computed from the driver's measurements and the fake server's
// records, merged into bench/results/latest.json (keys `completion.*`, other benches' kept), and
// bench/results/latest.md regenerated from the whole file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { percentile } from '../../src/completion/recentFigures';
import type { RecordedRequest } from '../fake-llm/server';
import type { DriverMeasurements } from './completionDriver';
import type { ModelProfile } from './completionModel';

const RESULTS = join(__dirname, '..', '..', 'bench', 'results', 'latest.json');
const MARKDOWN = join(dirname(RESULTS), 'latest.md');

export interface RunFigures {
  readonly keystrokes: number;
  readonly requests: number;
  readonly requestsPerKeystroke: number;
  readonly tokensSent: number;
  readonly tokensPerKeystroke: number;
  readonly wastedTokenShare: number;
  readonly typeThroughRequests: number;
  readonly requestsAfterGhostTypedWhole: number;
  readonly overheadMsP50: number;
  readonly overheadMsP95: number;
  /** How many calls waited for a line to arrive (the overhead figures' sample). */
  readonly overheadSamples: number;
  readonly growthOverheadMsP95: number;
  readonly pauseToGhostMsP50: number;
  readonly pauseToGhostMsP95: number;
  readonly pauseToAnswerMsP50: number;
  readonly pauseToAnswerMsP95: number;
  readonly pausesWithoutGhost: number;
  readonly cancelLatencyMsP50: number;
  readonly cancelLatencyMsP95: number;
  readonly cancels: number;
}

const round = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? -1 : Math.round(n * 10 ** digits) / 10 ** digits);

export function figuresOf(m: DriverMeasurements, requests: readonly RecordedRequest[]): RunFigures {
  const completions = requests.filter((r) => r.endpoint === 'openai-completions');
  const tokensSent = completions.reduce((sum, r) => sum + r.tokensSent, 0);
  const records = [...m.records.values()];
  // Tokens whose text reached the user, by the engine's account; everything else the server sent
  // (including tokens in flight when a stream was closed) is waste.
  const used = records.reduce((sum, r) => sum + Math.max(0, r.tokensOut - r.tokensWasted), 0);
  const cancels: number[] = [];
  for (const r of completions) {
    const id = Number(r.headers['x-bench-id']);
    const keystrokeAt = m.abortedByKeystrokeAt.get(id);
    if (keystrokeAt !== undefined && r.closedByClientAt !== undefined) cancels.push(r.closedByClientAt - keystrokeAt);
  }
  return {
    keystrokes: m.keystrokes,
    requests: completions.length,
    requestsPerKeystroke: round(completions.length / m.keystrokes, 3),
    tokensSent,
    tokensPerKeystroke: round(tokensSent / m.keystrokes),
    wastedTokenShare: round(tokensSent === 0 ? 0 : Math.max(0, 1 - used / tokensSent), 3),
    typeThroughRequests: m.typeThroughRequests,
    requestsAfterGhostTypedWhole: m.requestsAfterGhostTypedWhole,
    overheadMsP50: round(percentile(m.overheadMs, 50)),
    overheadMsP95: round(percentile(m.overheadMs, 95)),
    overheadSamples: m.overheadMs.length,
    growthOverheadMsP95: round(percentile(m.growthOverheadMs, 95)),
    pauseToGhostMsP50: round(percentile(m.pauseToGhostMs, 50), 0),
    pauseToGhostMsP95: round(percentile(m.pauseToGhostMs, 95), 0),
    pauseToAnswerMsP50: round(percentile(m.pauseToAnswerMs, 50), 0),
    pauseToAnswerMsP95: round(percentile(m.pauseToAnswerMs, 95), 0),
    pausesWithoutGhost: m.pausesWithoutGhost,
    cancelLatencyMsP50: round(percentile(cancels, 50)),
    cancelLatencyMsP95: round(percentile(cancels, 95)),
    cancels: cancels.length,
  };
}

/** Figures where more is worse, compared as Rill / naive. */
const RATIO_FIGURES: ReadonlyArray<keyof RunFigures> = [
  'requestsPerKeystroke',
  'tokensPerKeystroke',
  'wastedTokenShare',
  'typeThroughRequests',
  'overheadMsP95',
  'pauseToGhostMsP50',
  'pauseToAnswerMsP50',
  'cancelLatencyMsP95',
];

interface Result {
  readonly profile: string;
  readonly strategy: string;
  readonly figures: RunFigures;
}

interface Meta {
  /** The source files typed (the trace depends on the tree as well as the seed). */
  readonly traceFiles: readonly string[];
  readonly loadAverage: number;
  readonly keystrokes: number;
  readonly files: number;
  readonly seed: number;
  readonly profiles: readonly ModelProfile[];
}

function targets(results: readonly Result[], profiles: readonly ModelProfile[]): Array<[string, boolean]> {
  const checks: Array<[string, boolean]> = [];
  for (const profile of profiles) {
    const get = (strategy: string) => results.find((r) => r.profile === profile.name && r.strategy === strategy)?.figures;
    const rill = get('rill');
    const naive = get('perKeystroke');
    if (!rill || !naive) continue;
    const p = profile.name;
    checks.push(
      [`${p}: requests/keystroke ${rill.requestsPerKeystroke} <= 0.2 and <= 1/4 of per-keystroke (${naive.requestsPerKeystroke})`, rill.requestsPerKeystroke <= 0.2 && rill.requestsPerKeystroke <= naive.requestsPerKeystroke / 4],
      [`${p}: wasted token share ${rill.wastedTokenShare} < 0.15`, rill.wastedTokenShare < 0.15],
      [`${p}: type-through requests ${rill.typeThroughRequests} = 0`, rill.typeThroughRequests === 0],
      [`${p}: overhead P95 ${rill.overheadMsP95} ms < 5 ms`, rill.overheadMsP95 >= 0 && rill.overheadMsP95 < 5],
      [`${p}: cancel latency P95 ${rill.cancelLatencyMsP95} ms < 10 ms`, rill.cancelLatencyMsP95 >= 0 && rill.cancelLatencyMsP95 < 10],
      [`${p}: pause-to-ghost P50 ${rill.pauseToGhostMsP50} ms <= TTFT + 100 = ${profile.ttftMs + 100} ms`, rill.pauseToGhostMsP50 >= 0 && rill.pauseToGhostMsP50 <= profile.ttftMs + 100],
    );
  }
  return checks;
}

export function mergeCompletionResults(results: readonly Result[], meta: Meta): { lines: string[]; met: boolean } {
  const values: Record<string, number | string | boolean> = {
    'completion.keystrokes': meta.keystrokes,
    'completion.files': meta.files,
    'completion.seed': meta.seed,
    'completion.traceFiles': meta.traceFiles.join(' '),
    // Timing figures are only as good as the machine was quiet.
    'completion.loadAverage': Math.round(meta.loadAverage * 10) / 10,
  };
  for (const { profile, strategy, figures } of results) {
    for (const [k, v] of Object.entries(figures)) values[`completion.${profile}.${strategy}.${k}`] = v;
  }
  for (const profile of meta.profiles) {
    const rill = results.find((r) => r.profile === profile.name && r.strategy === 'rill')?.figures;
    if (!rill) continue;
    for (const naive of ['perKeystroke', 'debounce350']) {
      const other = results.find((r) => r.profile === profile.name && r.strategy === naive)?.figures;
      if (!other) continue;
      for (const k of RATIO_FIGURES) values[`completion.${profile.name}.ratio.${k}.vs.${naive}`] = other[k] > 0 ? round(rill[k] / other[k], 3) : -1;
    }
  }
  // Headline figures: Rill's worse value over the two profiles.
  for (const k of ['requestsPerKeystroke', 'wastedTokenShare', 'typeThroughRequests', 'overheadMsP50', 'overheadMsP95', 'pauseToGhostMsP50', 'pauseToGhostMsP95', 'cancelLatencyMsP95'] as const) {
    const rill = results.filter((r) => r.strategy === 'rill').map((r) => r.figures[k]);
    if (rill.length) values[`completion.${k}`] = Math.max(...rill);
  }
  const checks = targets(results, meta.profiles);
  const met = checks.every(([, ok]) => ok);
  values['completion.targetsMet'] = met;
  mergeResults(values, (key) => key.startsWith('completion.') && !isGrowthKey(key));
  return { lines: checks.map(([text, ok]) => `  ${ok ? 'ok  ' : 'MISS'} ${text}`), met };
}

/** Keys of the browser bench of growing ghost text (completionGrowth.bench.ts). */
const isGrowthKey = (key: string) => key.startsWith('completion.growth');

/** Sets the growth bench's keys, keeping every other figure. */
export function mergeGrowthResults(values: Record<string, unknown>): void {
  mergeResults(values, isGrowthKey);
}

/** Replaces the keys `stale` selects with `values`; regenerates the markdown (every bench writes through this). */
export function mergeResults(values: Record<string, unknown>, stale: (key: string) => boolean): void {
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
  } catch {
    // First bench of the run, or an unreadable file: start afresh.
  }
  for (const key of Object.keys(current)) if (stale(key)) delete current[key];
  const merged = { ...current, ...values };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(merged, null, 2)}\n`);
  writeFileSync(MARKDOWN, markdown(merged));
}

/** All benches' results as tables: completion as figure x strategy per profile, the others as key/value. */
export function markdown(results: Record<string, unknown>): string {
  const out = ['# Bench results', '', 'Written by `npm run bench` (each bench merges its keys into latest.json; this file is regenerated from it).', ''];
  const groups = new Map<string, Array<[string, unknown]>>();
  for (const [key, value] of Object.entries(results)) {
    const group = key.split('.')[0];
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group)!.push([key, value]);
  }
  for (const [group, entries] of groups) {
    out.push(`## ${group}`, '');
    if (group === 'completion') out.push(...completionTables(results));
    else {
      out.push('| figure | value |', '|---|---|');
      for (const [key, value] of entries) out.push(`| ${key.slice(group.length + 1)} | ${String(value)} |`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function completionTables(results: Record<string, unknown>): string[] {
  const profiles = [...new Set(Object.keys(results).map((k) => /^completion\.(ttft\d+)\./.exec(k)?.[1]).filter((p): p is string => !!p))];
  const strategies = ['rill', 'perKeystroke', 'debounce350'];
  const figures = Object.keys(results)
    .map((k) => /^completion\.ttft\d+\.rill\.(.+)$/.exec(k)?.[1])
    .filter((f): f is string => !!f);
  const out = [
    `${results['completion.keystrokes']} keystrokes over ${results['completion.files']} source files (seed ${results['completion.seed']}: ${String(results['completion.traceFiles'] ?? '')}), load average ${results['completion.loadAverage']} at the end; targets met: **${results['completion.targetsMet']}**.`,
    '',
  ];
  out.push(...growthTable(results));
  for (const profile of profiles) {
    out.push(`### ${profile.replace('ttft', 'TTFT ')} ms`, '', `| figure | ${strategies.join(' | ')} | rill / perKeystroke | rill / debounce350 |`, `|---|${strategies.map(() => '---|').join('')}---|---|`);
    for (const f of [...new Set(figures)]) {
      const cells = strategies.map((s) => String(results[`completion.${profile}.${s}.${f}`] ?? ''));
      const ratio = (s: string) => String(results[`completion.${profile}.ratio.${f}.vs.${s}`] ?? '');
      out.push(`| ${f} | ${cells.join(' | ')} | ${ratio('perKeystroke')} | ${ratio('debounce350')} |`);
    }
    out.push('');
  }
  return out;
}

function growthTable(results: Record<string, unknown>): string[] {
  const flavors = [...new Set(Object.keys(results).map((k) => /^completion\.growth\.(oldest|newest)\./.exec(k)?.[1]).filter((f): f is string => !!f))];
  if (!flavors.length) return [];
  const figures = ['vscodeVersion', 'steps', 'blanks', 'blankMsMax', 'blankFrames'];
  const out = [
    '### Growing ghost text in the browser',
    '',
    `${String(results['completion.growth.stream'] ?? '')}, load average ${String(results['completion.growth.loadAverage'] ?? '')}. A blank is the ghost text showing fewer lines than it already showed; **growthBlankMsMax = ${String(results['completion.growthBlankMsMax'])} ms**.`,
    '',
    `| figure | ${flavors.join(' | ')} |`,
    `|---|${flavors.map(() => '---|').join('')}`,
  ];
  for (const f of figures) out.push(`| ${f} | ${flavors.map((fl) => String(results[`completion.growth.${fl}.${f}`] ?? '')).join(' | ')} |`);
  out.push('');
  return out;
}
