// A SuggestionSession is one model stream and everything known about it: its own AbortController
// (VS Code's CancellationToken ends a provider call, never the stream), its anchor in the document,
// the text received and post-processed so far, how far the user typed through it, what was shown,
// its state and its timings. Every editor call that its text can answer is answered from it.
import { isLlmError } from '../llm/errors';
import type { FimRequest, LlmProvider } from '../llm/types';
import { Anchor, type AnchorRelation } from './anchor';
import type { Clock } from './clock';
import { Emitter, type Disposable, type Event } from '../base/event';
import { pipe, ruleStage, textProgress } from './postprocess/pipeline';
import type { PostProcessRule, RuleContext } from './postprocess/types';
import { type AbortReason, type MutableRequestRecord, type SessionKind, updateWaste } from './requestRecord';
import { isBlank } from './text';
import { alignTyped } from './typedAlignment';
import type { DocumentState } from './types';
import { type Visibility, endsMidLine, visibleText } from './visibleText';

export type SessionState = 'streaming' | 'done' | 'aborted';

/** What the user's typing said about a session's text: it went elsewhere, or it wrote all of it. */
export type TypingVerdict = 'contradicted' | 'typed-through';

/** Ghost text a session has for one document state. */
export interface SessionTextAnswer {
  readonly kind: 'text';
  readonly text: string;
  readonly typed: string;
  /** Where in the session's text `text` starts. */
  readonly offset: number;
  /** Characters before the cursor (the editor's indentation of the line) that `text` replaces. */
  readonly replaceBefore: number;
  /** The text ends inside a line still streaming (shown after the cut-off). */
  readonly partial: boolean;
}

/** What a session can say about one document state. */
export type SessionAnswer =
  | SessionTextAnswer
  /** Consistent with the state, but nothing to show yet: more text may come. */
  | { readonly kind: 'wait' }
  | { readonly kind: 'none' };

export interface SessionInit {
  readonly id: number;
  readonly kind: SessionKind;
  /** The document state the request was made for. */
  readonly state: DocumentState;
  readonly request: FimRequest;
  readonly rules: readonly PostProcessRule[];
  readonly ruleContext: RuleContext;
  readonly clock: Clock;
  readonly record: MutableRequestRecord;
  /** After this long without a complete first line, a partial one may be shown. */
  readonly partialLineCutoffMs: number;
  /** The stream is aborted after this long whatever happens, so no wait can last forever. */
  readonly maxLifetimeMs: number;
  /** Called whenever the record changed (for the request log's listeners). */
  readonly onRecordChange: () => void;
  /** A strategy whose streams run to their end (Strategy.closesStreams false): the user's typing never closes them. */
  readonly runsToEnd?: boolean;
}

/** Reasons that come from the user's typing or a newer request, which a stream that runs to its end ignores. */
const USER_REASONS: ReadonlySet<AbortReason> = new Set(['diverged', 'moved', 'capacity', 'superseded']);

const WAIT: SessionAnswer = { kind: 'wait' };
const NONE: SessionAnswer = { kind: 'none' };

export class SuggestionSession implements Disposable {
  readonly id: number;
  readonly kind: SessionKind;
  readonly anchor: Anchor;
  readonly request: FimRequest;
  readonly record: MutableRequestRecord;
  private readonly controller = new AbortController();
  private readonly changed = new Emitter<void>();
  /** Fires when the text, the visibility or the state changed. */
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly timers: Disposable[] = [];

  private _state: SessionState = 'streaming';
  private _abortReason: AbortReason | undefined;
  private _error: unknown;
  /** The model's text as received. */
  private received = '';
  /** The text after post-processing. */
  private _text = '';
  private lastTextAt = 0;
  /** When the last thing that can change the answer happened: text, the end, the cut-off. */
  private lastCauseAt = 0;
  /** When the line now streaming began (a partial line may show once it has taken too long). */
  private lineStartedAt: number | undefined;
  private lines = 0;
  /** The end (in the text) of the furthest text shown to the user. */
  private shownEnd = 0;
  /** The end (in the text) of the furthest text the user typed through. */
  private typedEnd = 0;
  private verdict: TypingVerdict | undefined;
  /** The user took text of this stream (or of the one it continues) with Tab. */
  private followed = false;
  private cutoffTimer: Disposable | undefined;

  constructor(private readonly init: SessionInit) {
    this.id = init.id;
    this.kind = init.kind;
    this.anchor = new Anchor(init.state.uri, init.state.prefix, init.state.suffix);
    this.request = init.request;
    this.record = init.record;
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
    return this._text;
  }
  get receivedText(): string {
    return this.received;
  }
  get live(): boolean {
    return this._state === 'streaming';
  }
  /** The signal the provider streams under: aborted when the session is. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Sends the request. The returned promise settles when the stream is over; it never rejects. */
  start(provider: LlmProvider): Promise<void> {
    const clock = this.init.clock;
    this.record.sentAt = clock.now();
    this.record.outcome = 'streaming';
    this.timers.push(clock.setTimeout(() => this.abort('timeout'), this.init.maxLifetimeMs));
    return this.run(provider);
  }

  private async run(provider: LlmProvider): Promise<void> {
    const clock = this.init.clock;
    const record = this.record;
    const observer = {
      onText: (delta: string) => {
        const now = clock.now();
        this.lastTextAt = now;
        this.lastCauseAt = now;
        this.received += delta;
        record.tokensOut++;
        record.charsOut = this.received.length;
        record.firstByteAt ??= now;
      },
      onUsage: (input: number | undefined, output: number | undefined, cached?: number) => {
        if (input !== undefined) record.tokensIn = input;
        if (output !== undefined) record.tokensOut = output;
        if (cached !== undefined) record.tokensCached = cached;
      },
      onEnd: (finishReason: string) => {
        this.lastCauseAt = clock.now();
        record.stopReason ??= finishReason;
      },
    };
    try {
      const source = textProgress(provider.stream(this.request, this.controller.signal), this.controller, observer);
      const stages = this.init.rules.map((rule) => ruleStage(rule, this.init.ruleContext));
      for await (const progress of pipe(source, stages)) {
        if (this._state !== 'streaming') break;
        this._text = progress.text;
        this.noteLines(progress.text);
        if (record.firstLineAt === undefined && this.answerText(0, progress.done ? 'final' : 'lines') !== undefined) {
          record.firstLineAt = clock.now();
          record.firstLineReceivedAt = this.lastTextAt;
          this.init.onRecordChange();
        }
        if (progress.done) {
          // A rule ended the suggestion (the end of the block...): the stream is closed as stopped,
          // not as aborted, and only what arrived after that point is waste.
          if (progress.stoppedBy) record.stopReason = progress.stoppedBy;
          this.finish(progress.stoppedBy ? 'stopped' : 'done');
          break;
        }
        this.changed.fire();
      }
    } catch (error) {
      this._error = error;
      record.errorKind = isLlmError(error) ? error.kind : 'unknown';
      this.finish('aborted', 'error');
    } finally {
      // The stream ended without an end event (an aborted provider may just stop).
      this.finish(this.controller.signal.aborted ? 'aborted' : 'done', this._abortReason ?? 'disposed');
    }
  }

  /** Ends the stream at once: the socket closes, and the text so far stays usable. */
  abort(reason: AbortReason): void {
    if (this._state !== 'streaming' || (this.init.runsToEnd && USER_REASONS.has(reason))) return;
    this._abortReason = reason;
    this.finish('aborted', reason);
    this.controller.abort();
  }

  private finish(end: 'done' | 'stopped' | 'aborted', reason?: AbortReason): void {
    if (this._state !== 'streaming') return;
    this._state = end === 'aborted' ? 'aborted' : 'done';
    const record = this.record;
    record.endedAt = this.init.clock.now();
    if (end === 'aborted') {
      this._abortReason ??= reason;
      record.abortReason = this._abortReason;
      record.outcome = this._abortReason === 'error' ? 'error' : 'aborted';
    } else {
      record.outcome = end;
    }
    for (const timer of this.timers) timer.dispose();
    this.cutoffTimer?.dispose();
    updateWaste(record);
    this.init.onRecordChange();
    this.changed.fire();
  }

  /** Starts the partial-line cut-off whenever a new line begins. */
  private noteLines(text: string): void {
    let lines = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    if (this.lineStartedAt !== undefined && lines === this.lines) return;
    this.lines = lines;
    this.lineStartedAt = this.init.clock.now();
    this.cutoffTimer?.dispose();
    this.cutoffTimer = this.init.clock.setTimeout(() => {
      if (this._state !== 'streaming') return;
      this.lastCauseAt = this.init.clock.now();
      this.changed.fire();
    }, this.init.partialLineCutoffMs);
  }

  /** A partial line may show: the line has taken long, or the user follows this stream (Tab). */
  private get partialAllowed(): boolean {
    if (this.followed) return true;
    return this.lineStartedAt !== undefined && this.init.clock.now() - this.lineStartedAt >= this.init.partialLineCutoffMs;
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
   * The user's typing since the anchor is now `typed`: records how much of the text it covers, and
   * returns the verdict on this session the first time there is one (one per session): the typing
   * contradicts it, or it typed all of a finished text. Text the user is ahead of is no contradiction
   * while more may come; lines after a line break are compared without their indentation (the
   * editor indents a new line by its own rules).
   */
  noteTyped(typed: string): TypingVerdict | undefined {
    const alignment = alignTyped(this._text, typed);
    if (alignment.kind === 'contradicted') return this.judged('contradicted');
    const covered = alignment.kind === 'at' ? alignment.offset : this._text.length;
    this.typedEnd = Math.max(this.typedEnd, covered);
    this.noteUsed(covered);
    return !this.live && covered >= this._text.length && this.agreedChars > 0 ? this.judged('typed-through') : undefined;
  }

  private judged(verdict: TypingVerdict): TypingVerdict | undefined {
    if (this.verdict) return undefined;
    this.verdict = verdict;
    return verdict;
  }

  /** A finished session with text and no verdict yet: the user's typing may still give one. */
  get awaitsVerdict(): boolean {
    return this.verdict === undefined && this._text !== '';
  }

  /** Characters (other than whitespace) of the text the user typed through before any verdict. */
  get agreedChars(): number {
    return this._text.slice(0, this.typedEnd).replace(/\s/g, '').length;
  }

  /** The ghost text this session offers at a state where the user typed `typed` after the anchor. */
  answer(typed: string): SessionAnswer {
    // A stream that failed before a rule or the model ended it was cut: none of its text is
    // offered as if it were whole (the status shows the error instead).
    if (this._abortReason === 'error') return NONE;
    const alignment = alignTyped(this._text, typed);
    if (alignment.kind !== 'at') return this.live && alignment.kind === 'ahead' ? WAIT : NONE;
    const { offset, replaceBefore } = alignment;
    const visibility: Visibility = !this.live ? 'final' : this.partialAllowed ? 'partial' : 'lines';
    const text = this.answerText(offset, visibility);
    if (text !== undefined) return { kind: 'text', text, typed, offset, replaceBefore, partial: this.live && endsMidLine(this._text.slice(offset), text, visibility) };
    return this.live ? WAIT : NONE;
  }

  private answerText(offset: number, visibility: Visibility): string | undefined {
    const remaining = this._text.slice(offset);
    if (this._state !== 'aborted') return visibleText(remaining, visibility);
    // An aborted stream may have stopped mid-word: only what is certain is shown, and what was
    // shown already (the user may be typing through it).
    const certain = visibleText(remaining, 'partial') ?? '';
    const shown = this._text.slice(offset, this.shownEnd).trimEnd();
    const text = shown.length > certain.length ? shown : certain;
    return text.trim() ? text : undefined;
  }

  /** Records that `text` was returned to the editor as the text from `offset` on. */
  noteShown(offset: number, text: string): void {
    const record = this.record;
    if (this._text.startsWith(text, offset)) this.shownEnd = Math.max(this.shownEnd, offset + text.length);
    const now = this.init.clock.now();
    record.shownAt ??= now;
    record.answers++;
    const lines = text.split('\n').filter((line) => !isBlank(line)).length;
    record.linesShown = Math.max(record.linesShown, lines);
    this.noteUsed(offset + text.length);
  }

  /** Records that the user's text now covers `chars` characters of this session's text. */
  noteUsed(chars: number): void {
    const record = this.record;
    if (chars <= record.charsUsed) return;
    record.charsUsed = Math.min(chars, this._text.length);
    updateWaste(record);
    this.init.onRecordChange();
  }

  noteAccepted(): void {
    this.record.acceptedAt = this.init.clock.now();
    this.follow();
    this.init.onRecordChange();
  }

  /**
   * The user follows this stream: they accepted text of it, or of the suggestion it continues (a
   * prefetch of the state after Tab). What it has of the next line shows at once, so that after
   * Tab the next suggestion is already there; it grows as the line does.
   */
  follow(): void {
    this.followed = true;
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
      const subscription = this.changed.event(() => done(true));
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  dispose(): void {
    this.abort('disposed');
    this.changed.dispose();
  }
}
