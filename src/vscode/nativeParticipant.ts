// `@rill` in VS Code's chat view: the question, with what `/explain`, `/file` and the user's
// references attach, goes to Rill's chat model (or to the model picked in the chat view when it is
// one of Rill's), and the answer streams back as markdown. The chat's Stop cancels the request's
// token, which closes the socket at once; a failure keeps the text that arrived and shows Rill's
// message; an answer cut after some text is continued once by itself, and `/continue` (offered as a
// follow-up) goes on from a cut answer. Earlier `@rill` turns go along as history, as in the panel.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Turn } from '../chat/model';
import { limitSpentBeforeText } from '../chat/limitSpent';
import { canContinue } from '../chat/resume';
import { isLlmError, remedyOf } from '../llm/errors';
import type { LlmProvider } from '../llm/types';
import { EditorTracker } from './chatEditor';
import type { RillLog } from './log';
import { streamAnswer } from './nativeAnswer';
import { type AnswerMetadata, CONTINUE_COMMAND, historyTurns } from './nativeHistory';
import { NATIVE_VENDOR } from './nativeModelInfo';
import { gatherContext } from './nativeParticipantContext';
import type { ProviderRegistry } from './providers';
import { REMEDY_BUTTONS } from './remedyButtons';

export const PARTICIPANT_ID = 'rill.participant';

const LENGTH_NOTE = '\n\n*The answer reached `rill.chat.maxTokens` and was cut off here.*';

export class RillParticipant implements vscode.Disposable {
  private readonly participant: vscode.ChatParticipant;
  private readonly editors = new EditorTracker();

  constructor(
    private readonly providers: ProviderRegistry,
    private readonly log: RillLog,
    private readonly record: (provider: LlmProvider) => LlmProvider,
    extensionUri: vscode.Uri,
  ) {
    this.participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, (request, context, stream, token) => this.handle(request, context, stream, token));
    this.participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'rill.svg');
    this.participant.followupProvider = {
      provideFollowups: (result) => ((result.metadata as Partial<AnswerMetadata> | undefined)?.continuable ? [{ prompt: 'Continue from where it stopped', label: 'Continue the answer', command: CONTINUE_COMMAND }] : []),
    };
  }

  private async handle(request: vscode.ChatRequest, context: vscode.ChatContext, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    if (request.command === CONTINUE_COMMAND) {
      const turns = historyTurns(context.history);
      const last = turns[turns.length - 1];
      if (!last || !last.continuable) {
        stream.markdown('There is no cut-off `@rill` answer to continue in this conversation.');
        return {};
      }
      return this.answer({ turns, continuing: true, picked: request.model, command: CONTINUE_COMMAND }, stream, token);
    }
    const gathered = await gatherContext(request, this.editors.editor);
    if ('problem' in gathered) {
      stream.markdown(gathered.problem);
      return {};
    }
    if ('cancelled' in gathered) return {};
    for (const reference of gathered.references) stream.reference(reference);
    for (const note of gathered.notes) stream.markdown(`*${note}*\n\n`);
    const asked: Turn = { id: randomUUID(), question: gathered.question, context: gathered.items, answer: '', status: 'streaming', model: '', askedAt: 0 };
    return this.answer({ turns: [...historyTurns(context.history), asked], continuing: false, picked: request.model, command: request.command }, stream, token);
  }

  private async answer(
    ask: { readonly turns: readonly Turn[]; readonly continuing: boolean; readonly picked: vscode.LanguageModelChat | undefined; readonly command: string | undefined },
    stream: vscode.ChatResponseStream,
    token: vscode.CancellationToken,
  ): Promise<vscode.ChatResult> {
    const turn = ask.turns[ask.turns.length - 1] as Turn;
    // The chat's token is cancelled by Stop; the stream has its own controller, so the socket closes.
    const controller = new AbortController();
    const cancelled = token.onCancellationRequested(() => controller.abort());
    if (token.isCancellationRequested) controller.abort();
    const settings = this.providers.endpoint('chat');
    const metadata = (model: string, answer: string, more: Partial<AnswerMetadata>): AnswerMetadata => ({ context: ask.continuing ? [] : turn.context, model, answer, ...more });
    try {
      const provider = this.record(await this.providerFor(ask.picked));
      this.log.info(`@rill: asked ${provider.model}${ask.command ? ` (/${ask.command})` : ''} with ${turn.context.length} attachments.`);
      const end = await streamAnswer({
        provider,
        turns: ask.turns,
        continuing: ask.continuing,
        stream,
        signal: controller.signal,
        maxTokens: settings.maxTokens,
        temperature: settings.temperature,
        autoResume: vscode.workspace.getConfiguration('rill').get<boolean>('chat.autoResume', true),
        log: this.log,
      });
      const answer = (ask.continuing ? turn.answer : '') + end.text;
      if (end.kind === 'failed') {
        const message = isLlmError(end.error) ? end.error.message : `Rill failed while streaming the answer: ${end.error instanceof Error ? end.error.message : String(end.error)}`;
        const kind = isLlmError(end.error) ? end.error.kind : 'internal';
        this.log.warn(`@rill: ${message}`);
        // The fix one click away where there is one, as the chat panel offers it.
        const remedy = isLlmError(end.error) ? remedyOf(end.error) : undefined;
        if (remedy) stream.button(REMEDY_BUTTONS[remedy]);
        const continuable = canContinue({ ...turn, answer, status: 'error', error: { kind, message } });
        return { errorDetails: { message }, metadata: metadata(provider.model, end.text, { errorKind: kind, continuable }) };
      }
      if (end.finishReason === 'length' && answer.trim() === '') {
        // A reasoning model spent the whole limit thinking: nothing to show or continue.
        const { kind, message } = limitSpentBeforeText(settings.maxTokens);
        this.log.warn(`@rill: ${message}`);
        return { errorDetails: { message }, metadata: metadata(provider.model, end.text, { errorKind: kind }) };
      }
      if (end.finishReason === 'aborted') this.log.info('@rill: stopped; connection closed.');
      if (end.finishReason === 'length') stream.markdown(LENGTH_NOTE);
      const continuable = canContinue({ ...turn, answer, status: 'done', finishReason: end.finishReason });
      return { metadata: metadata(provider.model, end.text, { finishReason: end.finishReason, continuable }) };
    } catch (error) {
      // Before any answer: no provider (settings), nothing streamed.
      const message = `Rill could not start the answer: ${error instanceof Error ? error.message : String(error)}`;
      this.log.warn(`@rill: ${message}`);
      return { errorDetails: { message }, metadata: metadata(settings.model, '', { errorKind: 'internal' }) };
    } finally {
      cancelled.dispose();
    }
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
