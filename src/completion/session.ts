// A SuggestionSession is one model stream and everything known about it: its own AbortController
// (VS Code's CancellationToken ends a provider call, never the stream), its anchor in the document,
// the text received and post-processed so far, how far the user typed through it, what was shown,
// its state and its timings (in its record). Every editor call that its text can answer is
// answered from it.
import { isLlmError } from '../llm/errors';
import type { FimRequest, LlmProvider } from '../llm/types';
import { Anchor, type AnchorRelation } from './anchor';
import type { Clock } from '../base/clock';
import { type Disposable, DisposableStore, MutableDisposable } from '../base/disposable';
import { Emitter } from '../base/event';
import { pipe, ruleStage, textProgress } from './postprocess/pipeline';
import type { PostProcessRule, RuleContext, StreamProgress } from './postprocess/types';
import type { RecordEnd, RecordKeeper } from './recordKeeper';
import type { AbortReason, RequestRecord, SessionKind } from './requestRecord';
import { maxLines } from './postprocess/maxLines';
import { singleLine } from './postprocess/singleLine';
import { type LineLimit, type SessionAnswer, SessionText, type TypingVerdict } from './sessionText';
import type { DocumentState } from './types';

export type SessionState = 'streaming' | 'done' | 'aborted';

export type { SessionAnswer, SessionTextAnswer, TypingVerdict } from './sessionText';

export interface SessionInit {
  readonly kind: SessionKind;
  /** The document state the request was made for. */
  readonly state: DocumentState;
  readonly request: FimRequest;
  readonly rules: readonly PostProcessRule[];
  readonly ruleContext: RuleContext;
  readonly clock: Clock;
  readonly keeper: RecordKeeper;
  /** After this long without a complete first line, a partial one may be shown. */
  readonly partialLineCutoffMs: number;
  /** The cut-off also counts from the user's last key (see cutoffStart); otherwise from the line's start only. */
  readonly cutoffFromLastKey?: boolean;
  /** The stream is aborted after this long whatever happens, so no wait can last forever. */
  readonly maxLifetimeMs: number;
  /** A strategy whose streams run to their end (Strategy.closesStreams false): the user's typing never closes them. */
  readonly runsToEnd?: boolean;
  /**
   * The one listener of the session: its text, visibility or state changed. Called before the
   * editor calls waiting on the session are woken (they see what it did).
   */
  readonly onChange: (session: SuggestionSession) => void;
  /** A listener failed: reported, never taken for a failure of the stream. */
  readonly onListenerError: (error: unknown) => void;
}

/** Reasons that come from the user's typing or a newer request, which a stream that runs to its end ignores. */
const USER_REASONS: ReadonlySet<AbortReason> = new Set(['diverged', 'moved', 'capacity', 'superseded', 'dismissed']);

/** The most lines `rules` let a text have: inside a line one, else the line budget if a rule keeps it. */
function lineLimitOf(rules: readonly PostProcessRule[], context: RuleContext): LineLimit {
  if (!context.multiline && rules.includes(singleLine)) return { lines: 1, blankFirstFree: false };
  if (rules.includes(maxLines)) return { lines: context.maxLines, blankFirstFree: true };
  return { lines: Infinity, blankFirstFree: false };
}

export class SuggestionSession implements Disposable {
  readonly kind: SessionKind;
  readonly anchor: Anchor;
  readonly request: FimRequest;
  private readonly keeper: RecordKeeper;
  private readonly controller = new AbortController();
  /** Editor calls waiting for the next change (see nextChange). */
  private readonly waiters = new Emitter<void>();
  /** The lifetime deadline: gone when the session ends. */
  private readonly timers = new DisposableStore();

  private _state: SessionState = 'streaming';
  private _abortReason: AbortReason | undefined;
  private _error: unknown;
  /** The model's text as received. */
  private received = '';
  /** The text after post-processing, and what the user did with it. */
  private readonly texts = new SessionText();
  /** The trust epoch in which the engine trusted this session's end (see ModelEndTrust). */
  private endTrustedIn: number | undefined;
  private lastTextAt = 0;
  /** When the last thing that can change the answer happened: text, the end, the cut-off. */
  private lastCauseAt = 0;
  /** When the line now streaming began (a partial line may show once it has taken too long). */
  private lineStartedAt: number | undefined;
  /**
   * When the user last typed: the keystroke that asked for this stream, then each key typed
   * through it. A partial line may also show once the user has waited that long.
   */
  private lastInputAt: number;
  private lastTyped = '';
  private lines = 0;
  /** The user took text of this stream (or of the one it continues) with Tab. */
  private followed = false;
  private readonly cutoffTimer = new MutableDisposable();
  /** The most lines its rules let the text have (see lineLimitOf). */
  private readonly lineLimit: LineLimit;

  constructor(private readonly init: SessionInit) {
    this.kind = init.kind;
    this.anchor = new Anchor(init.state.uri, init.state);
    this.request = init.request;
    this.keeper = init.keeper;
    this.lineLimit = lineLimitOf(init.rules, init.ruleContext);
    this.lastInputAt = init.keeper.view.keystrokeAt ?? init.keeper.view.requestedAt;
  }

  get id(): number {
    return this.keeper.id;
  }
  /** The request's record (live: it changes until the session ends). */
  get record(): RequestRecord {
    return this.keeper.view;
  }
  get state(): SessionState {
    return this._state;
  }
  get abortReason(): AbortReason | undefined {
    return this._abortReason;
  }
  get error(): unknown {
    return this._error;
  }
  get text(): string {
    return this.texts.value;
  }
  get receivedText(): string {
    return this.received;
  }
  get live(): boolean {
    return this._state === 'streaming';
  }

  /** Characters this session holds: its anchor's windows, the model's text, the prompt it sent. */
  get footprint(): number {
    const request = this.request.prefix.length + this.request.suffix.length + (this.request.snippets ?? []).reduce((n, s) => n + s.text.length + s.path.length, 0);
    return this.anchor.footprint + this.received.length + this.text.length + request;
  }

  /** Sends the request. The returned promise settles when the stream is over; it never rejects. */
  start(provider: LlmProvider): Promise<void> {
    this.keeper.sent();
    this.timers.add(this.init.clock.setTimeout(() => this.abort('timeout'), this.init.maxLifetimeMs));
    return this.run(provider);
  }

  private async run(provider: LlmProvider): Promise<void> {
    const clock = this.init.clock;
    const observer = {
      onText: (delta: string) => {
        this.lastTextAt = this.lastCauseAt = clock.now();
        this.received += delta;
        this.keeper.received(this.received.length);
      },
      onUsage: (input: number | undefined, output: number | undefined, cached?: number) => this.keeper.usage(input, output, cached),
      onEnd: (finishReason: string) => {
        this.lastCauseAt = clock.now();
        this.keeper.finishReason(finishReason);
      },
    };
    const source = textProgress(provider.stream(this.request, this.controller.signal), this.controller, observer);
    const progress = pipe(source, this.init.rules.map((rule) => ruleStage(rule, this.init.ruleContext)))[Symbol.asyncIterator]();
    // Only the stream's own failures are the model's: a listener that throws is reported apart
    // (see notify), so it can never become a model error, a back-off or an unhandled rejection.
    try {
      for (;;) {
        let next: IteratorResult<StreamProgress>;
        try {
          next = await progress.next();
        } catch (error) {
          this._error = error;
          this.finish({ outcome: 'error', errorKind: isLlmError(error) ? error.kind : 'unknown' });
          return;
        }
        if (next.done || this._state !== 'streaming' || this.apply(next.value)) break;
      }
    } finally {
      // Closing the stages early (a rule stopped, or the session was aborted) aborts the socket.
      void Promise.resolve(progress.return?.()).catch(() => undefined);
    }
    // The stream ended without an end event (an aborted provider may just stop).
    this.finish(this.controller.signal.aborted ? { outcome: 'aborted', reason: this._abortReason ?? 'disposed' } : { outcome: 'done' });
  }

  /** Takes one snapshot of the post-processed text. Returns true when the stream is over. */
  private apply(progress: StreamProgress): boolean {
    this.texts.update(progress.text);
    this.noteLines(progress.text);
    if (this.texts.visible(0, progress.done ? 'final' : 'lines', false) !== undefined) this.keeper.firstLine(this.lastTextAt);
    // A rule ended the suggestion (the end of the block...): the stream is closed as stopped, not
    // as aborted, and only what arrived after that point is waste.
    if (progress.done) this.finish(progress.stoppedBy ? { outcome: 'stopped', rule: progress.stoppedBy } : { outcome: 'done' });
    else this.notify();
    return progress.done;
  }

  /** Ends the stream at once: the socket closes, and the text so far stays usable. */
  abort(reason: AbortReason): void {
    if (this._state !== 'streaming' || (this.init.runsToEnd && USER_REASONS.has(reason))) return;
    this._abortReason = reason;
    this.finish({ outcome: 'aborted', reason });
    this.controller.abort();
  }

  /** The session's one way to end: its state, its record, its timers, then the listener. */
  private finish(end: RecordEnd): void {
    if (this._state !== 'streaming') return;
    this._state = end.outcome === 'aborted' || end.outcome === 'error' ? 'aborted' : 'done';
    if (end.outcome === 'error') this._abortReason = 'error';
    this.timers.dispose();
    this.cutoffTimer.clear();
    this.keeper.end(end);
    this.notify();
  }

  /** Tells the engine, then the waiting editor calls, that something changed. */
  private notify(): void {
    try {
      this.init.onChange(this);
    } catch (error) {
      this.init.onListenerError(error);
    }
    this.waiters.fire();
  }

  /** Notes when a new line begins: the partial-line cut-off counts from then. */
  private noteLines(text: string): void {
    let lines = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    if (this.lineStartedAt !== undefined && lines === this.lines) return;
    this.lines = lines;
    this.lineStartedAt = this.init.clock.now();
    this.armCutoff();
  }

  /**
   * The cut-off counts from whichever came first, the start of the line now streaming or the user's
   * last key: a line that takes long shows in part even while the user types on, and a user who has
   * stopped and waits sees each line as it arrives. That is Rill's strategy; the peers' built for
   * the bench count from the line's start only (Strategy.partialLinesWhileWaiting).
   */
  private cutoffStart(): number | undefined {
    if (this.lineStartedAt === undefined || !this.init.cutoffFromLastKey) return this.lineStartedAt;
    return Math.min(this.lineStartedAt, this.lastInputAt);
  }

  /** Wakes the editor when the cut-off passes (again after each key typed through: it counts from the last). */
  private armCutoff(): void {
    const start = this.cutoffStart();
    const wait = start === undefined ? 0 : start + this.init.partialLineCutoffMs - this.init.clock.now();
    if (this._state !== 'streaming' || wait <= 0) {
      this.cutoffTimer.clear();
      return;
    }
    this.cutoffTimer.value = this.init.clock.setTimeout(() => {
      if (this._state !== 'streaming') return;
      this.lastCauseAt = this.init.clock.now();
      this.notify();
    }, wait);
  }

  /** A partial line may show: the cut-off has passed (see cutoffStart), or the user follows this stream (Tab). */
  private get partialAllowed(): boolean {
    if (this.followed) return true;
    const start = this.cutoffStart();
    return start !== undefined && this.init.clock.now() - start >= this.init.partialLineCutoffMs;
  }

  /**
   * When the latest event that can change this session's answer happened: text from the provider,
   * the end of the stream, or the partial-line cut-off (for the overhead figures).
   */
  get lastChangeCauseAt(): number {
    return this.lastCauseAt;
  }

  relate(state: DocumentState): AnchorRelation {
    return this.anchor.relate(state);
  }

  /**
   * The user's typing since the anchor is now `typed`: how much of the text it covers is counted as
   * used, and the verdict on this session is returned the first time there is one (see SessionText).
   */
  noteTyped(typed: string): TypingVerdict | undefined {
    if (typed !== this.lastTyped) {
      this.lastTyped = typed;
      this.lastInputAt = this.init.clock.now();
      this.armCutoff();
    }
    const { covered, verdict } = this.texts.noteTyped(typed, this.live);
    if (verdict !== 'contradicted') this.keeper.used(covered, this.text.length);
    return verdict;
  }

  /**
   * The model ended its answer by itself (not at a token limit, nor at a stop sequence Rill sent),
   * or its text ran into the text after the cursor (the hole is filled).
   */
  get endedByModel(): boolean {
    const { outcome, stopReason } = this.record;
    if (outcome === 'stopped') return stopReason === 'suffix-overlap';
    return outcome === 'done' && stopReason === 'stop' && !this.request.stop?.length;
  }

  /** Whether `typed` (the user's text since the anchor) ends exactly where the model ended its answer. */
  endsAt(typed: string): boolean {
    return this.endedByModel && this.texts.endsAt(typed);
  }

  /** The engine trusts this session's end in trust epoch `epoch` (see ModelEndTrust): where it ends, nothing is asked automatically. */
  trustEnd(epoch: number): void {
    this.endTrustedIn = epoch;
  }

  /** Whether `typed` ends at this session's end, trusted in the trust epoch `epoch` (still the current one): asked there, the model would add nothing. */
  nothingAfter(typed: string, epoch: number): boolean {
    return this.endTrustedIn === epoch && this.endsAt(typed);
  }

  /** A session with text and no verdict yet: the user's typing may still give one. */
  get awaitsVerdict(): boolean {
    return this.texts.awaitsVerdict;
  }

  /** How far into the text the user's typing (and Tabs) agreed with it when the verdict came (see SessionText). */
  get agreedEnd(): number {
    return this.texts.agreedEnd;
  }

  /** Characters (other than whitespace) of the text the user typed through before any verdict. */
  get agreedChars(): number {
    return this.texts.agreedChars;
  }

  /** The ghost text this session offers at a state where the user typed `typed` after the anchor. */
  answer(typed: string): SessionAnswer {
    return this.texts.answer(typed, { state: this._state, failed: this._abortReason === 'error', partialAllowed: this.partialAllowed, lineLimit: this.lineLimit });
  }

  /** Records that `text` was returned to the editor as the text from `offset` on. */
  noteShown(offset: number, text: string): void {
    const covered = this.texts.noteShown(offset, text);
    this.keeper.shown(text);
    this.keeper.used(covered, this.text.length);
  }

  noteAccepted(): void {
    this.keeper.accepted();
    this.follow();
  }

  /**
   * The user follows this stream: they accepted text of it, or of the suggestion it continues (a
   * prefetch of the state after Tab). What it has of the next line shows at once, so that after
   * Tab the next suggestion is already there; it grows as the line does.
   */
  follow(): void {
    this.followed = true;
  }

  /** The user follows this stream (see follow). */
  get isFollowed(): boolean {
    return this.followed;
  }

  /** Resolves on the next change, or at once (false) when `signal` aborts. Never hangs: the session has a lifetime. */
  nextChange(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    if (!this.live) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        subscription.dispose();
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const onAbort = () => done(false);
      const subscription = this.waiters.event(() => done(true));
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  dispose(): void {
    this.abort('disposed');
    this.waiters.dispose();
  }
}
