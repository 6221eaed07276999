// When an answer can be continued from its partial text, when that happens without asking, and the
// messages that ask the model to go on from exactly there.
import type { LlmError, LlmErrorKind } from '../llm/errors';
import { retryingNote } from '../protocol/retryWait';
import type { ChatMessage } from '../llm/types';
import type { AnswerError, Turn } from './model';
import { buildChatMessages, type PromptOptions } from './prompt';

/** Failures after which the partial answer is worth continuing (the user decides). */
const CONTINUABLE = new Set(['network', 'stalled', 'server', 'overloaded', 'rate-limited', 'interrupted']);

/** An answer saved while it streamed, found so when the chat reopens: the window closed or reloaded. */
export function interruptedByClose(): AnswerError {
  return { kind: 'interrupted', message: 'The answer was cut off when the window closed or reloaded.' };
}

/**
 * Failures that are resumed once without asking: a dropped connection, a stall, a 5xx, an
 * overloaded server. Never auth, a bad request or a prompt too long (asking again changes nothing),
 * nor a rate limit (the server asked us to wait).
 */
const TRANSIENT = new Set(['network', 'stalled', 'server', 'overloaded']);

/** Whether the answer of `turn` can be continued: text arrived and the way it ended allows it. */
export function canContinue(turn: Turn): boolean {
  if (turn.answer.trim() === '') return false;
  if (turn.status === 'done') return turn.finishReason === 'length';
  return turn.status === 'error' && turn.error !== undefined && CONTINUABLE.has(turn.error.kind);
}

/**
 * Whether a failure after `answer` arrived is resumed without asking. A server that answered 200
 * but not as a stream (or with nothing) would answer the same way again.
 */
export function resumesByItself(error: LlmError, answer: string): boolean {
  if (answer.trim() === '' || !TRANSIENT.has(error.kind)) return false;
  return error.status === undefined || error.status >= 500;
}

/** Shorter waits before a request is asked again are no news to the reader (a backoff). */
export const NOTED_RETRY_MS = 1000;

/**
 * What the reader is told while the request waits `waitMs` to be asked again (before any text of it
 * came): undefined for a short backoff. The chat panel, `@rill` in VS Code's chat and Generate say it.
 */
export function retryNoteFor(kind: LlmErrorKind, waitMs: number): string | undefined {
  return waitMs >= NOTED_RETRY_MS ? retryNote(kind, waitMs) : undefined;
}

/** What the reader sees while the request waits to be asked again (before any text of it came). */
function retryNote(kind: LlmErrorKind, waitMs: number): string {
  return retryingNote(retryReason(kind), waitMs);
}

/** Why a request waits to be asked again, as the reader is told it. */
export function retryReason(kind: LlmErrorKind): string {
  return kind === 'rate-limited' ? 'The server is rate limiting requests' : kind === 'overloaded' ? 'The server is overloaded' : kind === 'network' ? 'The connection failed' : 'The server failed';
}

/** What the reader sees while an answer cut by `error` is continued by itself. */
export function resumingNote(error: LlmError): string {
  const why = error.kind === 'network' ? 'The connection was lost' : error.kind === 'stalled' ? 'The server stopped sending' : 'The server failed';
  return `${why}; continuing the answer from where it was cut off…`;
}

/**
 * The messages that ask for the rest of `turns[index]`'s answer: the conversation as for the
 * answer itself, then the partial answer as the assistant's message, which the provider sends as a
 * prefill (or, where the server has none, with an instruction to go on). Trailing whitespace is
 * left out: Anthropic rejects a prefill ending with it, and tokenizers expect it in the next token.
 */
export function continuationMessages(turns: readonly Turn[], index: number, options: PromptOptions): ChatMessage[] {
  const turn = turns[index];
  if (!turn) throw new RangeError(`no turn at ${index}`);
  return [...buildChatMessages(turns, index, options), { role: 'assistant', content: turn.answer.trimEnd() }];
}
