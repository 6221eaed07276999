// The earlier `@rill` turns of a VS Code chat conversation, as the chat panel's turns: VS Code
// passes a participant only its own turns; each answer keeps, in its result's metadata, the context
// it was given and the model's own text (without Rill's notes), and a `/continue` answer is the
// rest of the answer before it.
import * as vscode from 'vscode';
import type { ContextItem, Turn } from '../chat/model';
import type { FinishReason } from '../llm/types';
import { EXPLAIN_SELECTION_PROMPT, FILE_OVERVIEW_PROMPT } from './askCommands';
import { EXPLAIN_COMMAND, FILE_COMMAND } from './nativeParticipantContext';

export const CONTINUE_COMMAND = 'continue';

/** What an answer keeps for the next turns (JSON, stored by VS Code with the conversation). */
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

export function historyTurns(history: vscode.ChatContext['history']): HistoryTurn[] {
  const turns: HistoryTurn[] = [];
  for (let i = 0; i + 1 < history.length; i++) {
    const asked = history[i];
    const answered = history[i + 1];
    if (!(asked instanceof vscode.ChatRequestTurn) || !(answered instanceof vscode.ChatResponseTurn)) continue;
    i++;
    const metadata = answered.result.metadata as Partial<AnswerMetadata> | undefined;
    const answer = typeof metadata?.answer === 'string' ? metadata.answer : markdownOf(answered);
    const continuable = metadata?.continuable === true;
    const previous = turns[turns.length - 1];
    if (asked.command === CONTINUE_COMMAND) {
      // The rest of the answer before it: one answer for the model, as the panel keeps it.
      if (previous) turns[turns.length - 1] = { ...previous, answer: previous.answer + answer, continuable };
      continue;
    }
    const question = asked.prompt.trim() || (asked.command === EXPLAIN_COMMAND ? EXPLAIN_SELECTION_PROMPT : asked.command === FILE_COMMAND ? FILE_OVERVIEW_PROMPT : '');
    const context = Array.isArray(metadata?.context) ? metadata.context : [];
    turns.push({ id: `history-${turns.length}`, question, context, answer, status: 'done', model: metadata?.model ?? '', askedAt: 0, continuable });
  }
  return turns;
}

function markdownOf(answered: vscode.ChatResponseTurn): string {
  return answered.response.map((part) => (part instanceof vscode.ChatResponseMarkdownPart ? part.value.value : '')).join('');
}
