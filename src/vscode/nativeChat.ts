// Rill in VS Code's own chat: the `@rill` participant (Chat Participant API, stable since 1.90), and
// Rill's chat models registered with the Language Model Chat Provider API where this VS Code has it
// (1.104+); on an older VS Code that registration is skipped with a line in the log. Rill never
// turns VS Code's AI features on or off: with `chat.disableAIFeatures` set, VS Code simply does not ask.
// Other extensions reach Rill's models only once the user allows each (modelAccessGate.ts).
import * as vscode from 'vscode';
import { ModelAccessDecisions } from '../chat/modelAccessDecisions';
import { endpointUrls } from '../llm/endpointUrls';
import { redactUrl } from '../llm/urlRedaction';
import type { LlmProvider } from '../llm/types';
import type { KeyStore } from './keys';
import type { RillLog } from './log';
import { registerModelAccessCommand } from './modelAccessCommand';
import { type AccessDestination, ModelAccessGate } from './modelAccessGate';
import { nativeChatApi } from './nativeApi';
import { NATIVE_VENDOR } from './nativeModelInfo';
import { RillParticipant } from './nativeParticipant';
import { NativeChatModels } from './nativeProvider';
import type { ProviderRegistry } from './providers';

/** Context key: Rill's models are offered (the API exists), so managing who may use them makes sense. */
const MODELS_OFFERED_CONTEXT = 'rill.modelsOffered';

export interface NativeChatParts {
  readonly providers: ProviderRegistry;
  readonly keys: KeyStore;
  readonly log: RillLog;
  /** Wraps a provider so that each answer leaves a request record (latency report). */
  readonly record: (provider: LlmProvider) => LlmProvider;
  readonly context: vscode.ExtensionContext;
}

/** What registerNativeChat set up; disposing it unregisters everything. */
export interface NativeChat extends vscode.Disposable {
  /** Rill's language model provider, where this VS Code has the API. */
  readonly languageModels: NativeChatModels | undefined;
  /** The user's answers about which extensions may use the models. */
  readonly modelAccess: ModelAccessDecisions;
}

export function registerNativeChat({ providers, keys, log, record, context }: NativeChatParts): NativeChat {
  const participant = new RillParticipant(providers, log, record, context.extensionUri);
  const api = nativeChatApi();
  // Which extensions may use Rill's models: the user's answers, per machine (globalState, not settings).
  const decisions = new ModelAccessDecisions(context.globalState);
  const manage = registerModelAccessCommand(decisions, api !== undefined, log);
  if (!api) {
    log.info(`VS Code ${vscode.version} has no Language Model Chat Provider API (VS Code 1.104+): Rill's models are not offered to VS Code's chat.`);
    const registered = vscode.Disposable.from(participant, manage);
    return { languageModels: undefined, modelAccess: decisions, dispose: () => registered.dispose() };
  }
  const access = new ModelAccessGate(decisions, context.extension.id, () => chatDestination(providers, keys), log);
  const languageModels = new NativeChatModels(providers, access, log, record);
  const models = api.registerLanguageModelChatProvider(NATIVE_VENDOR, languageModels);
  void vscode.commands.executeCommand('setContext', MODELS_OFFERED_CONTEXT, true);
  log.info(`Rill's chat models are offered to VS Code's chat and, once the user allows each, to other extensions (vendor "${NATIVE_VENDOR}").`);
  // VS Code's chat asks a vendor for its models only when something selects them; until then its
  // picker has no model and the first `@rill` question fails ("Language model unavailable"). Asked
  // only while the chat is on: with AI features off nobody sees a picker.
  const announce = (): void => {
    if (vscode.workspace.getConfiguration('chat').get<boolean>('disableAIFeatures', false)) return;
    void Promise.resolve(vscode.lm.selectChatModels({ vendor: NATIVE_VENDOR })).catch((error: unknown) => log.debug(`Selecting Rill's models failed: ${String(error)}`));
  };
  announce();
  const chatTurnedOn = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('chat.disableAIFeatures')) announce();
  });
  const registered = vscode.Disposable.from(participant, manage, models, chatTurnedOn);
  return { languageModels, modelAccess: decisions, dispose: () => registered.dispose() };
}

/** Where the chat endpoint's requests go (host and port, never a path or credentials), and whether with a key. */
async function chatDestination(providers: ProviderRegistry, keys: KeyStore): Promise<AccessDestination> {
  const endpoint = providers.endpoint('chat');
  const base = endpointUrls(endpoint.provider, endpoint.baseUrl).base;
  let server: string;
  try {
    server = new URL(base).host || base;
  } catch {
    server = redactUrl(base);
  }
  return { server, withKey: (await keys.get(endpoint.provider)) !== undefined };
}
