// An answer the token limit ended before any text, said the same in the chat panel and in @rill.
import type { AnswerError } from './model';

/**
 * The token limit ran out before any text: a reasoning model (o3, gpt-5, Claude with thinking)
 * counts its thinking in the limit and can spend all of it there. Retrying as is ends the same way.
 */
export function limitSpentBeforeText(maxTokens: number | undefined): AnswerError {
  const limit = maxTokens === undefined ? '' : ` of ${maxTokens}`;
  return {
    kind: 'bad-request',
    message: `The model used up the token limit${limit} before writing any answer: a reasoning model spends tokens thinking first. Raise "rill.chat.maxTokens", then Retry.`,
  };
}
