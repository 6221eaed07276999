// The completion engine: answers the editor's calls from live sessions, finished sessions and the
// cache when it can, and otherwise (after the throttle) starts a new session. It hears every
// keystroke first, so that a stream the user contradicts is aborted before the editor even asks.
import { isLlmError } from '../llm/errors';
import type { Logger } from '../llm/log';
import { silentLogger } from '../llm/log';
import { type BackendStats, BackendStatsByModel } from './backendStats';
import { Backoff } from './backoff';
import { CompletionCache } from './completionCache';
import { DenyList } from './denyList';
import { ghostEdit, type GhostEdit } from './edit';
import { Enablement } from './enablement';
import type { EngineConfig, EngineDeps, GrowEvent } from './engineConfig';
import { type EngineStatus, sameStatus, statusOf } from './engineStatus';
import { Emitter, type Disposable, type Event } from '../base/event';
import { Prefetcher, type ShownSuggestion } from './prefetcher';
import { RejectionBackoff } from './rejectionBackoff';
import type { PromptContext } from './prompt/promptContext';
import { SnippetIndex } from './prompt/snippets';
import { displayText, lineRest, sameState } from './displayText';
import { type Found, RequestManager, findInSession } from './requestManager';
import { describeEnd, type MutableRequestRecord, RequestLog, type SessionKind, newRecord } from './requestRecord';
import { type CompletionSite, completionSite } from './site';
import type { SuggestionSession, TypingVerdict } from './session';
import { startSession, type LastPrompt } from './startSession';
import type { Strategy } from './strategies';
import { isBlank, lastLine } from './text';
import { ThrottleGate } from './throttleGate';
import { type AnswerSource, type CompletionAnswer, type CompletionQuery, type ContextSource, type DocumentState, noContext } from './types';

export { defaultEngineConfig, type EngineConfig, type EngineDeps, type GrowEvent } from './engineConfig';

/** The ghost text last returned to the editor, and the state it was for. */
export interface Shown extends ShownSuggestion {
  readonly state: DocumentState;
  readonly session: SuggestionSession;
  readonly typed: string;
  readonly text: string;
  readonly edit: GhostEdit;
  /** A longer text already announced through onDidGrow. */
  announced?: string;
}

const ABORTED = Symbol('aborted');
/** How much a partial line must grow before the editor re-queries (each re-query has a cost). */
const PARTIAL_STEP_CHARS = 16;

export class CompletionEngine implements Disposable {
  readonly log = new RequestLog();
  readonly enablement: Enablement;
  private readonly manager: RequestManager;
  private readonly cache = new CompletionCache();
  private readonly gate: ThrottleGate;
  // The adapter's context ring (cache-friendly prompts); by default today's per-request similarity.
  private readonly index: PromptContext;
  private readonly stats = new BackendStatsByModel();
  private readonly backoff: Backoff;
  private readonly rejections = new RejectionBackoff();
  private readonly prefetcher: Prefetcher;
  private readonly logger: Logger;
  private readonly context: ContextSource;
  private denyList: DenyList;
  private nextId = 1;
  /** Counts stopAll / providerChanged / dispose: a start that began before the latest stop is dropped. */
  private stops = 0;
  private lastKeystrokeAt: number | undefined;
  private lastObserved: DocumentState | undefined;
  private shown: Shown | undefined;
  /** The state Tab made, while its next suggestion has not been announced or shown. */
  private afterTab: DocumentState | undefined;
  private model: string | undefined;
  private lastError: EngineStatus['error'];
  private lastLatencyMs: number | undefined;
  private status: EngineStatus | undefined;
  private _lastPrompt: LastPrompt | undefined;
  private readonly grew = new Emitter<GrowEvent>();
  /** The ghost text shown for the current state can now be longer: ask the editor to re-query. */
  readonly onDidGrow: Event<GrowEvent> = this.grew.event;
  private readonly withdrew = new Emitter<{ readonly uri: string }>();
  /** The ghost text shown in `uri` came from a stream that failed: the editor should hide it. */
  readonly onDidWithdraw: Event<{ readonly uri: string }> = this.withdrew.event;
  private readonly statusChanged = new Emitter<EngineStatus>();
  readonly onDidChangeStatus: Event<EngineStatus> = this.statusChanged.event;

  constructor(
    private config: EngineConfig,
    private readonly deps: EngineDeps,
  ) {
    this.logger = deps.logger ?? silentLogger;
    this.context = deps.context ?? noContext;
    this.index = deps.promptContext ?? new SnippetIndex();
    this.denyList = new DenyList(config.exclude);
    this.enablement = new Enablement(config.enablement, deps.clock);
    this.manager = new RequestManager(
      () => this.config.maxStreamsPerDocument,
      (session, verdict) => this.judged(session, verdict),
    );
    this.backoff = new Backoff(deps.clock);
    this.gate = new ThrottleGate(deps.clock);
    this.prefetcher = new Prefetcher(this.manager, (state, site) => this.start(state, site, 'prefetch'));
  }

  get strategy(): Strategy {
    return this.config.strategy;
  }
  get lastPrompt(): LastPrompt | undefined {
    return this._lastPrompt;
  }

  configure(config: Partial<EngineConfig>): void {
    this.config = { ...this.config, ...config };
    this.denyList = new DenyList(this.config.exclude);
    this.enablement.update(this.config.enablement);
    this.updateStatus();
  }

  isDenied(path: string): boolean {
    return this.denyList.isDenied(path);
  }

  /**
   * Every document change (`keystroke`) and cursor move. Streams the new state contradicts are
   * aborted here, before the editor's own (debounced) call.
   */
  observe(state: DocumentState, keystroke: boolean): void {
    const now = this.deps.clock.now();
    const changed = !this.lastObserved || !sameState(this.lastObserved, state);
    this.lastObserved = state;
    if (keystroke) {
      this.lastKeystrokeAt = now;
      this.config.strategy.throttle.noteKeystroke(now);
      if (this.config.strategy.abortOnKeystroke) this.manager.abortAll('superseded');
    }
    if (keystroke || changed) this.gate.cancel();
    if (this.shown && !sameState(this.shown.state, state)) this.shown = undefined;
    if (this.afterTab && !sameState(this.afterTab, state)) this.afterTab = undefined;
    this.manager.observe(state);
    this.updateStatus();
  }

  /** One call of the editor's inline completion provider. `signal`: the call is no longer wanted. */
  async provide(query: CompletionQuery, signal: AbortSignal): Promise<CompletionAnswer | undefined> {
    if (this.denyList.isDenied(query.path)) return undefined;
    const explicit = query.trigger === 'explicit';
    if (!explicit && this.enablement.availability(query.languageId) !== 'on') return undefined;
    if (!query.withSelectedSuggestion) this.observe(query, false);
    const reuse = this.config.strategy.reuse;
    if (reuse) {
      const existing = await this.answer(query, signal);
      if (existing === ABORTED) return undefined;
      if (existing) return existing;
    }
    if (this.config.strategy.oneRequestAtATime) {
      // A peer's way: the new request waits until none is in flight; the one that ended may answer.
      if (!(await this.manager.untilNoRequest(signal))) return undefined;
      const existing = reuse ? await this.answer(query, signal) : undefined;
      if (existing === ABORTED) return undefined;
      if (existing) return existing;
    }
    if (!explicit && (this.backoff.active || (reuse && this.manager.answeredNothingAt(query)))) return undefined;
    const site = completionSite(query);
    const kind: SessionKind = explicit ? 'explicit' : 'typing';
    const now = this.deps.clock.now();
    const budgets = this.statsFor(this.model).budgets(this.config.prompt.maxTokens);
    const delay = explicit ? 0 : Math.max(this.config.strategy.throttle.delayMs({ now, atLineStart: isBlank(site.linePrefix), capMs: budgets.throttleCapMs }), this.rejectionDelay(now));
    let record: MutableRequestRecord | undefined;
    if (delay > 0) {
      record = this.newRecord(query, kind);
      this.log.add(record);
      this.updateStatus();
      const fired = await this.gate.wait(delay, signal);
      if (!fired) {
        record.outcome = 'aborted';
        record.abortReason = 'superseded';
        record.endedAt = this.deps.clock.now();
        this.log.touch(record);
        this.updateStatus();
        return undefined;
      }
    }
    const session = await this.start(query, site, kind, record);
    if (!session || signal.aborted) return undefined;
    const own = await this.answer(query, signal, session);
    return own === ABORTED ? undefined : own;
  }

  /** Ghost text from the sessions (or only from `own`), waiting for a live one that may have it. */
  private async answer(query: CompletionQuery, signal: AbortSignal, own?: SuggestionSession): Promise<CompletionAnswer | typeof ABORTED | undefined> {
    for (;;) {
      if (signal.aborted) return ABORTED;
      const found = own ? findInSession(own, query) : this.manager.find(query);
      // A strategy that never streams shows a session's text only once its response ended.
      const showable = found?.kind === 'text' && (this.config.strategy.showsWhileStreaming !== false || !found.session.live);
      if (found?.kind === 'text' && showable) return this.show(query, found, own ? 'network' : 'session');
      if (found) {
        if (!(await found.session.nextChange(signal))) return ABORTED;
        continue;
      }
      if (!own) {
        const cached = this.cache.get(query);
        const answer = cached?.session.answer(cached.typed);
        if (cached && answer?.kind === 'text') return this.show(query, { kind: 'text', session: cached.session, answer }, 'cache');
      }
      return undefined;
    }
  }

  private show(query: CompletionQuery, found: Extract<Found, { kind: 'text' }>, source: AnswerSource): CompletionAnswer {
    const { session, answer } = found;
    const { typed, offset, replaceBefore } = answer;
    const restOfLine = lineRest(query);
    const text = displayText(restOfLine, session, offset, answer.text);
    const edit = ghostEdit(text, lastLine(query.prefix), restOfLine, replaceBefore);
    session.noteShown(offset, text);
    if (this.config.strategy.reuse) this.cache.set(query, { session, typed });
    this.shown = { state: query, session, typed, text, edit };
    this.afterTab = undefined;
    if (this.lastKeystrokeAt !== undefined) this.lastLatencyMs = Math.round(this.deps.clock.now() - this.lastKeystrokeAt);
    if (this.config.strategy.prefetch) this.prefetcher.consider(this.shown, this.prefetchAllowed(query.languageId));
    this.updateStatus();
    return { sessionId: session.id, insertText: edit.insertText, replaceBefore: edit.replaceBefore, replaceLength: edit.replaceLength, source, final: !session.live, availableAt: session.lastChangeCauseAt };
  }

  private newRecord(state: DocumentState, kind: SessionKind): MutableRequestRecord {
    const now = this.deps.clock.now();
    return newRecord({ id: this.nextId++, kind, languageId: state.languageId, model: this.model ?? '', keystrokeAt: this.lastKeystrokeAt, requestedAt: now });
  }

  private async start(state: DocumentState, site: CompletionSite, kind: SessionKind, record?: MutableRequestRecord): Promise<SuggestionSession | undefined> {
    const stopsAtStart = this.stops;
    const own = record ?? this.newRecord(state, kind);
    if (!record) this.log.add(own);
    const session = await startSession(
      {
        provider: this.deps.provider,
        clock: this.deps.clock,
        manager: this.manager,
        log: this.log,
        index: this.index,
        budgets: (model) => this.rejections.limit(this.statsFor(model).budgets(this.config.prompt.maxTokens)),
        documents: () => this.context.openDocuments().filter((d) => d.uri !== state.uri && !this.denyList.isDenied(d.path)),
        prompt: this.config.prompt,
        maxLifetimeMs: this.config.maxLifetimeMs,
        stillWanted: () => this.stops === stopsAtStart,
        strategy: this.config.strategy,
      },
      state,
      site,
      kind,
      own,
      (prompt) => {
        // What produced the ghost text the user sees; prefetches are built the same way.
        if (prompt.kind !== 'prefetch') this._lastPrompt = prompt;
        this.model = prompt.model;
      },
      (error) => this.failed(error),
    );
    if (session) {
      session.onDidChange(() => this.sessionChanged(session));
      this.updateStatus();
    }
    return session;
  }

  private sessionChanged(session: SuggestionSession): void {
    this.announceAfterTab();
    const shown = this.shown;
    if (shown?.session === session && session.abortReason === 'error') {
      // Cut by an error before its line or block ended: what is on screen must not be taken for whole.
      this.shown = undefined;
      this.withdrew.fire({ uri: shown.state.uri });
    } else if (shown?.session === session) {
      const answer = session.answer(shown.typed);
      // A partial line (shown after a slow model's cut-off) grows in chunks, not word by word.
      const grown = answer.kind === 'text' && (!answer.partial || !session.live || answer.text.length >= (shown.announced ?? shown.text).length + PARTIAL_STEP_CHARS);
      const text = grown ? displayText(lineRest(shown.state), session, answer.offset, answer.text) : undefined;
      if (text !== undefined && text !== shown.text && text !== shown.announced) {
        shown.announced = text;
        this.grew.fire({ uri: shown.state.uri, final: !session.live, receivedAt: session.lastChangeCauseAt });
      }
      // Prefetch from what will stay shown: a final answer that differs is shown first (growth).
      if (!session.live && this.config.strategy.prefetch && text === shown.text) this.prefetcher.consider(shown, this.prefetchAllowed(shown.state.languageId));
    }
    if (!session.live) {
      this.logger.debug(describeEnd(session.record));
      this.statsFor(session.record.model).note(session.record);
    }
    // A failed stream shows its error; a stream the server answers (a block may stream on long
    // after its first line was shown) means the error is over.
    if (!session.live && session.abortReason === 'error') this.failed(session.error);
    else if (session.record.firstByteAt !== undefined) this.lastError = undefined;
    this.updateStatus();
  }

  private failed(error: unknown): void {
    this.backoff.note(error);
    const kind = isLlmError(error) ? error.kind : 'unknown';
    const message = error instanceof Error ? error.message : String(error);
    this.lastError = { kind, message };
    this.logger.warn(`Completion request failed (${kind}): ${message}`);
    this.updateStatus();
  }

  /** From the inline completion item's command: the user pressed Tab on this session's text. */
  accepted(sessionId: number): void {
    this.findSession(sessionId)?.noteAccepted();
    this.prefetcher.accepted(sessionId);
    this.rejections.noteAccepted();
    // The next suggestion may already be here (the rest of the stream, or the prefetch), or come
    // in a moment: the editor is asked to show it then, rather than after its own delay.
    this.afterTab = this.config.strategy.reuse ? this.lastObserved : undefined;
    this.announceAfterTab();
  }

  /** After Tab, the first text the sessions have for the state Tab made: a growth shows it. */
  private announceAfterTab(): void {
    const state = this.afterTab;
    if (!state || this.shown) return;
    const found = this.manager.find(state);
    if (found?.kind !== 'text') return;
    this.afterTab = undefined;
    this.grew.fire({ uri: state.uri, final: !found.session.live, receivedAt: found.session.lastChangeCauseAt });
  }

  /** The user's typing contradicted a session, or wrote all of it: what the back-off learns from. */
  private judged(session: SuggestionSession, verdict: TypingVerdict): void {
    if (!this.config.strategy.backoffOnRejection) return;
    if (verdict === 'contradicted') this.rejections.noteContradicted(session.agreedChars);
    else this.rejections.noteAccepted();
  }

  /** While suggestions keep being contradicted, no request before this long after the last keystroke. */
  private rejectionDelay(now: number): number {
    const debounce = this.rejections.debounceMs;
    return debounce > 0 ? Math.max(0, debounce - (now - (this.lastKeystrokeAt ?? now))) : 0;
  }

  /** Whether a speculative request may go out now: not after errors, nor for a model that keeps missing. */
  private prefetchAllowed(languageId: string): boolean {
    return this.enablement.availability(languageId) === 'on' && !this.backoff.active && !this.rejections.active;
  }

  private findSession(id: number): SuggestionSession | undefined {
    if (this.shown?.session.id === id) return this.shown.session;
    return this.manager.byId(id);
  }

  /** The provider or model changed: nothing streamed or cached so far applies any more. */
  providerChanged(): void {
    this.stops++;
    this.manager.abortAll('disabled');
    this.cache.clear();
    this.backoff.reset();
    this.rejections.reset();
    this.lastError = undefined;
    this.shown = undefined;
    this.updateStatus();
  }

  /** Aborts every stream (completion turned off or snoozed). */
  stopAll(): void {
    this.stops++;
    this.gate.cancel();
    this.manager.abortAll('disabled');
    this.updateStatus();
  }

  backend(model: string | undefined = this.model): BackendStats {
    return this.statsFor(model);
  }

  private statsFor(model: string | undefined): BackendStats {
    return this.stats.get(model);
  }

  currentStatus(): EngineStatus {
    return statusOf({
      enablement: this.enablement,
      lastError: this.lastError,
      streaming: this.manager.liveSessions().some((s) => s.kind !== 'prefetch'),
      waiting: this.gate.waiting,
      lastLatencyMs: this.lastLatencyMs,
      model: this.model,
      stats: this.model === undefined ? undefined : this.statsFor(this.model),
      pausedUntil: this.backoff.pausedUntil,
    });
  }

  private updateStatus(): void {
    const status = this.currentStatus();
    if (sameStatus(this.status, status)) return;
    this.status = status;
    this.statusChanged.fire(status);
  }

  dispose(): void {
    this.stops++;
    this.gate.cancel();
    this.manager.dispose();
    this.log.dispose();
    this.grew.dispose();
    this.withdrew.dispose();
    this.statusChanged.dispose();
  }
}
