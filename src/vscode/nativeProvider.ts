// Rill's chat models for VS Code's language model API (vendor `rill`): any extension can use them
// through `vscode.lm`, and VS Code's own chat through its model picker. Answers stream from Rill's
// providers with the same deadlines, retries and error messages as the chat panel; cancelling
// closes the socket at once; the key stays inside Rill (it is in no model field, part or error).
// Another extension's request goes only once the user has allowed that extension (modelAccessGate.ts).
import * as vscode from 'vscode';
import { estimateTokens } from '../protocol/tokens';
import { isLlmError } from '../llm/errors';
import type { ModelDetails } from '../llm/modelDetails';
import type { LlmProvider } from '../llm/types';
import type { RillLog } from './log';
import type { ModelAccessGate } from './modelAccessGate';
import type {
  LanguageModelChatInformation,
  LanguageModelChatProvider,
  LanguageModelChatRequestMessage,
  LanguageModelResponsePart,
  PrepareLanguageModelChatModelOptions,
  ProvideLanguageModelChatResponseOptions,
} from './nativeApi';
import { messageText, toChatRequest } from './nativeMessages';
import { type NativeEndpoint, nativeModels } from './nativeModelInfo';
import type { ProviderRegistry } from './providers';

const LIST_TIMEOUT_MS = 5000;

export class NativeChatModels implements LanguageModelChatProvider {
  /** VS Code asks for the models again when the chat endpoint's settings or key change. */
  readonly onDidChangeLanguageModelChatInformation: vscode.Event<void>;

  /** `record` wraps a provider so that each answer leaves a request record (latency report). */
  constructor(
    private readonly providers: ProviderRegistry,
    private readonly access: ModelAccessGate,
    private readonly log: RillLog,
    private readonly record: (provider: LlmProvider) => LlmProvider = (provider) => provider,
  ) {
    // Only a change to the chat endpoint (its settings, rill.chat.toolCalling included, or its key) changes the models.
    this.onDidChangeLanguageModelChatInformation = (listener, thisArgs, disposables) =>
      providers.onDidChange((change) => (change.roles.includes('chat') ? listener.call(thisArgs) : undefined), undefined, disposables);
  }

  async provideLanguageModelChatInformation(_options: PrepareLanguageModelChatModelOptions, token: vscode.CancellationToken): Promise<LanguageModelChatInformation[]> {
    const endpoint = chatEndpoint(this.providers);
    return nativeModels(endpoint, await this.listed(token));
  }

  async provideLanguageModelChatResponse(
    model: LanguageModelChatInformation,
    messages: readonly LanguageModelChatRequestMessage[],
    options: ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    // Before anything is read or sent: another extension goes only when the user allowed it.
    await this.access.admit(options.requestInitiator, model.name, token);
    const endpoint = chatEndpoint(this.providers);
    const tools = endpoint.toolCalling ? options.tools : undefined;
    if (options.tools?.length && !tools) this.log.info(`VS Code chat: ${options.tools.length} tools left out (rill.chat.toolCalling is off).`);
    const request = toChatRequest(messages, { ...options, tools }, { maxTokens: model.maxOutputTokens, temperature: this.providers.endpoint('chat').temperature });
    // The token is VS Code's; the stream has its own controller so cancelling closes the socket.
    const controller = new AbortController();
    const cancelled = token.onCancellationRequested(() => controller.abort());
    if (token.isCancellationRequested) controller.abort();
    this.log.info(`VS Code chat: ${model.id} asked by ${options.requestInitiator ?? 'an unnamed caller'} (${request.messages.length} messages, ${request.tools?.length ?? 0} tools).`);
    try {
      const provider = this.record(await this.providers.forModel('chat', model.id));
      for await (const event of provider.stream(request, controller.signal)) {
        if (event.type === 'text') progress.report(new vscode.LanguageModelTextPart(event.text));
        else if (event.type === 'tool-call') progress.report(new vscode.LanguageModelToolCallPart(event.call.id, event.call.name, event.call.input));
        else if (event.type === 'end' && event.finishReason === 'aborted') this.log.info(`VS Code chat: ${model.id} answer cancelled; connection closed.`);
      }
    } catch (error) {
      this.log.warn(`VS Code chat: ${model.id} failed: ${error instanceof Error ? error.message : String(error)}`);
      throw toLanguageModelError(error);
    } finally {
      cancelled.dispose();
    }
  }

  provideTokenCount(_model: LanguageModelChatInformation, text: string | LanguageModelChatRequestMessage): Thenable<number> {
    return Promise.resolve(estimateTokens(messageText(text)));
  }

  /** What the chat server lists; nothing (only the configured model) when it cannot say. */
  private async listed(token: vscode.CancellationToken): Promise<readonly ModelDetails[]> {
    const controller = new AbortController();
    const cancelled = token.onCancellationRequested(() => controller.abort());
    try {
      const provider = await this.providers.get('chat');
      const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(LIST_TIMEOUT_MS)]);
      return provider.listModelDetails ? await provider.listModelDetails(signal) : (await provider.listModels(signal)).map((id) => ({ id }));
    } catch (error) {
      this.log.debug(`VS Code chat: could not list the chat server's models (${error instanceof Error ? error.message : String(error)}).`);
      return [];
    } finally {
      cancelled.dispose();
    }
  }
}

function chatEndpoint(providers: ProviderRegistry): NativeEndpoint {
  const s = providers.endpoint('chat');
  const toolCalling = vscode.workspace.getConfiguration('rill').get<boolean>('chat.toolCalling', true);
  return { provider: s.provider, baseUrl: s.baseUrl, model: s.model, maxTokens: s.maxTokens, toolCalling };
}

/** Rill's error as the API's: the same message, with the API's code where one fits. */
export function toLanguageModelError(error: unknown): vscode.LanguageModelError {
  if (!isLlmError(error)) return new vscode.LanguageModelError(`Rill failed: ${error instanceof Error ? error.message : String(error)}`);
  switch (error.kind) {
    case 'auth':
      return vscode.LanguageModelError.NoPermissions(error.message);
    case 'rate-limited':
      return vscode.LanguageModelError.Blocked(error.message);
    case 'not-found':
      return vscode.LanguageModelError.NotFound(error.message);
    default:
      return new vscode.LanguageModelError(error.message);
  }
}
