// Rill's entry point: builds the services, registers them, returns. No logic of its own.
import * as vscode from 'vscode';
import { registerChat } from './vscode/chatCommands';
import { ChatService } from './vscode/chatService';
import { registerKeyCommands } from './vscode/keyCommands';
import { KeyStore } from './vscode/keys';
import { RillLog } from './vscode/log';
import { ProviderRegistry } from './vscode/providers';
import { Settings } from './vscode/settings';
import { warnAboutWorkspaceOverrides } from './vscode/trust';

export interface RillApi {
  readonly log: RillLog;
  readonly providers: ProviderRegistry;
  readonly keys: KeyStore;
  /** The chat panel; `chat.ask(prompt, context)` opens it and streams an answer. */
  readonly chat: ChatService;
}

export function activate(context: vscode.ExtensionContext): RillApi {
  const log = new RillLog();
  const settings = new Settings();
  const keys = new KeyStore(context.secrets);
  const providers = new ProviderRegistry(settings, keys, log);
  context.subscriptions.push(log, settings, keys, providers, registerKeyCommands(keys, log));
  context.subscriptions.push(warnAboutWorkspaceOverrides(settings, log));
  const chat = new ChatService(context, providers, log);
  context.subscriptions.push(chat, registerChat(chat));
  log.info(`Rill ${context.extension.packageJSON.version} active.`);
  return { log, providers, keys, chat };
}

export function deactivate(): void {}
