// The chat's data in the extension host: conversations made of turns (a question with its context,
// and the answer streamed for it). Plain readonly data, so a snapshot can be stored or sent as is.
import { codePointBoundary } from '../base/codePoints';
import type { ErrorRemedy } from '../llm/errors';
import type { FinishReason } from '../llm/types';

/** A piece of the workspace attached to a question: a selection or a whole file. */
export interface ContextItem {
  readonly id: string;
  /** What the user sees on the chip, e.g. "main.ts:10-24". */
  readonly label: string;
  readonly text: string;
  /** Markdown fence language of the text, when known. */
  readonly language?: string;
  /** Estimated tokens of `text`, shown on the chip. */
  readonly tokens: number;
}

/**
 * `streaming`: text is arriving. `done`: the model finished. `stopped`: the user stopped it; the
 * partial answer is kept. `error`: the stream failed; whatever arrived before is kept.
 */
export type AnswerStatus = 'streaming' | 'done' | 'stopped' | 'error';

export interface AnswerError {
  /**
   * An `LlmErrorKind`, `internal` for a failure of Rill itself, or `interrupted` for an answer
   * that was streaming when the window closed or reloaded.
   */
  readonly kind: string;
  /** What the user can do about it. */
  readonly message: string;
  /** The fix beyond the kind's own (remedyOf): Rill's default local server not running wants another provider. */
  readonly remedy?: ErrorRemedy;
  /**
   * The server said when to ask again (Retry-After): the wait it gave (`message` tells it as
   * "Retry in 45 s.") and when that is (`deps.now()`'s time base). Retry is not offered before.
   */
  readonly retry?: { readonly afterMs: number; readonly at: number };
}

export interface Turn {
  readonly id: string;
  readonly question: string;
  readonly context: readonly ContextItem[];
  readonly answer: string;
  readonly status: AnswerStatus;
  /** Why the model ended, for a `done` answer (`length`: cut off at the token limit). */
  readonly finishReason?: FinishReason;
  readonly error?: AnswerError;
  /** The model that wrote the answer. */
  readonly model: string;
  readonly askedAt: number;
  readonly endedAt?: number;
  readonly outputTokens?: number;
  /** How many times the answer was continued from its partial text (by Continue or by itself). */
  readonly continued?: number;
  /**
   * While it streams, what the answer is waiting for, shown in place of "Responding…" (the
   * connection dropped and it is being continued); gone once text comes again.
   */
  readonly progress?: string;
  /** While it streams: the request waits to be asked again (`why`), until `at` (`deps.now()`'s time base). */
  readonly retrying?: { readonly why: string; readonly at: number };
}

export interface Conversation {
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly turns: readonly Turn[];
}

/** The title of a conversation: the first line of its first question, shortened. */
export function titleFor(question: string): string {
  const line = question.trim().split('\n', 1)[0] ?? '';
  return line.length > 60 ? `${line.slice(0, codePointBoundary(line, 59, 'back'))}…` : line || 'New chat';
}
