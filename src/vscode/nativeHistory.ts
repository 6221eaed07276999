// The earlier `@rill` turns of a VS Code chat conversation, as the chat panel's turns: VS Code
// passes a participant only its own turns; each answer keeps, in its result's metadata, the context
// it was given and the model's own text (without Rill's notes), and a `/continue` answer is the
// rest of the answer before it.
import * as vscode from 'vscode';
import { type AnswerMetadata, type HistoryTurn, historyEnd, historyTurn } from '../chat/answerMetadata';
import { EXPLAIN_SELECTION_PROMPT, FILE_OVERVIEW_PROMPT } from './askCommands';
import { EXPLAIN_COMMAND, FILE_COMMAND } from './nativeParticipantContext';

export const CONTINUE_COMMAND = 'continue';

export type { AnswerMetadata, HistoryTurn } from '../chat/answerMetadata';

export function historyTurns(history: vscode.ChatContext['history']): HistoryTurn[] {
  const turns: HistoryTurn[] = [];
  for (let i = 0; i + 1 < history.length; i++) {
    const asked = history[i];
    const answered = history[i + 1];
    if (!(asked instanceof vscode.ChatRequestTurn) || !(answered instanceof vscode.ChatResponseTurn)) continue;
    i++;
    const metadata = answered.result.metadata as Partial<AnswerMetadata> | undefined;
    const answer = typeof metadata?.answer === 'string' ? metadata.answer : markdownOf(answered);
    const previous = turns[turns.length - 1];
    if (asked.command === CONTINUE_COMMAND) {
      // The rest of the answer before it: one answer for the model, as the panel keeps it.
      if (previous) turns[turns.length - 1] = { ...previous, answer: previous.answer + answer, error: undefined, ...historyEnd(metadata) };
      continue;
    }
    const question = asked.prompt.trim() || (asked.command === EXPLAIN_COMMAND ? EXPLAIN_SELECTION_PROMPT : asked.command === FILE_COMMAND ? FILE_OVERVIEW_PROMPT : '');
    turns.push(historyTurn(`history-${turns.length}`, question, metadata, answer));
  }
  return turns;
}

function markdownOf(answered: vscode.ChatResponseTurn): string {
  return answered.response.map((part) => (part instanceof vscode.ChatResponseMarkdownPart ? part.value.value : '')).join('');
}
