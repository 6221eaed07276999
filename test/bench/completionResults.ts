// The benches' shared results writer: each bench merges its keys into bench/results/latest.json
// (other benches' kept) and bench/results/latest.md is regenerated from the whole file. The typing
// bench's keys are `completion.typing.*`, the growth bench's `completion.growth*`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Block } from './completionTrace';
import { TYPING_PREFIX, typingTables, typingValues } from './completionTable';
import type { Check, CellSummary } from './completionTargets';

const RESULTS = join(__dirname, '..', '..', 'bench', 'results', 'latest.json');
const MARKDOWN = join(dirname(RESULTS), 'latest.md');

export interface TypingMeta {
  readonly seed: number;
  readonly blocks: readonly Block[];
  readonly chars: number;
  readonly workers: number;
  readonly minutes: number;
  readonly loadAverage: number;
}

/** Keys of the typing-trace bench this one replaced (a typist who never pressed Tab). */
const LEGACY = /^completion\.(ttft\d+\.|(keystrokes|files|seed|traceFiles|loadAverage|targetsMet|requestsPerKeystroke|wastedTokenShare|typeThroughRequests|overheadMsP50|overheadMsP95|pauseToGhostMsP50|pauseToGhostMsP95|cancelLatencyMsP95)$)/;

/** Sets the typing bench's keys (replacing all earlier ones, and the old trace bench's), keeping every other figure. */
export function mergeTypingResults(cells: readonly CellSummary[], checks: readonly Check[], meta: TypingMeta): void {
  mergeResults(typingValues(cells, checks, meta), (key) => key.startsWith(TYPING_PREFIX) || LEGACY.test(key));
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
    const rest = group === 'completion' ? entries.filter(([key]) => !key.startsWith(TYPING_PREFIX) && !isGrowthKey(key)) : entries;
    if (group === 'completion') out.push(...typingTables(results), ...growthTable(results));
    if (rest.length) {
      out.push('| figure | value |', '|---|---|');
      for (const [key, value] of rest) out.push(`| ${key.slice(group.length + 1)} | ${String(value)} |`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
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
