// One `@rill` answer streamed into VS Code's chat: the model's text goes out as markdown as it
// arrives, and an answer cut by a transient failure after some text (a dropped connection, a stall,
// a 5xx, an overloaded server) is continued once from its partial text, as the chat panel does
// (`rill.chat.autoResume`): the partial answer goes as the assistant's message and the seam drops
// the words a model repeats. A continuation asked for with `/continue` runs the same way.
import type * as vscode from 'vscode';
import type { Turn } from '../chat/model';
import { buildChatMessages, DEFAULT_PROMPT_OPTIONS } from '../chat/prompt';
import { continuationMessages, resumesByItself, retryNoteFor } from '../chat/resume';
import { type SeamOutput, SeamJoiner } from '../chat/seam';
import { isLlmError } from '../llm/errors';
import type { Logger } from '../base/logger';
import type { FinishReason, LlmProvider } from '../llm/types';

export interface AnswerRun {
  readonly provider: LlmProvider;
  /** The conversation; the last turn is the one answered, its `answer` the text to continue (or ''). */
  readonly turns: readonly Turn[];
  /** Go on from the last turn's partial answer instead of answering it afresh. */
  readonly continuing: boolean;
  /** `progress`: a wait before the request is asked again is said there, before any text. */
  readonly stream: Pick<vscode.ChatResponseStream, 'markdown' | 'progress'>;
  readonly signal: AbortSignal;
  readonly maxTokens: number;
  readonly temperature: number;
  /** `rill.chat.autoResume`. */
  readonly autoResume: boolean;
  readonly log: Logger;
}

/** How the answer ended, with the model's text this response showed. */
export type AnswerEnd =
  | { readonly kind: 'ended'; readonly finishReason: FinishReason; readonly text: string; readonly resumed: boolean }
  | { readonly kind: 'failed'; readonly error: unknown; readonly text: string; readonly resumed: boolean };

export async function streamAnswer(run: AnswerRun): Promise<AnswerEnd> {
  const last = run.turns[run.turns.length - 1];
  if (!last) throw new RangeError('no turn to answer');
  const before = run.continuing ? last.answer : '';
  let text = '';
  let continuing = run.continuing;
  let resumed = false;
  for (;;) {
    // Each request sees everything the answer has so far: what came before and what this response showed.
    const turns = [...run.turns.slice(0, -1), { ...last, answer: before + text }];
    const index = turns.length - 1;
    const messages = continuing ? continuationMessages(turns, index, DEFAULT_PROMPT_OPTIONS) : buildChatMessages(turns, index, DEFAULT_PROMPT_OPTIONS);
    const seam = continuing ? new SeamJoiner(before + text) : undefined;
    const show = (piece: string): void => {
      if (!piece) return;
      run.stream.markdown(piece);
      text += piece;
    };
    const join = (output: SeamOutput): void => {
      if (output.kind === 'append') return show(output.text);
      // VS Code's chat cannot take back what it showed: the new answer goes below a note, apart.
      run.log.info('@rill: the server started the answer over instead of continuing it.');
      run.stream.markdown('\n\n*The server started the answer over:*');
      show(`\n\n${output.text}`);
    };
    try {
      let finishReason: FinishReason = 'other';
      for await (const event of run.provider.stream({ kind: 'chat', messages, maxTokens: run.maxTokens, temperature: run.temperature }, run.signal)) {
        if (event.type === 'text') {
          if (seam) join(seam.push(event.text));
          else show(event.text);
        } else if (event.type === 'end') finishReason = event.finishReason;
        else if (event.type === 'retrying') {
          // Only before this response showed text: a progress line cannot go inside the answer.
          const note = retryNoteFor(event.kind, event.waitMs);
          if (note && text === '') run.stream.progress(note);
        }
      }
      if (seam) join(seam.end());
      return { kind: 'ended', finishReason, text, resumed };
    } catch (error) {
      if (seam) join(seam.end());
      if (resumed || !run.autoResume || run.signal.aborted || !isLlmError(error) || !resumesByItself(error, before + text)) {
        return { kind: 'failed', error, text, resumed };
      }
      // Once, like the chat panel: a second cut is shown with its error and /continue.
      resumed = true;
      continuing = true;
      run.log.info(`@rill: the answer was cut (${error.kind}); continuing from its last ${Math.min((before + text).length, 40)} characters.`);
    }
  }
}
