// Medians over a cell's runs, and the targets of issue 11 checked on them. A latency figure whose
// median falls on misses is Infinity, which no target accepts; -1 means "no sample" (no pause, no
// cancel): the median is over the runs that had one, and n/a (neither met nor missed) only when
// none had.
import type { RunFigures } from './completionFigures';
import type { ModelKind, ModelProfile } from './completionModel';
import type { StrategyKey } from './completionRun';

export interface Cell {
  readonly model: ModelKind;
  readonly profile: string;
  readonly strategy: StrategyKey;
  readonly runs: readonly RunFigures[];
}

export interface CellSummary extends Cell {
  readonly median: RunFigures;
}

/** The median of `values`, runs with no sample (-1) left out; -1 when no run had one. */
export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => v !== -1).sort((a, b) => a - b);
  if (sorted.length === 0) return -1;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(cell: Cell): CellSummary {
  const keys = Object.keys(cell.runs[0]) as Array<keyof RunFigures>;
  const med = Object.fromEntries(keys.map((k) => [k, median(cell.runs.map((r) => r[k]))])) as unknown as RunFigures;
  return { ...cell, median: med };
}

/** Cells the targets read: they get the repeated runs. */
export function namedByTargets(model: ModelKind, strategy: StrategyKey): boolean {
  if (strategy === 'rill' || strategy === 'debounce350') return true;
  return strategy === 'blockPrefetch' && (model === 'exact' || model === 'firstLine');
}

export interface Check {
  readonly cell: string;
  readonly text: string;
  /** 'n/a': nothing to measure in this run (no pause, no cancel). */
  readonly result: 'ok' | 'MISS' | 'n/a';
}

const fmt = (n: number) => (n === Infinity ? 'miss' : String(Math.round(n * 1000) / 1000));

export function checkTargets(cells: readonly CellSummary[], profiles: readonly ModelProfile[]): Check[] {
  const checks: Check[] = [];
  const get = (model: ModelKind, profile: string, strategy: StrategyKey) => cells.find((c) => c.model === model && c.profile === profile && c.strategy === strategy)?.median;
  const add = (cell: string, text: string, ok: boolean | undefined) => checks.push({ cell, text, result: ok === undefined ? 'n/a' : ok ? 'ok' : 'MISS' });
  for (const profile of profiles) {
    for (const model of ['exact', 'firstLine', 'wrong', 'pastHole'] as const) {
      const rill = get(model, profile.name, 'rill');
      const debounce = get(model, profile.name, 'debounce350');
      if (!rill) continue;
      const cell = `${model} ${profile.name}`;
      add(cell, `requests per keystroke of the script ${fmt(rill.requestsPerKeystroke)} <= 0.15`, rill.requestsPerKeystroke <= 0.15);
      if (debounce) add(cell, `requests per keystroke of the script ${fmt(rill.requestsPerKeystroke)} <= debounce 350 ms's ${fmt(debounce.requestsPerKeystroke)}`, rill.requestsPerKeystroke <= debounce.requestsPerKeystroke);
      if (model === 'exact') add(cell, `tokens streamed / tokens written ${fmt(rill.tokensStreamedPerTokenWritten)} <= 1.5`, rill.tokensStreamedPerTokenWritten <= 1.5);
      if (model !== 'exact' && model !== 'firstLine') continue;
      const measured = (value: number, ok: boolean) => (value < 0 ? undefined : ok);
      const block = get(model, profile.name, 'blockPrefetch');
      if (block) {
        add(cell, `actions ${fmt(rill.actions)} <= 0.75 x block prefetch's ${fmt(block.actions)} = ${fmt(0.75 * block.actions)}`, rill.actions <= 0.75 * block.actions);
        add(cell, `chars per Tab ${fmt(rill.charsPerTab)} >= block prefetch's ${fmt(block.charsPerTab)}`, rill.charsPerTab >= block.charsPerTab);
      }
      add(cell, `Tab -> next ghost p50 ${fmt(rill.tabToGhostMsP50)} ms <= 50 ms`, measured(rill.tabToGhostMsP50, rill.tabToGhostMsP50 <= 50));
      const bound = profile.ttftMs + 100;
      add(cell, `pause -> ghost p50 ${fmt(rill.pauseToGhostMsP50)} ms <= TTFT + 100 = ${bound} ms (misses counted)`, measured(rill.pauseToGhostMsP50, rill.pauseToGhostMsP50 <= bound));
      add(cell, `requests while typing through ${fmt(rill.typeThroughRequests)} = 0`, rill.typeThroughRequests === 0);
    }
    // Streams are cancelled where the typing contradicts them: mostly with the wrong models.
    for (const model of ['exact', 'firstLine', 'wrong', 'pastHole'] as const) {
      const rill = get(model, profile.name, 'rill');
      if (rill && rill.cancels > 0) add(`${model} ${profile.name}`, `cancel latency p95 ${fmt(rill.cancelLatencyMsP95)} ms <= 10 ms (${rill.cancels} cancels)`, rill.cancelLatencyMsP95 <= 10);
    }
  }
  return checks;
}
