// Replays a typing trace against the real engine the way VS Code drives it: every keystroke is
// observed at once (the adapter's document and selection listeners), the provider is called 50 ms
// after the last keystroke (VS Code's fixed delay) and cancelled by the next one, ghost text stays
// shown while the user types through it, and a growing suggestion is re-queried at once. Measures
// what the user sees and what the engine costs.
import { CompletionEngine, defaultEngineConfig } from '../../src/completion/engine';
import type { Clock } from '../../src/completion/clock';
import type { RequestRecord } from '../../src/completion/requestRecord';
import type { Strategy } from '../../src/completion/strategies';
import type { CompletionAnswer, DocumentState } from '../../src/completion/types';
import type { LlmProvider } from '../../src/llm/types';
import type { TypingSession } from './completionTrace';

export const VSCODE_DELAY_MS = 50;
/** A gap this long after a keystroke is a pause: the user looks for ghost text. */
export const PAUSE_MS = 500;

export const realClock: Clock = {
  now: () => performance.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, ms));
    return { dispose: () => clearTimeout(handle) };
  },
};

export interface DriverMeasurements {
  keystrokes: number;
  /** Requests sent for a state the user reached by typing what the ghost text showed (some left). */
  typeThroughRequests: number;
  /** Requests sent after the user typed the last character of ghost text (prefetch's job). */
  requestsAfterGhostTypedWhole: number;
  /** Keystroke (last before a pause) to ghost text visible: a type-through remainder counts at once. */
  pauseToGhostMs: number[];
  /** Keystroke (last before a pause) to the provider returning ghost text for that very state. */
  pauseToAnswerMs: number[];
  pausesWithoutGhost: number;
  /** A line received from the provider (while the call waited for it) to the provider call returning it. */
  overheadMs: number[];
  /** A further line received to the re-query returning it (growth). */
  growthOverheadMs: number[];
  /** Request id (x-bench-id) -> the keystroke whose observe() aborted it. */
  abortedByKeystrokeAt: Map<number, number>;
  records: Map<number, RequestRecord>;
}

/** The provider handed to the engine: tags each request with an id the fake server records. */
export interface TaggedProvider extends LlmProvider {
  /** Set by the driver around observe(): the keystroke time any abort belongs to. */
  currentKeystrokeAt: number | undefined;
  /** Called with the request's prefix for each stream started. */
  onStream: ((prefix: string) => void) | undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

export function newMeasurements(): DriverMeasurements {
  return {
    keystrokes: 0,
    typeThroughRequests: 0,
    requestsAfterGhostTypedWhole: 0,
    pauseToGhostMs: [],
    pauseToAnswerMs: [],
    pausesWithoutGhost: 0,
    overheadMs: [],
    growthOverheadMs: [],
    abortedByKeystrokeAt: new Map(),
    records: new Map(),
  };
}

export class SimulatedEditor {
  readonly engine: CompletionEngine;
  private state: DocumentState | undefined;
  /** Ghost text shown at the cursor (what Tab would insert). */
  private ghost = '';
  /** How the state on screen was reached: typing ghost text (some left, or all of it), or otherwise. */
  private reachedBy: 'type-through' | 'ghost-typed-whole' | undefined;
  private call: { timer: ReturnType<typeof setTimeout>; controller: AbortController } | undefined;
  /** The last keystroke before a pause: when ghost text for it became visible / answered. */
  private pause: { at: number; visibleAt?: number; answeredAt?: number } | undefined;

  constructor(
    strategy: Strategy,
    private readonly provider: TaggedProvider,
    readonly m: DriverMeasurements,
  ) {
    this.engine = new CompletionEngine({ ...defaultEngineConfig(), strategy, maxStreamsPerDocument: 2 }, { provider: () => provider, clock: realClock });
    this.engine.log.onDidChange((record) => this.m.records.set(record.id, record));
    // Growing a shown suggestion is Rill's adapter's doing; the naive strategies' peers do not.
    if (strategy.reuse) this.engine.onDidGrow((e) => void this.regrow(e.receivedAt));
    provider.onStream = (prefix) => {
      // A request for the state on screen (a prefetch is for the state after Tab).
      const state = this.state;
      if (!state || !this.reachedBy || !prefix.endsWith(state.prefix.slice(-200))) return;
      if (this.reachedBy === 'type-through') this.m.typeThroughRequests++;
      else this.m.requestsAfterGhostTypedWhole++;
      if (process.env.BENCH_DEBUG) console.error(this.reachedBy, 'request', JSON.stringify(state.prefix.slice(-40)), 'ghost left', JSON.stringify(this.ghost));
    };
  }

  async replay(session: TypingSession): Promise<void> {
    this.state = {
      uri: `file:///bench/${session.path}`,
      path: session.path,
      languageId: 'typescript',
      prefix: session.full.slice(0, session.start),
      suffix: session.full.slice(session.end),
      indentUnit: '  ',
      tabSize: 2,
    };
    this.ghost = '';
    this.engine.observe(this.state, false);
    let next = performance.now();
    for (let i = 0; i < session.keystrokes.length; i++) {
      const key = session.keystrokes[i];
      next += key.gapMs;
      await sleep(next - performance.now());
      const following = session.keystrokes[i + 1];
      this.keystroke(key.kind, key.text, following === undefined || following.gapMs >= PAUSE_MS);
    }
    await sleep(PAUSE_MS * 2);
    this.closePause();
  }

  private keystroke(kind: 'type' | 'backspace', text: string, pauseFollows: boolean): void {
    this.closePause();
    const state = this.state!;
    const at = performance.now();
    this.m.keystrokes++;
    const typeThrough = kind === 'type' && this.ghost.length > 0 && this.ghost.startsWith(text);
    this.state = kind === 'type' ? { ...state, prefix: state.prefix + text } : { ...state, prefix: state.prefix.slice(0, -1) };
    // VS Code keeps showing the rest of a suggestion the user types through.
    this.ghost = typeThrough ? this.ghost.slice(text.length) : '';
    this.reachedBy = !typeThrough ? undefined : this.ghost ? 'type-through' : 'ghost-typed-whole';
    this.provider.currentKeystrokeAt = at;
    this.engine.observe(this.state, true);
    this.provider.currentKeystrokeAt = undefined;
    if (pauseFollows) this.pause = { at, ...(this.ghost ? { visibleAt: at } : {}) };
    if (this.call) {
      clearTimeout(this.call.timer);
      this.call.controller.abort();
    }
    const controller = new AbortController();
    this.call = { controller, timer: setTimeout(() => void this.ask(controller), VSCODE_DELAY_MS) };
  }

  private async ask(controller: AbortController): Promise<void> {
    const state = this.state!;
    const started = performance.now();
    const answer = await this.engine.provide({ ...state, trigger: 'automatic' }, controller.signal);
    if (controller.signal.aborted) return;
    this.show(answer, started);
  }

  /** What the adapter does on a growth: VS Code re-queries the same state at once. */
  private async regrow(receivedAt: number): Promise<void> {
    const state = this.state;
    if (!state || !this.ghost) return;
    const answer = await this.engine.provide({ ...state, trigger: 'explicit' }, new AbortController().signal);
    if (this.state !== state || !answer) return;
    this.m.growthOverheadMs.push(performance.now() - receivedAt);
    if (process.env.BENCH_DEBUG && performance.now() - receivedAt > 20) console.error('slow growth', Math.round(performance.now() - receivedAt), JSON.stringify(answer.insertText.slice(-30)), answer.final);
    if (process.env.BENCH_DEBUG) console.log("grow", Math.round(performance.now() - receivedAt), JSON.stringify(answer.insertText.slice(-30)), answer.final);
    this.ghost = answer.insertText;
  }

  private show(answer: CompletionAnswer | undefined, started: number): void {
    const now = performance.now();
    this.ghost = answer?.insertText ?? '';
    if (!answer) return;
    // The text this call returns arrived while it waited: the engine's share of the latency.
    if (answer.availableAt >= started) {
      this.m.overheadMs.push(now - answer.availableAt);
      if (process.env.BENCH_DEBUG && now - answer.availableAt > 20) console.error('slow answer', Math.round(now - answer.availableAt), 'waited', Math.round(now - started), answer.source, JSON.stringify(answer.insertText.slice(0, 30)));
    }
    if (this.pause) {
      this.pause.visibleAt ??= now;
      this.pause.answeredAt ??= now;
    }
  }

  private closePause(): void {
    const pause = this.pause;
    if (!pause) return;
    this.pause = undefined;
    if (pause.visibleAt === undefined) this.m.pausesWithoutGhost++;
    else this.m.pauseToGhostMs.push(pause.visibleAt - pause.at);
    if (pause.answeredAt !== undefined) this.m.pauseToAnswerMs.push(pause.answeredAt - pause.at);
  }

  dispose(): void {
    if (this.call) clearTimeout(this.call.timer);
    this.engine.dispose();
  }
}
