// One run's figures (one model x profile x strategy, the whole script written once): from the
// person's counts, the editor's measurements and the fake server's records. Misses (no ghost text
// before the person's next action) are Infinity in the latency lists, so a median that falls on
// them is a miss, not a number; JSON carries them as null.
import { percentile } from '../../src/completion/recentFigures';
import type { RecordedRequest } from '../fake-llm/server';
import type { EditorMeasurements } from './completionDriver';
import type { PersonFigures } from './completionPerson';

export interface RunFigures {
  /** Characters and (fake server) tokens of the blocks written. */
  readonly charsWritten: number;
  readonly tokensWritten: number;
  readonly keys: number;
  readonly tabs: number;
  readonly deletions: number;
  /** keys + Tabs + deletions: what it took to write the blocks. */
  readonly actions: number;
  /** Characters Tab inserted that were kept, per Tab. */
  readonly charsPerTab: number;
  readonly requests: number;
  /**
   * Requests per keystroke of the script: per character written, the keys a person needs to write it
   * by hand. Every strategy writes the same script, so this compares request counts like for like.
   */
  readonly requestsPerKeystroke: number;
  /**
   * Requests per action the person took (keys, Tabs, deletions). Reported, not a target: a strategy
   * that saves actions raises it (at one request per block and the floor of 2-3 keys and a Tab per
   * block it is about 0.3), so it would rank the strategy that makes the person work most as best.
   */
  readonly requestsPerAction: number;
  readonly tokensStreamed: number;
  readonly tokensPerCharWritten: number;
  readonly tokensStreamedPerTokenWritten: number;
  /** Tokens the server streamed whose text never reached the person (after a suggestion ended, or never shown). */
  readonly tokensNotShown: number;
  readonly shownNotKeptChars: number;
  readonly tabToGhostMsP50: number;
  readonly tabToGhostMsP95: number;
  readonly tabToGhostSamples: number;
  readonly tabToGhostMisses: number;
  readonly pauseToGhostMsP50: number;
  readonly pauseToGhostMsP95: number;
  readonly pauses: number;
  readonly pauseMisses: number;
  /** Share of pauses that began with ghost text already on screen (not in the pause figures). */
  readonly pausesWithGhostShare: number;
  readonly cancelLatencyMsP95: number;
  readonly cancels: number;
  readonly typeThroughRequests: number;
  readonly requestsAfterGhostTypedWhole: number;
  readonly overheadMsP95: number;
  readonly seconds: number;
  readonly loadAverage: number;
}

const round = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? -1 : Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : n);

export interface RunInputs {
  readonly person: PersonFigures;
  readonly editor: EditorMeasurements;
  readonly requests: readonly RecordedRequest[];
  readonly charsWritten: number;
  readonly tokensWritten: number;
  readonly seconds: number;
  readonly loadAverage: number;
}

export function figuresOf({ person: p, editor: m, requests, charsWritten, tokensWritten, seconds, loadAverage }: RunInputs): RunFigures {
  const completions = requests.filter((r) => r.endpoint === 'openai-completions');
  const tokensStreamed = completions.reduce((sum, r) => sum + r.tokensSent, 0);
  // Tokens whose text reached the person (shown, typed through, accepted), by the engine's account.
  const used = [...m.records.values()].reduce((sum, r) => sum + Math.max(0, r.tokensOut - r.tokensWasted), 0);
  const cancels: number[] = [];
  for (const r of completions) {
    const keystrokeAt = m.abortedByKeystrokeAt.get(Number(r.headers['x-bench-id']));
    if (keystrokeAt !== undefined && r.closedByClientAt !== undefined) cancels.push(r.closedByClientAt - keystrokeAt);
  }
  const actions = p.keys + p.tabs + p.deletions;
  return {
    charsWritten,
    tokensWritten,
    keys: p.keys,
    tabs: p.tabs,
    deletions: p.deletions,
    actions,
    charsPerTab: round(p.tabs === 0 ? 0 : p.tabKeptChars / p.tabs, 1),
    requests: completions.length,
    requestsPerKeystroke: round(completions.length / charsWritten, 3),
    requestsPerAction: round(completions.length / actions, 3),
    tokensStreamed,
    tokensPerCharWritten: round(tokensStreamed / charsWritten, 3),
    tokensStreamedPerTokenWritten: round(tokensStreamed / tokensWritten, 3),
    tokensNotShown: Math.max(0, Math.round(tokensStreamed - used)),
    shownNotKeptChars: p.shownNotKeptChars,
    tabToGhostMsP50: round(percentile(p.tabToGhostMs, 50), 0),
    tabToGhostMsP95: round(percentile(p.tabToGhostMs, 95), 0),
    tabToGhostSamples: p.tabToGhostMs.length,
    tabToGhostMisses: p.tabToGhostMs.filter((ms) => ms === Infinity).length,
    pauseToGhostMsP50: round(percentile(p.pauseToGhostMs, 50), 0),
    pauseToGhostMsP95: round(percentile(p.pauseToGhostMs, 95), 0),
    pauses: p.pauses,
    pauseMisses: p.pauseToGhostMs.filter((ms) => ms === Infinity).length,
    pausesWithGhostShare: round(p.pauses === 0 ? 0 : p.pausesWithGhostVisible / p.pauses, 2),
    cancelLatencyMsP95: round(percentile(cancels, 95)),
    cancels: cancels.length,
    typeThroughRequests: m.typeThroughRequests,
    requestsAfterGhostTypedWhole: m.requestsAfterGhostTypedWhole,
    overheadMsP95: round(percentile(m.overheadMs, 95)),
    seconds: round(seconds, 1),
    loadAverage: round(loadAverage, 1),
  };
}

/** JSON has no Infinity: a miss travels as null. */
export function toJson(figures: RunFigures): Record<string, number | null> {
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Number.isFinite(v) ? (v as number) : null]));
}

export function fromJson(json: Record<string, number | null>): RunFigures {
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, v === null ? Infinity : v])) as unknown as RunFigures;
}
