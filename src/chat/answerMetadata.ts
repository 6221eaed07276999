// What an `@rill` answer in VS Code's chat keeps for the turns after it (JSON in its result's
// metadata, stored by VS Code with the conversation), and the turn it becomes again as history.
import type { ContextItem, Turn } from './model';
import type { FinishReason } from '../llm/types';

export interface AnswerMetadata {
  readonly context: readonly ContextItem[];
  readonly model: string;
  /** The model's text this response showed. */
  readonly answer: string;
  readonly finishReason?: FinishReason;
  readonly errorKind?: string;
  /** Cut by the token limit or a failure after some text: `/continue` can go on from it. */
  readonly continuable?: boolean;
}

export interface HistoryTurn extends Turn {
  readonly continuable: boolean;
}

/**
 * The turn an earlier answer was: `answer` is its text (the metadata's, or what the response
 * showed when it has none); an answer that failed keeps its error's kind, so that the prompt can
 * leave out one the provider's safety system declined.
 */
export function historyTurn(id: string, question: string, metadata: Partial<AnswerMetadata> | undefined, answer: string): HistoryTurn {
  const context = Array.isArray(metadata?.context) ? metadata.context : [];
  return { id, question, context, answer, model: metadata?.model ?? '', askedAt: 0, ...historyEnd(metadata) };
}

/** How an answer ended, as its turn keeps it; for a `/continue` answer, how the whole answer did. */
export function historyEnd(metadata: Partial<AnswerMetadata> | undefined): Pick<HistoryTurn, 'status' | 'error' | 'continuable'> {
  const continuable = metadata?.continuable === true;
  const errorKind = typeof metadata?.errorKind === 'string' ? metadata.errorKind : undefined;
  return errorKind ? { status: 'error', error: { kind: errorKind, message: '' }, continuable } : { status: 'done', continuable };
}
