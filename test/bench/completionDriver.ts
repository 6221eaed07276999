// The editor the simulated person types into, driving the real engine the way VS Code does: every
// edit is observed at once (the adapter's document and selection listeners), the provider is called
// 50 ms after the last edit (VS Code's fixed delay for automatic calls) and cancelled by the next
// one, ghost text stays shown while the person types through it, with Rill's strategy a growing
// suggestion is re-queried at once (an explicit trigger, which VS Code does not delay while no call
// of its own is pending: a shown suggestion grows with no edit), a withdrawn one is hidden, and Tab
// inserts the ghost text and runs the item's command (engine.accepted); the next suggestion comes
// from the editor's own call after Tab (as from VS Code's: Rill does not trigger after Tab, which
// would only start VS Code's delay over).
// Anything Rill's adapter does on top (after Tab, on an engine event) must be mirrored here.
// Measures what the engine costs and what the person sees.
import { CompletionEngine, defaultEngineConfig } from '../../src/completion/engine';
import type { Clock } from '../../src/base/clock';
import type { RequestRecord } from '../../src/completion/requestRecord';
import type { Strategy } from '../../src/completion/strategies';
import type { CompletionAnswer, DocumentState } from '../../src/completion/types';
import type { LlmProvider } from '../../src/llm/types';
import type { Disposable } from '../../src/base/disposable';

export const VSCODE_DELAY_MS = 50;

export const realClock: Clock = {
  now: () => performance.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, ms));
    return { dispose: () => clearTimeout(handle) };
  },
};

export interface EditorMeasurements {
  /** Requests sent for a state the person reached by typing what the ghost text showed (some left). */
  typeThroughRequests: number;
  /** Requests sent after the person typed the last character of ghost text (prefetch's job). */
  requestsAfterGhostTypedWhole: number;
  /** A line received from the provider (while the call waited for it) to the provider call returning it. */
  overheadMs: number[];
  /** A further line received to the re-query returning it (growth). */
  growthOverheadMs: number[];
  /** Request id (x-bench-id) -> the edit whose observe() aborted it. */
  abortedByKeystrokeAt: Map<number, number>;
  records: Map<number, RequestRecord>;
}

/** The provider handed to the engine: tags each request with an id the fake server records. */
export interface TaggedProvider extends LlmProvider {
  /** Set by the editor around observe(): the edit any abort belongs to. */
  currentKeystrokeAt: number | undefined;
  /** Called with the request's prefix for each stream started. */
  onStream: ((prefix: string) => void) | undefined;
}

export interface Ghost {
  readonly text: string;
  readonly sessionId: number;
}

export function newMeasurements(): EditorMeasurements {
  return { typeThroughRequests: 0, requestsAfterGhostTypedWhole: 0, overheadMs: [], growthOverheadMs: [], abortedByKeystrokeAt: new Map(), records: new Map() };
}

export class SimulatedEditor implements Disposable {
  readonly engine: CompletionEngine;
  private _state: DocumentState | undefined;
  private _ghost: Ghost | undefined;
  /** How the state on screen was reached: typing ghost text (some left, or all of it), or otherwise. */
  private reachedBy: 'type-through' | 'ghost-typed-whole' | undefined;
  private call: { timer: ReturnType<typeof setTimeout>; controller: AbortController } | undefined;
  private readonly listeners = new Set<(ghost: Ghost | undefined, at: number) => void>();

  constructor(
    strategy: Strategy,
    private readonly provider: TaggedProvider,
    readonly m: EditorMeasurements,
  ) {
    // The peer never caps its streams; Rill and the naive strategies keep the adapter's 2.
    const maxStreamsPerDocument = strategy.closesStreams === false ? 16 : 2;
    this.engine = new CompletionEngine({ ...defaultEngineConfig(), strategy, maxStreamsPerDocument }, { provider: () => provider, clock: realClock });
    this.engine.log.onDidChange((record) => this.m.records.set(record.id, record));
    // Growing a suggestion on screen (and showing text for where the cursor rested) is Rill's
    // adapter's doing; the peers' adapters never re-query: the block-prefetch peer shows whole
    // answers, and the naive ones wait for the editor's next call.
    if (strategy.reuse && strategy.showsWhileStreaming !== false) this.engine.onDidGrow((e) => void this.regrow(e.receivedAt));
    // The adapter hides a suggestion the engine withdraws (its stream failed).
    this.engine.onDidWithdraw((e) => {
      if (e.uri === this._state?.uri) this.setGhost(undefined);
    });
    provider.onStream = (prefix) => {
      // A request for the state on screen (a prefetch is for the state after Tab).
      const state = this._state;
      if (!state || !this.reachedBy || !prefix.endsWith(state.prefix.slice(-200))) return;
      if (this.reachedBy === 'type-through') this.m.typeThroughRequests++;
      else this.m.requestsAfterGhostTypedWhole++;
    };
  }

  get state(): DocumentState {
    return this._state!;
  }
  get ghost(): Ghost | undefined {
    return this._ghost;
  }

  /** Called whenever the ghost text on screen changes (appears, grows, shrinks, goes). */
  onGhost(listener: (ghost: Ghost | undefined, at: number) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Opens a document with the cursor at the end of `prefix` (no provider call: nothing was typed). */
  open(state: DocumentState): void {
    this.cancelCall();
    this._state = state;
    this.setGhost(undefined);
    this.reachedBy = undefined;
    this.engine.observe(state, false);
  }

  /** One key that inserts `text` (a character, or Enter with the new line's indentation). */
  type(text: string): void {
    const ghost = this._ghost;
    const through = ghost !== undefined && ghost.text.length > text.length && ghost.text.startsWith(text);
    const whole = ghost !== undefined && ghost.text === text;
    // VS Code keeps showing the rest of a suggestion the person types through.
    this.edit({ ...this.state, prefix: this.state.prefix + text }, through ? { text: ghost.text.slice(text.length), sessionId: ghost.sessionId } : undefined);
    this.reachedBy = through ? 'type-through' : whole ? 'ghost-typed-whole' : undefined;
  }

  /** Deletes `count` characters before the cursor in one edit (a Backspace, or a selection and Backspace). */
  deleteBack(count: number): void {
    this.edit({ ...this.state, prefix: this.state.prefix.slice(0, this.state.prefix.length - count) }, undefined);
    this.reachedBy = undefined;
  }

  /** Tab: inserts the ghost text, then runs its item's command. Returns what was inserted. */
  accept(): string {
    const ghost = this._ghost!;
    this.edit({ ...this.state, prefix: this.state.prefix + ghost.text }, undefined);
    this.reachedBy = undefined;
    this.engine.accepted(ghost.sessionId);
    return ghost.text;
  }

  private edit(state: DocumentState, ghost: Ghost | undefined): void {
    this._state = state;
    this.setGhost(ghost);
    const at = performance.now();
    this.provider.currentKeystrokeAt = at;
    this.engine.observe(state, true);
    this.provider.currentKeystrokeAt = undefined;
    this.cancelCall();
    const controller = new AbortController();
    this.call = { controller, timer: setTimeout(() => void this.ask(controller), VSCODE_DELAY_MS) };
  }

  private cancelCall(): void {
    if (!this.call) return;
    clearTimeout(this.call.timer);
    this.call.controller.abort();
    this.call = undefined;
  }

  private async ask(controller: AbortController): Promise<void> {
    const state = this.state;
    const started = performance.now();
    const answer = await this.engine.provide({ ...state, trigger: 'automatic' }, controller.signal);
    if (controller.signal.aborted) return;
    const now = performance.now();
    // The text this call returns arrived while it waited: the engine's share of the latency.
    if (answer && answer.availableAt >= started) this.m.overheadMs.push(now - answer.availableAt);
    this.setGhost(answer && this.ghostOf(answer));
  }

  /** What the adapter does on a growth: VS Code re-queries the same state at once. */
  private async regrow(receivedAt: number): Promise<void> {
    const state = this._state;
    if (!state) return;
    const answer = await this.engine.provide({ ...state, trigger: 'explicit' }, new AbortController().signal);
    if (this._state !== state || !answer) return;
    this.m.growthOverheadMs.push(performance.now() - receivedAt);
    this.setGhost(this.ghostOf(answer));
  }

  private ghostOf(answer: CompletionAnswer): Ghost | undefined {
    // Tab replaces what the engine says it replaces; the bench's text has nothing right of the cursor.
    return answer.insertText && answer.replaceLength === 0 ? { text: answer.insertText, sessionId: answer.sessionId } : undefined;
  }

  private setGhost(ghost: Ghost | undefined): void {
    const before = this._ghost;
    this._ghost = ghost;
    if (before?.text === ghost?.text && before?.sessionId === ghost?.sessionId) return;
    const at = performance.now();
    for (const listener of this.listeners) listener(ghost, at);
  }

  dispose(): void {
    this.cancelCall();
    this.listeners.clear();
    this.engine.dispose();
  }
}
