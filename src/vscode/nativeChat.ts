// Rill in VS Code's own chat: the `@rill` participant (Chat Participant API, stable since 1.90), and
// Rill's chat models registered with the Language Model Chat Provider API where this VS Code has it
// (1.104+); on an older VS Code that registration is skipped with a line in the log. Rill never
// turns VS Code's AI features on or off: with `chat.disableAIFeatures` set, VS Code simply does not ask.
import * as vscode from 'vscode';
import type { LlmProvider } from '../llm/types';
import type { RillLog } from './log';
import { nativeChatApi } from './nativeApi';
import { NATIVE_VENDOR } from './nativeModelInfo';
import { RillParticipant } from './nativeParticipant';
import { NativeChatModels } from './nativeProvider';
import type { ProviderRegistry } from './providers';

export function registerNativeChat(
  providers: ProviderRegistry,
  log: RillLog,
  record: (provider: LlmProvider) => LlmProvider,
  extensionUri: vscode.Uri,
): vscode.Disposable {
  const participant = new RillParticipant(providers, log, record, extensionUri);
  const api = nativeChatApi();
  if (!api) {
    log.info(`VS Code ${vscode.version} has no Language Model Chat Provider API (VS Code 1.104+): Rill's models are not offered to VS Code's chat.`);
    return participant;
  }
  const models = api.registerLanguageModelChatProvider(NATIVE_VENDOR, new NativeChatModels(providers, log, record));
  log.info(`Rill's chat models are offered to VS Code's chat and to other extensions (vendor "${NATIVE_VENDOR}").`);
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
  return vscode.Disposable.from(participant, models, chatTurnedOn);
}
