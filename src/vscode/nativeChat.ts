// Rill in VS Code's own chat, where this VS Code has it: Rill's chat models registered with the
// Language Model Chat Provider API (VS Code 1.104+). On an older VS Code the registration is
// skipped with a line in the log; nothing else changes. Rill never turns VS Code's AI features on
// or off: with `chat.disableAIFeatures` set, VS Code simply does not ask.
import * as vscode from 'vscode';
import type { LlmProvider } from '../llm/types';
import type { RillLog } from './log';
import { nativeChatApi } from './nativeApi';
import { NATIVE_VENDOR } from './nativeModelInfo';
import { NativeChatModels } from './nativeProvider';
import type { ProviderRegistry } from './providers';

export function registerNativeChat(providers: ProviderRegistry, log: RillLog, record: (provider: LlmProvider) => LlmProvider): vscode.Disposable {
  const api = nativeChatApi();
  if (!api) {
    log.info(`VS Code ${vscode.version} has no Language Model Chat Provider API (VS Code 1.104+): Rill's models are not offered to VS Code's chat.`);
    return new vscode.Disposable(() => undefined);
  }
  const models = api.registerLanguageModelChatProvider(NATIVE_VENDOR, new NativeChatModels(providers, log, record));
  log.info(`Rill's chat models are offered to VS Code's chat and to other extensions (vendor "${NATIVE_VENDOR}").`);
  return models;
}
