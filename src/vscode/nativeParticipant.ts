// `@rill` in VS Code's chat view: the question, with what `/explain`, `/file` and the user's
// references attach, goes to Rill's chat model (or to the model picked in the chat view when it is
// one of Rill's), and the answer streams back as markdown. The chat's Stop cancels the request's
// token, which closes the socket at once; a failure keeps the text that arrived and shows Rill's
// message. Earlier `@rill` turns of the conversation are sent as history, as in the chat panel.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ContextItem, Turn } from '../chat/model';
import { buildChatMessages } from '../chat/prompt';
import { isLlmError } from '../llm/errors';
import type { FinishReason, LlmProvider } from '../llm/types';
import { EXPLAIN_SELECTION_PROMPT, FILE_OVERVIEW_PROMPT } from './askCommands';
import { EditorTracker } from './chatEditor';
import type { RillLog } from './log';
import { NATIVE_VENDOR } from './nativeModelInfo';
import { EXPLAIN_COMMAND, FILE_COMMAND, gatherContext } from './nativeParticipantContext';
import type { ProviderRegistry } from './providers';

export const PARTICIPANT_ID = 'rill.participant';

/** What an answer keeps for the next turns: the context it was given (JSON, stored by VS Code). */
interface AnswerMetadata {
  readonly context: readonly ContextItem[];
  readonly model: string;
  readonly finishReason?: FinishReason;
  readonly errorKind?: string;
}

export class RillParticipant implements vscode.Disposable {
  private readonly participant: vscode.ChatParticipant;
  private readonly editors = new EditorTracker();

  constructor(
    private readonly providers: ProviderRegistry,
    private readonly log: RillLog,
    private readonly record: (provider: LlmProvider) => LlmProvider,
    extensionUri: vscode.Uri,
  ) {
    this.participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, (request, context, stream, token) => this.answer(request, context, stream, token));
    this.participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'rill.svg');
  }

  private async answer(request: vscode.ChatRequest, context: vscode.ChatContext, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    const gathered = await gatherContext(request, this.editors.editor);
    if ('problem' in gathered) {
      stream.markdown(gathered.problem);
      return {};
    }
    if ('cancelled' in gathered) return {};
    for (const reference of gathered.references) stream.reference(reference);
    for (const note of gathered.notes) stream.markdown(`*${note}*\n\n`);

    // The chat's token is cancelled by Stop; the stream has its own controller, so the socket closes.
    const controller = new AbortController();
    const cancelled = token.onCancellationRequested(() => controller.abort());
    if (token.isCancellationRequested) controller.abort();
    let model = this.providers.endpoint('chat').model;
    let finishReason: FinishReason | undefined;
    try {
      const provider = this.record(await this.providerFor(request.model));
      model = provider.model;
      const turns = [...historyTurns(context.history), turn(randomUUID(), gathered.question, gathered.items, '', model)];
      const settings = this.providers.endpoint('chat');
      const messages = buildChatMessages(turns, turns.length - 1);
      this.log.info(`@rill: asked ${model}${request.command ? ` (/${request.command})` : ''} with ${gathered.items.length} attachments.`);
      for await (const event of provider.stream({ kind: 'chat', messages, maxTokens: settings.maxTokens, temperature: settings.temperature }, controller.signal)) {
        if (event.type === 'text') stream.markdown(event.text);
        else if (event.type === 'end') finishReason = event.finishReason;
      }
    } catch (error) {
      const message = isLlmError(error) ? error.message : `Rill failed while streaming the answer: ${error instanceof Error ? error.message : String(error)}`;
      this.log.warn(`@rill: ${message}`);
      const metadata: AnswerMetadata = { context: gathered.items, model, errorKind: isLlmError(error) ? error.kind : 'internal' };
      return { errorDetails: { message }, metadata };
    } finally {
      cancelled.dispose();
    }
    if (finishReason === 'aborted') this.log.info('@rill: stopped; connection closed.');
    if (finishReason === 'length') stream.markdown('\n\n*The answer reached `rill.chat.maxTokens` and was cut off here.*');
    const metadata: AnswerMetadata = { context: gathered.items, model, ...(finishReason ? { finishReason } : {}) };
    return { metadata };
  }

  /** The model picked in the chat view when it is one of Rill's, else Rill's chat model. */
  private providerFor(picked: vscode.LanguageModelChat | undefined): Promise<LlmProvider> {
    if (picked?.vendor === NATIVE_VENDOR) return this.providers.forModel('chat', picked.id);
    return this.providers.get('chat');
  }

  dispose(): void {
    this.participant.dispose();
    this.editors.dispose();
  }
}

/** Earlier `@rill` turns of this conversation (VS Code passes only this participant's), as the panel keeps them. */
function historyTurns(history: vscode.ChatContext['history']): Turn[] {
  const turns: Turn[] = [];
  for (let i = 0; i + 1 < history.length; i++) {
    const asked = history[i];
    const answered = history[i + 1];
    if (!(asked instanceof vscode.ChatRequestTurn) || !(answered instanceof vscode.ChatResponseTurn)) continue;
    const answer = answered.response
      .map((part) => (part instanceof vscode.ChatResponseMarkdownPart ? part.value.value : ''))
      .join('');
    const metadata = answered.result.metadata as Partial<AnswerMetadata> | undefined;
    const question = asked.prompt.trim() || commandPrompt(asked.command);
    turns.push(turn(randomUUID(), question, Array.isArray(metadata?.context) ? metadata.context : [], answer, metadata?.model ?? ''));
    i++;
  }
  return turns;
}

function commandPrompt(command: string | undefined): string {
  return command === EXPLAIN_COMMAND ? EXPLAIN_SELECTION_PROMPT : command === FILE_COMMAND ? FILE_OVERVIEW_PROMPT : '';
}

function turn(id: string, question: string, context: readonly ContextItem[], answer: string, model: string): Turn {
  return { id, question, context, answer, status: 'done', model, askedAt: 0 };
}
