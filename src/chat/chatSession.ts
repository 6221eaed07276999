// The conversation being shown, and the one answer that may be streaming into it. Owns the
// stream's AbortController: Stop aborts the socket at once and keeps the partial answer; a failed
// stream keeps its partial text next to the error. Knows nothing of VS Code or the webview.
import { isLlmError } from '../llm/errors';
import type { Logger } from '../base/logger';
import { incompleteStream } from '../llm/streamEnd';
import type { FinishReason, LlmProvider } from '../llm/types';
import { type Clock, systemClock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import { Emitter } from '../base/event';
import { ConversationSaver } from './conversationSaver';
import type { ChatHistory } from './history';
import { limitSpentBeforeText } from './limitSpent';
import { type AnswerError, type AnswerStatus, type ContextItem, type Conversation, type Turn, titleFor } from './model';
import { buildChatMessages, DEFAULT_PROMPT_OPTIONS, type PromptOptions } from './prompt';
import { canContinue, continuationMessages, interruptedByClose, resumesByItself, resumingNote, retryNoteFor, retryReason } from './resume';
import { type SeamOutput, SeamJoiner } from './seam';

export interface ChatSessionDeps {
  /** The chat provider as configured now; may reject (e.g. no key), which fails the answer. */
  readonly provider: () => Promise<LlmProvider>;
  readonly requestOptions: () => { readonly maxTokens?: number; readonly temperature?: number };
  readonly history: ChatHistory;
  readonly now: () => number;
  readonly newId: () => string;
  readonly prompt?: PromptOptions;
  readonly log?: Logger;
  /** Whether an answer cut by a transient failure is continued once without asking (the setting; default here: no). */
  readonly autoResume?: () => boolean;
  /** Times the throttled saves of a streaming answer (default: the system clock). */
  readonly clock?: Clock;
}

/** A conversation deleted from history, as Undo brings it back. */
export interface DeletedConversation {
  readonly conversation: Conversation;
  /** Its place in history's newest-first list. */
  readonly index: number;
  /** It was open in the chat. */
  readonly wasOpen: boolean;
  /** The empty chat its deletion opened in its place. */
  readonly emptyChatId: string | undefined;
}

/** How one request of an answer ended. */
type Attempt =
  | { readonly kind: 'ended'; readonly finishReason: FinishReason; readonly outputTokens?: number }
  | { readonly kind: 'failed'; readonly error: unknown; readonly outputTokens?: number };

/** Text added to the end of a streaming answer; `offset` is the answer's length before it. */
export interface AnswerAppend {
  readonly conversationId: string;
  readonly turnId: string;
  readonly offset: number;
  readonly text: string;
}

interface ActiveStream {
  readonly turnId: string;
  readonly controller: AbortController;
  /** The failure being continued by itself, until the continuation brings text: a Stop then leaves the answer cut. */
  cut?: AnswerError;
}

export class ChatSession implements Disposable {
  private current: Conversation;
  private active: ActiveStream | undefined;
  private readonly changed = new Emitter<void>();
  private readonly appended = new Emitter<AnswerAppend>();
  /** Anything but appended text changed: a turn started or ended, another conversation opened. */
  readonly onDidChange = this.changed.event;
  /** Text arrived for the streaming answer. */
  readonly onDidAppend = this.appended.event;
  private readonly saver: ConversationSaver;

  constructor(private readonly deps: ChatSessionDeps) {
    this.current = this.emptyConversation();
    this.saver = new ConversationSaver(deps.history, deps.clock ?? systemClock, deps.log);
  }

  get conversation(): Conversation {
    return this.current;
  }

  get isStreaming(): boolean {
    return this.active !== undefined;
  }

  /** Asks a new question; a running answer is stopped first. Resolves when the answer ended. */
  send(question: string, context: readonly ContextItem[] = []): Promise<void> {
    this.stop();
    const turn: Turn = {
      id: this.deps.newId(),
      question,
      context,
      answer: '',
      status: 'streaming',
      model: '',
      askedAt: this.deps.now(),
    };
    const turns = [...this.current.turns, turn];
    this.current = {
      ...this.current,
      title: this.current.turns.length === 0 ? titleFor(question) : this.current.title,
      turns,
      updatedAt: turn.askedAt,
    };
    // Saved before any answer: a window closed while the model thinks keeps the question.
    this.saver.saveNow(this.current);
    this.rememberOpen(this.current.id);
    return this.run(turn.id);
  }

  /** Aborts the streaming answer at once; its text so far stays, marked stopped. */
  stop(): void {
    const active = this.active;
    if (!active) return;
    this.active = undefined;
    active.controller.abort();
    // Stopped while it was being continued by itself: the user stopped the retry, and the answer
    // is as cut as before it, with Continue offered.
    if (active.cut) this.finish(active.turnId, { status: 'error', error: active.cut });
    else this.finish(active.turnId, { status: 'stopped', finishReason: 'aborted' });
  }

  /** Streams a fresh answer for the last turn (after an error, a stop, or to get another answer). */
  regenerate(turnId: string): Promise<void> {
    return this.restartLast(turnId, undefined);
  }

  /**
   * Asks the model to go on from the last answer's partial text (cut by a dropped connection, a
   * stall, a server error or the token limit); what it writes is appended to the same answer.
   */
  continue(turnId: string): Promise<void> {
    const last = this.current.turns[this.current.turns.length - 1];
    if (!last || last.id !== turnId || this.active || !canContinue(last)) return Promise.resolve();
    return this.run(turnId, 'continue');
  }

  /** Replaces the last question with `question` and streams a fresh answer to it. */
  editAndResend(turnId: string, question: string): Promise<void> {
    return this.restartLast(turnId, question);
  }

  /** Starts an empty conversation; a running answer is stopped and kept in history. */
  newConversation(): void {
    this.stop();
    this.current = this.emptyConversation();
    // An empty chat is in no history: after a reload the chat opens empty again.
    this.rememberOpen(undefined);
    this.changed.fire();
  }

  /**
   * Deletes a conversation from history. The one open in the chat goes too (an empty chat shows):
   * left open, its next question or streamed text would save it back into history. Returns what
   * `undoForget` needs to bring it back (undefined when history did not have it).
   */
  async forget(conversationId: string): Promise<DeletedConversation | undefined> {
    const wasOpen = this.current.id === conversationId;
    // A streaming answer is stopped (and saved so) first: what comes back is what was deleted.
    if (wasOpen) this.newConversation();
    const index = this.deps.history.list().findIndex((c) => c.id === conversationId);
    const conversation = this.deps.history.get(conversationId);
    await this.deps.history.delete(conversationId);
    return conversation ? { conversation, index, wasOpen, emptyChatId: wasOpen ? this.current.id : undefined } : undefined;
  }

  /**
   * Undo of `forget`: the conversation goes back into history where it was, with its messages and
   * title, and is reopened if it was open and the chat still shows the empty chat its deletion
   * left (a question asked since is not taken off the screen). Returns whether it was reopened.
   */
  async undoForget(deleted: DeletedConversation): Promise<boolean> {
    await this.deps.history.restore(deleted.conversation, deleted.index);
    const untouched = this.current.id === deleted.emptyChatId && this.current.turns.length === 0;
    return deleted.wasOpen && untouched && this.open(deleted.conversation.id);
  }

  /**
   * Shows the conversation that was open when the window last closed or reloaded, as VS Code's
   * own chat does. False when there was none (or history no longer has it): the chat stays empty.
   */
  reopenLast(): boolean {
    const id = this.deps.history.openId;
    return id !== undefined && this.open(id);
  }

  /** Shows a conversation from history. False when it no longer exists. */
  open(conversationId: string): boolean {
    if (!this.deps.history.get(conversationId)) return false;
    // Stopped first: the answer stopped may be in the conversation to open, and is saved as it ends.
    this.stop();
    const stored = this.deps.history.get(conversationId);
    if (!stored) return false;
    // An answer saved while streaming was cut off when the window closed: its text so far shows as
    // cut, and can be continued as after a dropped connection.
    const turns = stored.turns.map((t): Turn => (t.status === 'streaming' ? { ...t, status: 'error', error: interruptedByClose() } : t));
    this.current = { ...stored, turns };
    this.rememberOpen(stored.id);
    this.changed.fire();
    return true;
  }

  /** The window closes: a streaming answer is cut off (not stopped by the user) and saved so. */
  dispose(): void {
    const active = this.active;
    this.active = undefined;
    active?.controller.abort();
    if (active) this.finish(active.turnId, { status: 'error', error: interruptedByClose() });
    this.saver.dispose();
    this.changed.dispose();
    this.appended.dispose();
  }

  private restartLast(turnId: string, question: string | undefined): Promise<void> {
    const last = this.current.turns[this.current.turns.length - 1];
    // Only the last answer can be re-run: later turns were written in reply to the earlier ones.
    if (!last || last.id !== turnId || this.active) return Promise.resolve();
    const turn: Turn = {
      id: last.id,
      question: question ?? last.question,
      context: last.context,
      answer: '',
      status: 'streaming',
      model: '',
      askedAt: this.deps.now(),
    };
    this.current = {
      ...this.current,
      title: this.current.turns.length === 1 && question !== undefined ? titleFor(question) : this.current.title,
      turns: [...this.current.turns.slice(0, -1), turn],
      updatedAt: turn.askedAt,
    };
    this.saver.saveNow(this.current);
    return this.run(turn.id);
  }

  private async run(turnId: string, how: 'answer' | 'continue' = 'answer'): Promise<void> {
    const controller = new AbortController();
    const active: ActiveStream = { turnId, controller };
    this.active = active;
    const isLive = (): boolean => this.active === active;
    let mode = how;
    let resumedByItself = false;
    for (;;) {
      if (mode === 'continue') this.update(turnId, ({ error: _error, finishReason: _finish, ...t }) => ({ ...t, status: 'streaming', continued: (t.continued ?? 0) + 1 }));
      this.changed.fire();
      const attempt = await this.attempt(turnId, mode, controller.signal, isLive);
      if (!isLive()) return;
      const answer = this.current.turns.find((t) => t.id === turnId)?.answer ?? '';
      if (attempt.kind === 'failed') {
        const error = attempt.error;
        // A transient drop after some text resumes once without asking; the next one offers Continue.
        if (!resumedByItself && (this.deps.autoResume?.() ?? false) && isLlmError(error) && resumesByItself(error, answer)) {
          resumedByItself = true;
          mode = 'continue';
          active.cut = toAnswerError(error, this.deps.now());
          this.update(turnId, (t) => ({ ...t, progress: resumingNote(error) }));
          this.deps.log?.info(`Chat: the answer was cut (${error.kind}); continuing from its last ${Math.min(answer.length, 40)} characters.`);
          continue;
        }
        this.active = undefined;
        controller.abort();
        const failure = toAnswerError(error, this.deps.now());
        // In the log as completion's failures are (the message names the key, never holds it).
        this.deps.log?.warn(`Chat request failed (${failure.kind}): ${failure.message}`);
        this.finish(turnId, { status: 'error', error: failure, outputTokens: attempt.outputTokens });
        return;
      }
      this.active = undefined;
      if (attempt.finishReason === 'length' && answer.trim() === '') {
        const failure = limitSpentBeforeText(this.deps.requestOptions().maxTokens);
        this.deps.log?.warn(`Chat request failed (${failure.kind}): ${failure.message}`);
        this.finish(turnId, { status: 'error', error: failure, outputTokens: attempt.outputTokens });
        return;
      }
      const status: AnswerStatus = attempt.finishReason === 'aborted' ? 'stopped' : 'done';
      this.finish(turnId, { status, finishReason: attempt.finishReason, outputTokens: attempt.outputTokens });
      return;
    }
  }

  /** One request: the answer from scratch, or its continuation joined at the seam. */
  private async attempt(turnId: string, mode: 'answer' | 'continue', signal: AbortSignal, isLive: () => boolean): Promise<Attempt> {
    let outputTokens: number | undefined;
    const index = this.current.turns.findIndex((t) => t.id === turnId);
    const seam = mode === 'continue' ? new SeamJoiner(this.current.turns[index]?.answer ?? '') : undefined;
    const add = (text: string): void => (seam ? this.join(turnId, seam.push(text)) : this.append(turnId, text));
    try {
      const provider = await this.deps.provider();
      if (!isLive()) return { kind: 'ended', finishReason: 'aborted' };
      this.update(turnId, (t) => ({ ...t, model: provider.model }));
      // The answer's header names its model from the start, not only once the answer ends.
      this.changed.fire();
      const options = this.deps.prompt ?? DEFAULT_PROMPT_OPTIONS;
      const messages = mode === 'continue' ? continuationMessages(this.current.turns, index, options) : buildChatMessages(this.current.turns, index, options);
      const request = { kind: 'chat' as const, messages, ...this.deps.requestOptions() };
      let finishReason: FinishReason | undefined;
      for await (const event of provider.stream(request, signal)) {
        if (!isLive()) break;
        if (event.type === 'text') add(event.text);
        else if (event.type === 'usage') outputTokens = event.outputTokens ?? outputTokens;
        else if (event.type === 'end') finishReason = event.finishReason;
        else if (event.type === 'retrying') {
          const note = retryNoteFor(event.kind, event.waitMs);
          if (note) this.note(turnId, note, { why: retryReason(event.kind), at: this.deps.now() + event.waitMs });
        }
      }
      if (!isLive()) return { kind: 'ended', finishReason: 'aborted' };
      if (seam) this.join(turnId, seam.end());
      // A provider stream that stopped without saying how the answer ended was cut short.
      if (finishReason === undefined) throw incompleteStream('the server');
      return { kind: 'ended', finishReason, outputTokens };
    } catch (error) {
      if (seam && isLive()) this.join(turnId, seam.end());
      return { kind: 'failed', error, outputTokens };
    }
  }

  /** Applies what the seam made of a piece of continuation. */
  private join(turnId: string, output: SeamOutput): void {
    if (output.kind === 'append') return this.append(turnId, output.text);
    // The server answered again from the start instead of going on: its new answer replaces the
    // cut one (the page redraws from the snapshot), and it is not labelled as continued.
    this.deps.log?.info('Chat: the server started the answer over instead of continuing it; its new answer replaces the cut one.');
    this.textCame(turnId);
    this.update(turnId, ({ continued: _continued, ...t }) => ({ ...t, answer: output.text }));
    this.changed.fire();
    this.saver.saveSoon(this.current);
  }

  /** Shows what the streaming answer waits for, until its text comes; `retrying`: a wait the page counts down. */
  private note(turnId: string, progress: string, retrying?: Turn['retrying']): void {
    this.update(turnId, ({ retrying: _retrying, ...t }) => ({ ...t, progress, ...(retrying ? { retrying } : {}) }));
    this.changed.fire();
  }

  /** Text came for the answer: a note on what it waited for goes, and so does a resume's cut. */
  private textCame(turnId: string): void {
    if (this.active?.turnId === turnId) this.active.cut = undefined;
    if (this.current.turns.some((t) => t.id === turnId && t.progress !== undefined)) {
      this.update(turnId, ({ progress: _progress, retrying: _retrying, ...t }) => t);
      this.changed.fire();
    }
  }

  private append(turnId: string, text: string): void {
    if (text.length === 0) return;
    this.textCame(turnId);
    let offset = 0;
    this.update(turnId, (t) => {
      offset = t.answer.length;
      return { ...t, answer: t.answer + text };
    });
    this.appended.fire({ conversationId: this.current.id, turnId, offset, text });
    this.saver.saveSoon(this.current);
  }

  private finish(
    turnId: string,
    end: { status: AnswerStatus; finishReason?: FinishReason; error?: AnswerError; outputTokens?: number },
  ): void {
    const endedAt = this.deps.now();
    this.update(turnId, ({ progress: _progress, retrying: _retrying, ...t }) => ({ ...t, ...end, endedAt }));
    this.current = { ...this.current, updatedAt: endedAt };
    this.changed.fire();
    this.saver.saveNow(this.current);
  }

  private rememberOpen(id: string | undefined): void {
    this.deps.history.setOpen(id).catch((error: unknown) => {
      this.deps.log?.warn(`Chat history could not be saved: ${String(error)}`);
    });
  }

  private update(turnId: string, change: (turn: Turn) => Turn): void {
    this.current = {
      ...this.current,
      turns: this.current.turns.map((t) => (t.id === turnId ? change(t) : t)),
    };
  }

  private emptyConversation(): Conversation {
    const now = this.deps.now();
    return { id: this.deps.newId(), title: 'New chat', createdAt: now, updatedAt: now, turns: [] };
  }
}

/** The failure as the turn keeps it; `now`: when it came, from which a server's Retry-After counts. */
function toAnswerError(error: unknown, now: number): AnswerError {
  if (isLlmError(error)) {
    const retry = error.retryAfterMs !== undefined && error.retryAfterMs > 0 ? { retry: { afterMs: error.retryAfterMs, at: now + error.retryAfterMs } } : {};
    return { kind: error.kind, message: error.message, ...(error.remedy ? { remedy: error.remedy } : {}), ...retry };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `Rill failed while streaming the answer: ${message}` };
}
