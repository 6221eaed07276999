// The typing bench's results as flat keys for latest.json, and as tables for latest.md (rebuilt
// from latest.json alone, since every bench regenerates the file) and for the console.
import type { RunFigures } from './completionFigures';
import { MODELS, PROFILES } from './completionModel';
import { STRATEGIES } from './completionRun';
import type { CellSummary, Check } from './completionTargets';
import type { TypingMeta } from './completionResults';

export const TYPING_PREFIX = 'completion.typing.';

/** Figures whose spread over a cell's runs is kept beside the median. */
const SPREAD: ReadonlyArray<keyof RunFigures> = ['actions', 'charsPerTab', 'requestsPerKeystroke', 'tabToGhostMsP50', 'pauseToGhostMsP50', 'cancelLatencyMsP95'];

const json = (n: number) => (Number.isFinite(n) ? n : null);

export function typingValues(cells: readonly CellSummary[], checks: readonly Check[], meta: TypingMeta): Record<string, unknown> {
  const values: Record<string, unknown> = {
    [`${TYPING_PREFIX}script`]: meta.blocks.map((b) => `${b.path} (${b.end - b.start} chars)`).join(', '),
    [`${TYPING_PREFIX}chars`]: meta.chars,
    [`${TYPING_PREFIX}seed`]: meta.seed,
    [`${TYPING_PREFIX}sideBySide`]: meta.workers,
    [`${TYPING_PREFIX}minutes`]: Math.round(meta.minutes * 10) / 10,
    // Timing figures are only as good as the machine was quiet.
    [`${TYPING_PREFIX}loadAverage`]: Math.round(meta.loadAverage * 10) / 10,
    [`${TYPING_PREFIX}targetsMissed`]: checks.filter((c) => c.result === 'MISS').length,
    [`${TYPING_PREFIX}targetsMet`]: checks.every((c) => c.result !== 'MISS'),
    [`${TYPING_PREFIX}checks`]: checks.map((c) => `${c.result} ${c.cell}: ${c.text}`),
  };
  for (const cell of cells) {
    const key = `${TYPING_PREFIX}${cell.model}.${cell.profile}.${cell.strategy}`;
    values[`${key}.runs`] = cell.runs.length;
    for (const [figure, value] of Object.entries(cell.median)) values[`${key}.${figure}`] = json(value as number);
    if (cell.runs.length > 1) {
      for (const figure of SPREAD) {
        const all = cell.runs.map((r) => r[figure]);
        values[`${key}.range.${figure}`] = [json(Math.min(...all)), json(Math.max(...all))];
      }
    }
  }
  return values;
}

const ms = (v: unknown) => (v === null ? 'miss' : v === -1 || v === undefined ? 'n/a' : String(v));

function withRange(results: Record<string, unknown>, key: string, figure: string): string {
  const median = results[`${key}.${figure}`];
  const range = results[`${key}.range.${figure}`] as [number | null, number | null] | undefined;
  const text = ms(median);
  return range && range[0] !== range[1] ? `${text} (${ms(range[0])}–${ms(range[1])})` : text;
}

export function typingTables(results: Record<string, unknown>): string[] {
  if (results[`${TYPING_PREFIX}chars`] === undefined) return [];
  const r = (name: string) => results[`${TYPING_PREFIX}${name}`];
  const out = [
    '### Typing as a person uses Rill',
    '',
    `Script: ${String(r('chars'))} characters in ${String(r('script'))}, seed ${String(r('seed'))}; every cell writes all of it. ` +
      `${String(r('sideBySide'))} runs side by side, ${String(r('minutes'))} min in all, load average ${String(r('loadAverage'))} at the end (each run's own beside it). ` +
      'Cells with several runs show the median and (min–max). Actions = keys + Tabs + deletions. Requests per keystroke of the script = requests / characters written (the keys writing it by hand takes; every strategy writes the same script, so this compares request counts); requests per action is beside it in brackets, reported without a target (saving actions raises it). Latencies: "miss" when the median falls on pauses (or Tabs) with no ghost text before the next action; "n/a" when there was none to measure.',
    '',
    `**Targets missed: ${String(r('targetsMissed'))}** (Rill's figures; exact and first-line models at every profile, requests on every model).`,
    '',
    ...((r('checks') as string[] | undefined) ?? []).map((line) => `- ${line}`),
    '',
  ];
  for (const model of MODELS) {
    const any = PROFILES.some((p) => STRATEGIES.some(([s]) => results[`${TYPING_PREFIX}${model}.${p.name}.${s}.runs`] !== undefined));
    if (!any) continue;
    out.push(
      `#### Model: ${model}`,
      '',
      '| profile | strategy | runs | actions (keys+Tabs+deletions) | chars/Tab | requests/keystroke of the script (per action) | tokens/char | streamed/written tokens | tokens not shown | shown, not kept (chars) | Tab→ghost p50 / p95 ms (misses/Tabs) | pause→ghost p50 / p95 ms (misses/pauses) | pauses with ghost already | cancel p95 ms | requests typing through | s | load |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const profile of PROFILES) {
      for (const [strategy] of STRATEGIES) {
        const key = `${TYPING_PREFIX}${model}.${profile.name}.${strategy}`;
        const f = (figure: string) => results[`${key}.${figure}`];
        if (f('runs') === undefined) continue;
        out.push(
          `| ${profile.name} (${profile.ttftMs} ms, ${profile.tokensPerSec} tok/s) | ${strategy} | ${String(f('runs'))} | ${withRange(results, key, 'actions')} = ${String(f('keys'))}+${String(f('tabs'))}+${String(f('deletions'))} | ${withRange(results, key, 'charsPerTab')} | ${withRange(results, key, 'requestsPerKeystroke')}${f('requestsPerAction') === undefined ? '' : ` (${String(f('requestsPerAction'))})`} | ${String(f('tokensPerCharWritten'))} | ${String(f('tokensStreamedPerTokenWritten'))} | ${String(f('tokensNotShown'))} | ${String(f('shownNotKeptChars'))} | ${withRange(results, key, 'tabToGhostMsP50')} / ${ms(f('tabToGhostMsP95'))} (${String(f('tabToGhostMisses'))}/${String(f('tabToGhostSamples'))}) | ${withRange(results, key, 'pauseToGhostMsP50')} / ${ms(f('pauseToGhostMsP95'))} (${String(f('pauseMisses'))}/${String(f('pauses'))}) | ${String(f('pausesWithGhostShare'))} | ${withRange(results, key, 'cancelLatencyMsP95')} | ${String(f('typeThroughRequests'))} | ${String(f('seconds'))} | ${String(f('loadAverage'))} |`,
        );
      }
    }
    out.push('');
  }
  return out;
}

/** What the console shows at the end: the targets. */
export function typingLines(_cells: readonly CellSummary[], checks: readonly Check[]): string[] {
  return checks.map((c) => `  ${c.result.padEnd(4)} ${c.cell}: ${c.text}`);
}
