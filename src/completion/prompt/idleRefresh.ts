// When the context ring may change, and the warm-up that follows. Every keystroke or cursor move
// restarts an idle timer (on the injected clock); once the user has been idle for `idleMs`, or when
// another document gets the focus (a file switch ends any burst), the ring is refilled. If that
// changed the start of the prompt, one warm-up request lets a local server read the new prompt
// (llama.cpp `n_predict: 0`, one token on Ollama) before the next keystroke asks for a completion,
// which then shares that start. The ring therefore never changes between two keystrokes of a burst.
// Warm-ups are not completions: they leave no request record.
import type { Disposable } from '../../base/disposable';
import { Emitter, type Event } from '../../base/event';
import type { Logger } from '../../base/logger';
import type { LlmProvider, WarmUpOutcome } from '../../llm/types';
import type { Clock } from '../../base/clock';
import { completionSite } from '../site';
import type { DocumentState, OpenDocument } from '../types';
import { buildFimRequest, type PromptOptions } from './buildRequest';
import type { ContextRing } from './contextRing';

/** No keystroke and no cursor move for this long: the user is idle (llama.vscode refreshes its ring on a 1 s tick). */
export const IDLE_MS = 1000;

export interface IdleRefreshDeps {
  readonly clock: Clock;
  readonly ring: ContextRing;
  readonly provider: () => LlmProvider | Promise<LlmProvider>;
  /** Documents allowed as context (trust and deny-list applied), the focused one included. */
  readonly documents: () => readonly OpenDocument[];
  /** The focused document at the cursor, or undefined (no editor, or one that gets no completion). */
  readonly focus: () => DocumentState | undefined;
  /** The prompt options completions use now (their context budget decides the prompt's layout). */
  readonly promptOptions: () => PromptOptions;
  /** Whether automatic completion is on for this document now (off, snoozed, paused: no warm-up). */
  readonly completionOn: (state: DocumentState) => boolean;
  readonly idleMs?: number;
  readonly logger?: Logger;
}

export interface RefreshEvent {
  readonly at: number;
  /** What ended the wait: the idle timer, or a change of focus. */
  readonly cause: 'idle' | 'focus';
  readonly changed: boolean;
  /** The document the refill took as the focus (its uri): none when no editor may get completions. */
  readonly focus: string | undefined;
  /** Set once the warm-up it caused has ended. */
  readonly warmUp?: WarmUpOutcome;
}

export class IdleRefresh implements Disposable {
  private timer: Disposable | undefined;
  private warming: AbortController | undefined;
  private disposed = false;
  private readonly refreshed = new Emitter<RefreshEvent>();
  /** After each refill, and again when the warm-up it caused has ended. */
  readonly onDidRefresh: Event<RefreshEvent> = this.refreshed.event;

  constructor(private readonly deps: IdleRefreshDeps) {}

  /** A keystroke or a cursor move in the focused document: the user is not idle. */
  activity(): void {
    this.timer?.dispose();
    this.timer = this.deps.clock.setTimeout(() => this.refresh('idle'), this.deps.idleMs ?? IDLE_MS);
  }

  /** Another document has the focus: refill now (the prompt's windows change anyway). */
  focusChanged(): void {
    this.refresh('focus');
  }

  private refresh(cause: RefreshEvent['cause']): void {
    this.timer?.dispose();
    this.timer = undefined;
    if (this.disposed) return;
    const focus = this.deps.focus();
    const options = this.deps.promptOptions();
    const documents = this.deps.documents();
    const changed = this.deps.ring.refill({ documents, focus, contextTokens: options.contextTokens });
    const at = this.deps.clock.now();
    this.refreshed.fire({ at, cause, changed, focus: focus?.uri });
    if (changed && focus && this.deps.completionOn(focus)) {
      const others = documents.filter((d) => d.uri !== focus.uri);
      void this.warmUp(focus, others, options).then((warmUp) => this.refreshed.fire({ at, cause, changed, focus: focus.uri, warmUp }));
    }
  }

  /** Sends the prompt a completion for `focus` would send, asking for no text; a newer warm-up replaces it. */
  private async warmUp(focus: DocumentState, others: readonly OpenDocument[], options: PromptOptions): Promise<WarmUpOutcome> {
    this.warming?.abort();
    const controller = new AbortController();
    this.warming = controller;
    try {
      const provider = await this.deps.provider();
      if (!provider.warmUp) return 'not-supported';
      if (controller.signal.aborted) return 'aborted';
      const request = buildFimRequest(focus, completionSite(focus), others, this.deps.ring, options);
      const outcome = await provider.warmUp(request, controller.signal);
      if (outcome === 'failed') this.deps.logger?.info('Warm-up request failed; the next completion reads the new context itself.');
      return outcome;
    } catch {
      return 'failed';
    } finally {
      if (this.warming === controller) this.warming = undefined;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.dispose();
    this.warming?.abort();
    this.refreshed.dispose();
  }
}
