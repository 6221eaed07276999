// What one soak run measured, as written by the host test (soak.json next to its report) and
// printed as a table by `npm run soak`. Plain data: no vscode import, both sides read it.
import type { ChatSoakFigures } from './chatSoak';
import type { CompletionSoakFigures } from './completionSoak';
import type { LiveTimer } from './timerTracker';

export const SOAK_FILE = 'soak.json';

export interface SoakFigures {
  readonly vscodeVersion: string;
  readonly seed: number;
  /** The wire formats played (faultWires.ts ids). */
  readonly wires: { readonly chat: string; readonly completion: string };
  readonly durationMs: number;
  readonly completion: CompletionSoakFigures;
  readonly chat: ChatSoakFigures;
  /** Generation requests the fake server received (completions, chat). */
  readonly serverRequests: { readonly completion: number; readonly chat: number };
  /** Sockets open to the fake server the moment the load stopped (keep-alive ones included). */
  readonly openConnectionsAtEnd: number;
  /** How long until none was left (measured, never asserted: keep-alive closes them after seconds). */
  readonly socketsClosedAfterMs: number;
  /** Sockets open to the fake server once the soak settled. */
  readonly openConnections: number;
  /** Timers created during the soak by Rill's code and still alive once it settled. */
  readonly liveRillTimers: readonly LiveTimer[];
  readonly timersCreated: number;
  /** Active handles by type, after minus before (process.getActiveResourcesInfo()). */
  readonly resourcesDelta: Readonly<Record<string, number>>;
  /** Listeners on process events, after minus before. */
  readonly processListenersDelta: Readonly<Record<string, number>>;
  /** Listeners on Rill's own emitters that could be reached, after minus before. */
  readonly rillListenersDelta: Readonly<Record<string, number>>;
  readonly heapBeforeBytes: number;
  readonly heapAfterBytes: number;
  readonly unhandledRejections: readonly string[];
  readonly uncaughtExceptions: readonly string[];
}

/** Heap growth a soak may show (after GC). */
export const HEAP_GROWTH_LIMIT_BYTES = 10 * 1024 * 1024;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const entries = (r: Readonly<Record<string, number>>) =>
  Object.keys(r).length === 0
    ? 'none'
    : Object.entries(r)
        .map(([k, v]) => `${k} ${v > 0 ? '+' : ''}${v}`)
        .join(', ');

/** The soak's figures as rows of a two-column table (what, figure). */
export function soakRows(f: SoakFigures): [string, string][] {
  const c = f.completion;
  const outcomes = Object.entries(c.outcomes)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    ['VS Code', f.vscodeVersion],
    ['seed', String(f.seed)],
    ['wires (chat, completion)', `${f.wires.chat}, ${f.wires.completion}`],
    ['duration', `${(f.durationMs / 1000).toFixed(1)} s`],
    ['completion calls (editor provide)', `${c.calls} (${c.awaitedCalls} awaited, ${c.cancelled} cancelled by the next key, ${c.explicit} explicit)`],
    ['ghost text returned / accepted / typed through', `${c.answered} / ${c.accepted} / ${c.typedThrough}`],
    ['completion requests to the server', String(f.serverRequests.completion)],
    ['engine request outcomes', outcomes],
    ['slowest awaited completion call', `${c.slowestAwaitedCallMs} ms`],
    ['chat streams', `${f.chat.streams} in ${f.chat.conversations} conversations (${f.chat.stoppedAtOnce} stopped at once, ${f.chat.stoppedAfterText} after some text, ${f.chat.interruptedByNextQuestion} interrupted by a new question)`],
    ['chat answers by status', entries(f.chat.statuses).replace(/\+/g, '')],
    ['chat requests to the server', String(f.serverRequests.chat)],
    ['open sockets to the fake server when the load stopped', `${f.openConnectionsAtEnd} (none left after ${(f.socketsClosedAfterMs / 1000).toFixed(1)} s)`],
    ['open sockets to the fake server after', String(f.openConnections)],
    ['live Rill timers after', `${f.liveRillTimers.length} (of ${f.timersCreated} timers created during the soak)`],
    ['active handles, after - before', entries(f.resourcesDelta)],
    ['process listeners, after - before', entries(f.processListenersDelta)],
    ['Rill emitter listeners, after - before', entries(f.rillListenersDelta)],
    ['heap after GC, before -> after', `${mb(f.heapBeforeBytes)} -> ${mb(f.heapAfterBytes)} (${f.heapAfterBytes >= f.heapBeforeBytes ? '+' : ''}${mb(f.heapAfterBytes - f.heapBeforeBytes)}; limit +${mb(HEAP_GROWTH_LIMIT_BYTES)})`],
    ['unhandled rejections / uncaught exceptions', `${f.unhandledRejections.length} / ${f.uncaughtExceptions.length}`],
  ];
}

export function soakTable(f: SoakFigures): string {
  const rows = soakRows(f);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}
