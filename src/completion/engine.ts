// The completion engine: answers the editor's calls from live sessions, finished sessions and the
// cache when it can, and otherwise (after the throttle) starts a new session. It hears every
// keystroke first, so that a stream the user contradicts is aborted before the editor even asks.
//
// The path of a keystroke: observe() (the request manager judges every session against the new
// state) -> the editor calls provide() -> answer() from the sessions or the cache -> else the
// throttle, then SessionStarter -> startSession -> a SuggestionSession streams -> its one listener,
// sessionChanged(): the manager judges the new text, then OnScreen grows or withdraws what is shown.
import type { Logger } from '../base/logger';
import { silentLogger } from '../base/logger';
import type { Disposable } from '../base/disposable';
import type { Event } from '../base/event';
import { ABORTED, Answerer } from './answerer';
import { sameState } from './displayText';
import { DenyList } from './denyList';
import { Enablement } from './enablement';
import type { EngineConfig, EngineDeps, GrowEvent } from './engineConfig';
import { EngineHealth } from './engineHealth';
import { type EngineStatus, StatusReporter, statusOf } from './engineStatus';
import { ModelEndTrust } from './modelEndTrust';
import { OnScreen, type Shown } from './onScreen';
import { Prefetcher } from './prefetcher';
import type { RecordKeeper } from './recordKeeper';
import { RequestManager } from './requestManager';
import { describeEnd, RequestLog } from './requestRecord';
import type { SuggestionSession, TypingVerdict } from './session';
import { SessionStarter } from './sessionStarter';
import { type CompletionSite, completionSite } from './site';
import type { LastPrompt } from './startSession';
import { RestRequest } from './restRequest';
import { TailTrust } from './tailTrust';
import { isBlank } from './text';
import { ThrottleGate } from './throttleGate';
import { worthWaitingForFirstToken } from './slotWait';
import { type CompletionAnswer, type CompletionQuery, type ContextSource, type DocumentState, noContext } from './types';

export { defaultEngineConfig, type EngineConfig, type EngineDeps, type GrowEvent } from './engineConfig';

export class CompletionEngine implements Disposable {
  readonly log = new RequestLog();
  readonly enablement: Enablement;
  private readonly manager: RequestManager;
  private readonly answers: Answerer;
  private readonly gate: ThrottleGate;
  private readonly starter: SessionStarter;
  private readonly screen: OnScreen;
  private readonly health: EngineHealth;
  private readonly logger: Logger;
  private readonly context: ContextSource;
  private denyList: DenyList;
  private lastKeystrokeAt: number | undefined;
  /** The keystroke whose keystroke-to-ghost time the status shows (each is noted once). */
  private latencyNotedFor: number | undefined;
  /** When completion last resumed after waiting for the server's one slot (see resumed()). */
  private waitEndedAt: number | undefined;
  private lastObserved: DocumentState | undefined;
  /** The suggestion on screen before the last change (a Tab's command comes after its edit). */
  private lastShown: Shown | undefined;
  /** The session on screen when the last keystroke came. */
  private shownAtKeystroke: number | undefined;
  /** The last keystroke contradicted that session (the throttle sends at once). */
  private keystrokeContradictedShown = false;
  /** Whether a model's own end of an answer means nothing more there (learned from the backend's answers). */
  private readonly modelEnds = new ModelEndTrust();
  /** Sessions asked where a model had ended its answer: what they answer is what modelEnds learns from. */
  private readonly endProbes = new Set<number>();
  /** Sessions whose end learnModelEnds has seen (a session may change again after it ended). */
  private readonly endsLearned = new WeakSet<SuggestionSession>();
  /** The state whose ghost text the user dismissed: no automatic call gets text there until the document or cursor changes. */
  private dismissedAt: DocumentState | undefined;
  private readonly tail = new TailTrust();
  private readonly rest: RestRequest;
  private readonly status = new StatusReporter(() => this.currentStatus());
  readonly onDidChangeStatus: Event<EngineStatus> = this.status.onDidChange;

  constructor(
    private config: EngineConfig,
    private readonly deps: EngineDeps,
  ) {
    this.logger = deps.logger ?? silentLogger;
    this.context = deps.context ?? noContext;
    this.denyList = new DenyList(config.exclude);
    this.enablement = new Enablement(config.enablement, deps.clock);
    this.health = new EngineHealth(deps.clock, this.logger);
    this.rest = new RestRequest(deps.clock, (state) => this.askAtRest(state));
    this.gate = new ThrottleGate(deps.clock);
    this.manager = new RequestManager(
      () => this.config.maxStreamsPerDocument,
      (session, verdict) => this.judged(session, verdict),
      (session) => this.worthWaitingFor(session),
    );
    this.starter = new SessionStarter({
      engine: deps,
      config: () => this.config,
      manager: this.manager,
      log: this.log,
      documents: (uri) => this.context.openDocuments(uri).filter((d) => d.uri !== uri && !this.denyList.isDenied(d.path, d.fsPath)),
      limit: (budgets) => this.tail.limit(this.health.limit(budgets)),
      onChange: (session) => this.sessionChanged(session),
      onListenerError: (error) => this.logger.error(`Completion: a listener failed: ${error instanceof Error ? error.stack : String(error)}`),
    });
    const prefetcher = new Prefetcher(
      this.manager,
      (state, site) => this.start(state, site, this.starter.open(state, 'prefetch', this.lastKeystrokeAt)),
      () => !this.config.strategy.backoffOnRejection || this.tail.tailsTrusted,
      (state) => this.nothingToAskAt(state),
    );
    this.screen = new OnScreen(this.manager, prefetcher, (languageId) => this.config.strategy.prefetch && this.enablement.availability(languageId) === 'on' && this.health.speculationAllowed);
    this.answers = new Answerer(this.manager, this.screen, () => this.config.strategy, () => {
      // Once per keystroke: a growth of the shown text or a later call for the same state is not a
      // new keystroke-to-ghost time (the status bar climbed to seconds as a block grew).
      if (this.lastKeystrokeAt !== undefined && this.latencyNotedFor !== this.lastKeystrokeAt) {
        this.latencyNotedFor = this.lastKeystrokeAt;
        // A keystroke made while completion waited for the server's slot counts from the end of the wait.
        this.health.shownAfter(this.deps.clock.now() - Math.max(this.lastKeystrokeAt, this.waitEndedAt ?? -Infinity));
      }
      this.status.update();
    });
  }

  get lastPrompt(): LastPrompt | undefined {
    return this.starter.lastPrompt;
  }
  /** The ghost text shown for the current state can now be longer: ask the editor to re-query. */
  get onDidGrow(): Event<GrowEvent> {
    return this.screen.onDidGrow;
  }
  /** The ghost text shown in a document came from a stream that failed: the editor should hide it. */
  get onDidWithdraw(): Event<{ readonly uri: string }> {
    return this.screen.onDidWithdraw;
  }

  configure(config: Partial<EngineConfig>): void {
    this.config = { ...this.config, ...config };
    this.denyList = new DenyList(this.config.exclude);
    this.enablement.update(this.config.enablement);
    this.status.update();
  }

  isDenied(path: string, fsPath?: string): boolean {
    return this.denyList.isDenied(path, fsPath);
  }

  /**
   * Every document change (`keystroke`) and cursor move. Streams the new state contradicts are
   * aborted here, before the editor's own (debounced) call.
   */
  observe(state: DocumentState, keystroke: boolean): void {
    const changed = !this.lastObserved || !sameState(this.lastObserved, state);
    this.lastObserved = state;
    if (this.dismissedAt && !sameState(this.dismissedAt, state)) this.dismissedAt = undefined;
    if (keystroke) {
      this.lastKeystrokeAt = this.deps.clock.now();
      this.shownAtKeystroke = this.screen.current?.session.id;
      this.keystrokeContradictedShown = false;
      this.config.strategy.throttle.noteKeystroke(this.lastKeystrokeAt);
      if (this.config.strategy.abortOnKeystroke) this.manager.abortAll('superseded');
    }
    if (keystroke || changed) this.gate.cancel();
    this.lastShown = this.screen.current ?? this.lastShown;
    this.screen.observe(state);
    this.manager.observe(state);
    this.judgeAccepted(state);
    if (this.config.strategy.suggestOnRest) this.rest.observe(state, keystroke, changed);
    this.status.update();
  }

  /**
   * One call of the editor's inline completion provider. `signal`: the call is no longer wanted.
   * Where the user dismissed the ghost text (Esc) nothing comes back, whoever asks (a growth's
   * re-query is an explicit call too), until the user asks (Alt+\, userAsked) or moves on; a call
   * under way when Esc came returns nothing either.
   */
  async provide(query: CompletionQuery, signal: AbortSignal): Promise<CompletionAnswer | undefined> {
    if (this.dismissedHere(query)) return undefined;
    const answer = await this.answer(query, signal);
    return this.dismissedHere(query) ? undefined : answer;
  }

  private dismissedHere(state: DocumentState): boolean {
    return this.dismissedAt !== undefined && sameState(this.dismissedAt, state);
  }

  /** The user asked for a suggestion (Alt+\): a dismissal where the cursor is no longer holds. */
  userAsked(): void {
    this.dismissedAt = undefined;
  }

  private async answer(query: CompletionQuery, signal: AbortSignal): Promise<CompletionAnswer | undefined> {
    // The one check of the deny-list: nothing of a secret file is ever sent.
    if (this.denyList.isDenied(query.path, query.fsPath)) return undefined;
    const explicit = query.trigger === 'explicit';
    // A query with the suggest widget's item says nothing about the user's typing.
    if (!query.withSelectedSuggestion) this.observe(query, false);
    // Turned off, snoozed or off for the language: only Alt+\ asks. What follows a Tab on its
    // suggestion (the rest of that stream) still shows when the editor asks after the Tab.
    if (!explicit && this.enablement.availability(query.languageId) !== 'on') return this.fromFollowed(query, signal);
    const existing = await this.answers.existing(query, signal);
    // Answered from a session or the cache (or the call was cancelled while it waited).
    if (existing === ABORTED) return undefined;
    if (existing) return existing;
    // After an error the server gets a pause; a state that got nothing is not asked again.
    if (!explicit && (this.health.paused || (this.config.strategy.reuse && this.manager.answeredNothingAt(query)) || this.nothingToAskAt(query))) return undefined;
    const site = completionSite(query);
    const keeper = this.starter.open(query, explicit ? 'explicit' : 'typing', this.lastKeystrokeAt);
    // A newer keystroke replaced the request while it waited in the throttle.
    if (!(await this.throttle(site, explicit, keeper, signal))) return undefined;
    const session = await this.start(query, site, keeper);
    // Not started (stopped, no slot, no provider), or the call was cancelled meanwhile.
    if (!session || signal.aborted) return undefined;
    const own = await this.answers.fromOwn(query, signal, session);
    return own === ABORTED ? undefined : own;
  }

  /** From the live stream the user follows (took a Tab of), if it has text for `query`; never starts one. */
  private async fromFollowed(query: CompletionQuery, signal: AbortSignal): Promise<CompletionAnswer | undefined> {
    if (query.withSelectedSuggestion) return undefined;
    const found = this.manager.find(query);
    if (!found?.session.isFollowed) return undefined;
    const answer = await this.answers.fromOwn(query, signal, found.session);
    return answer === ABORTED ? undefined : answer;
  }

  /** Holds an automatic request as the throttle says. False: a newer keystroke replaced it. */
  private async throttle(site: CompletionSite, explicit: boolean, keeper: RecordKeeper, signal: AbortSignal): Promise<boolean> {
    if (explicit) return true;
    const now = this.deps.clock.now();
    const policy = this.config.strategy.throttle.delayMs({
      now,
      atLineStart: isBlank(site.linePrefix),
      contradictedShown: this.keystrokeContradictedShown,
      capMs: this.starter.budgets().throttleCapMs,
    });
    const delay = Math.max(policy, this.health.rejectionDelay(now - (this.lastKeystrokeAt ?? now)));
    if (delay <= 0) return true;
    const waited = this.gate.wait(delay, signal);
    // Once the wait has begun (the gate holds it from the call on): the status bar shows "waiting".
    this.status.update();
    const fired = await waited;
    if (!fired) keeper.end({ outcome: 'aborted', reason: 'superseded' });
    this.status.update();
    return fired;
  }

  private async start(state: DocumentState, site: CompletionSite, keeper: RecordKeeper): Promise<SuggestionSession | undefined> {
    // Asked where a model ended its answer: what it answers teaches whether such places are worth asking.
    const probe = this.config.strategy.trustsModelEnd === true && this.manager.modelEndedAt(state);
    const result = await this.starter.start(state, site, keeper);
    if (result.kind === 'failed') this.health.failed(result.error);
    // (A session already ended, e.g. aborted as the user moved on while it started, teaches nothing.)
    if (probe && result.kind === 'started' && result.session.live) this.endProbes.add(result.session.id);
    this.status.update();
    return result.kind === 'started' ? result.session : undefined;
  }

  /** A session ended: whether its own end is trusted, and what it teaches if it was asked at another's end. */
  private learnModelEnds(session: SuggestionSession): void {
    if (this.endsLearned.has(session)) return;
    this.endsLearned.add(session);
    if (this.config.strategy.trustsModelEnd && session.endedByModel && session.text !== '' && this.modelEnds.trustEnd()) session.trustEnd(this.modelEnds.epoch);
    // Cut short before it could say (the user moved on): no evidence either way.
    if (this.endProbes.delete(session.id) && session.state === 'done') this.modelEnds.note(session.text === '');
  }

  /**
   * A live stream with no token yet that the user typed past: on a one-slot server it holds the
   * slot a request for what they typed needs, so it is kept only once half way to its first token.
   */
  private worthWaitingFor(session: SuggestionSession): boolean {
    if (this.config.maxStreamsPerDocument > 1 || !this.config.strategy.replacesUnstartedStreams) return true;
    const { sentAt, model } = session.record;
    const age = sentAt === undefined ? 0 : this.deps.clock.now() - sentAt;
    const expected = this.starter.statsFor(model).recentTtftMs;
    const worth = worthWaitingForFirstToken(age, expected);
    if (!worth) this.logger.debug(`Completion: typed past a stream with no token yet ${Math.round(age)} ms into an expected ${Math.round(expected)} ms: closed for a request for what was typed (one-slot server).`);
    return worth;
  }

  /** The one listener of every session, in this order: judge the new text, then what is shown. */
  private sessionChanged(session: SuggestionSession): void {
    // Before the screen: a prefetch for the state after it depends on whether its end is trusted.
    if (!session.live) this.learnModelEnds(session);
    this.manager.check(session);
    this.screen.sessionChanged(session);
    if (!session.live) {
      this.logger.debug(describeEnd(session.record));
      this.starter.statsFor(session.record.model).note(session.record);
    }
    // A failed stream shows its error; a stream the server answers means the error is over.
    if (!session.live && session.abortReason === 'error') this.health.failed(session.error);
    else if (session.record.firstByteAt !== undefined) this.health.answered();
    this.status.update();
  }

  /** The cursor rested at `state` while the user writes: ask for it and show it when it comes. True: asked. */
  private askAtRest(state: DocumentState): boolean {
    if (!this.lastObserved || !sameState(this.lastObserved, state)) return false;
    if (this.denyList.isDenied(state.path, state.fsPath) || this.enablement.availability(state.languageId) !== 'on') return false;
    // Not during an error's pause or the back-off of a contradicted model, nor where the user dismissed the ghost text.
    if (!this.health.speculationAllowed || this.dismissedHere(state)) return false;
    const site = completionSite(state);
    // Inside a line the user is editing, not starting something.
    if (!site.multiline) return false;
    if (this.manager.find(state) || this.manager.hasSessionAt(state) || this.answers.cache.get(state) || this.nothingToAskAt(state)) return false;
    if (!this.manager.makeRoom(state.uri, true)) return false;
    this.screen.showWhenReady(state);
    void this.start(state, site, this.starter.open(state, 'prefetch', this.lastKeystrokeAt));
    return true;
  }

  /**
   * After a Tab: whether the user keeps what it inserted. Deleted text is not offered again (the
   * session and its cache entries go), and deleted lines after the first hold suggestions to one line.
   */
  private judgeAccepted(state: DocumentState): void {
    const settled = this.tail.observe(state);
    if (!settled || settled.fate === 'kept') return;
    this.forget(settled.sessionId);
    this.logger.debug(`Completion: the user deleted ${settled.fate === 'tail-deleted' ? 'the lines after the first' : 'all'} of an accepted suggestion${this.tail.singleLine ? '; suggestions stop at one line for a while' : ''}.`);
  }

  /** A session and its cache entries go: its text is not offered again. */
  private forget(sessionId: number): void {
    const session = this.manager.forget(sessionId);
    if (session) this.answers.cache.forgetSession(session);
  }

  /** The user took all of a suggestion whose model ended its answer there, and such ends are trusted (ModelEndTrust): asked there, it would add nothing. */
  private nothingToAskAt(state: DocumentState): boolean {
    return this.config.strategy.trustsModelEnd === true && this.manager.modelEndedAt(state, this.modelEnds.epoch);
  }

  /** The user's typing contradicted a session, or wrote all of it: what the back-off learns from. */
  private judged(session: SuggestionSession, verdict: TypingVerdict): void {
    if (!this.config.strategy.backoffOnRejection) return;
    this.health.judged(verdict, session.agreedChars);
    if (verdict === 'contradicted' && session.id === this.shownAtKeystroke) this.keystrokeContradictedShown = true;
    this.tail.judged(session.text, verdict, session.agreedEnd);
  }

  /**
   * The user dismissed the ghost text (Esc). Its stream ends (and the prefetch made for accepting
   * it) and its text is forgotten; nothing comes back at this state unless asked for (a new
   * request). It is no verdict on the model (the back-off and tail trust learn from typing and
   * Tabs): people press Esc to clear the view as well as to decline.
   */
  dismissed(): void {
    this.dismissedAt = this.lastObserved;
    this.rest.cancel();
    // A request waiting in the throttle for this state is not wanted either.
    this.gate.cancel();
    const shown = this.screen.dismissed();
    if (shown) {
      shown.session.abort('dismissed');
      // Not offered again, typed through or asked for: what it had streamed is forgotten.
      this.forget(shown.session.id);
    }
    this.status.update();
  }

  /** From the inline completion item's command: the user pressed Tab on this session's text. */
  accepted(sessionId: number): void {
    const shown = this.screen.current;
    const session = shown?.session.id === sessionId ? shown.session : this.manager.byId(sessionId);
    const inserted = this.lastShown?.session.id === sessionId ? this.lastShown.edit.insertText : undefined;
    if (this.config.strategy.backoffOnRejection && inserted && this.lastObserved) this.tail.accepted(this.lastObserved, inserted, sessionId);
    this.health.accepted();
    this.screen.accepted(session, sessionId);
  }

  /** The provider or model changed: nothing streamed or cached so far applies any more. */
  providerChanged(): void {
    this.starter.stop();
    this.rest.cancel();
    this.manager.abortAll('disabled');
    this.answers.cache.clear();
    this.health.reset();
    this.tail.reset();
    this.modelEnds.reset();
    this.endProbes.clear();
    this.screen.clear();
    this.status.update();
  }

  /**
   * Completion resumes after it waited (stopAll) while another request held the server's one slot
   * (a chat answer, Ask, Generate): the status bar showed it paused, so the keystroke-to-ghost time
   * of a key typed meanwhile counts from now; it would otherwise read as a model taking seconds.
   */
  resumed(): void {
    this.waitEndedAt = this.deps.clock.now();
  }

  /** Aborts every stream (completion turned off or snoozed, or another request holds the server's one slot). */
  stopAll(): void {
    this.starter.stop();
    this.rest.cancel();
    this.gate.cancel();
    this.manager.abortAll('disabled');
    this.status.update();
  }

  currentStatus(): EngineStatus {
    const model = this.starter.model;
    return statusOf({
      enablement: this.enablement,
      lastError: this.health.lastError,
      streaming: this.manager.liveSessions().some((s) => s.kind !== 'prefetch'),
      waiting: this.gate.waiting,
      lastLatencyMs: this.health.lastLatencyMs,
      model,
      stats: model === undefined ? undefined : this.starter.statsFor(model),
      pausedUntil: this.health.pausedUntil,
    });
  }

  dispose(): void {
    this.starter.stop();
    this.rest.dispose();
    this.gate.cancel();
    this.manager.dispose();
    this.log.dispose();
    this.screen.dispose();
    this.status.dispose();
  }
}
