// Builds Rill's services and registers them with VS Code. The production entry (extension.ts)
// calls it and keeps the result to itself; the host suite's test build (test/host/testExtension.ts)
// calls the same function and hands the result to the tests. Nothing here is exported to other
// extensions.
import type * as vscode from 'vscode';
import { systemClock } from './base/clock';
import { setUnexpectedErrorHandler } from './base/unexpectedError';
import { registerAskCommands } from './vscode/askCommands';
import { registerChat } from './vscode/chatCommands';
import { CompletionService } from './vscode/completionService';
import { CompletionSlotGate } from './vscode/completionSlotGate';
import { ChatService } from './vscode/chatService';
import { registerChooseProvider } from './vscode/chooseProvider';
import { registerKeyCommands } from './vscode/keyCommands';
import { KeyStore } from './vscode/keys';
import { type NativeChat, registerNativeChat } from './vscode/nativeChat';
import { RillLog } from './vscode/log';
import { ProviderRegistry } from './vscode/providers';
import { GenerateService } from './vscode/generateService';
import { ReportService } from './vscode/reportService';
import { allRequests } from './report/requestSources';
import { StreamRequestLog } from './report/streamRequestLog';
import { ModelSwitcher } from './vscode/selectModel';
import { LocalServerDetector } from './vscode/selectModelLocalServer';
import { Settings } from './vscode/settings';
import { StatusMenu } from './vscode/statusMenu';
import { warnAboutWorkspaceOverrides } from './vscode/trust';

/** Rill's internals: reads keys, sends requests, changes settings. Never handed to another extension. */
export interface RillServices {
  readonly log: RillLog;
  readonly providers: ProviderRegistry;
  readonly keys: KeyStore;
  /** The chat panel; `chat.ask(prompt, context)` opens it and streams an answer. */
  readonly chat: ChatService;
  /** Generate at Cursor: streams code into the editor. */
  readonly generate: GenerateService;
  /** Select Model: the models a role's server reports, and switching. */
  readonly models: ModelSwitcher;
  /** Detect Local Model Server; `candidates` is where it looks. */
  readonly localServers: LocalServerDetector;
  /** The latency report; `report.setSource(source)` feeds it records (default: completion, chat and Generate requests). */
  readonly report: ReportService;
  /** The status bar item's menu. */
  readonly statusMenu: StatusMenu;
  /** Inline completion; `completion.records` is the request log (ring buffer). */
  readonly completion: CompletionService;
  /** Whether completion waits for a chat answer on a one-slot server. */
  readonly slots: CompletionSlotGate;
  /** VS Code's own chat: `@rill`, Rill's language models (1.104+) and who may use them. */
  readonly nativeChat: NativeChat;
}

export function createRill(context: vscode.ExtensionContext): RillServices {
  const log = new RillLog();
  // A listener that throws is reported here, and the event still reaches the other listeners.
  context.subscriptions.push(log, setUnexpectedErrorHandler((error) => log.error(`Unexpected error in a listener: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)));
  const settings = new Settings();
  const keys = new KeyStore(context.secrets);
  const providers = new ProviderRegistry(settings, keys, log);
  context.subscriptions.push(settings, keys, providers, registerKeyCommands(keys, log, () => settings.providersInUse()), registerChooseProvider(keys, log, settings));
  context.subscriptions.push(warnAboutWorkspaceOverrides(settings, log));
  // Chat (Ask, Explain, Ask About This File) and Generate requests, for the latency report.
  const requests = new StreamRequestLog(systemClock);
  const chat = new ChatService(context, providers, log, (p) => requests.recording(p, 'chat'));
  context.subscriptions.push(requests, chat, registerChat(chat));
  const generate = new GenerateService(providers, log, (p, languageId) => requests.recording(p, 'generate', languageId));
  const models = new ModelSwitcher(providers, log);
  const report = new ReportService(context.extensionUri, log);
  const localServers = new LocalServerDetector(providers, log);
  context.subscriptions.push(registerAskCommands(chat), generate, models, localServers, report);
  // VS Code's own chat: @rill, and (1.104+) Rill's chat models for every extension and the model picker.
  const nativeChat = registerNativeChat({ providers, keys, log, record: (p) => requests.recording(p, 'chat'), context });
  context.subscriptions.push(nativeChat);
  // One slot, one stream: completion waits while a chat-endpoint stream is live on a one-slot server.
  const slots = new CompletionSlotGate(providers, { live: () => requests.all().some((r) => r.outcome === 'streaming'), onDidChange: (l) => requests.onDidChange(l) }, log);
  const completion = new CompletionService(context, providers, log, slots);
  context.subscriptions.push(slots);
  context.subscriptions.push(completion, report.setSource(allRequests(completion.records, requests)));
  const actions = completion.menuActions;
  const statusMenu = new StatusMenu(providers, () => completion.menuState(), {
    'rill.toggleInlineCompletions': () => actions.toggle(),
    'rill.toggleInlineCompletionsForLanguage': () => actions.toggleForLanguage(),
    'rill.resumeInlineCompletions': () => actions.resume(),
    'rill.snoozeInlineCompletions': (minutes) => actions.snooze(minutes),
  });
  context.subscriptions.push(statusMenu);
  log.info(`Rill ${context.extension.packageJSON.version} active.`);
  return { log, providers, keys, chat, generate, models, localServers, report, statusMenu, completion, slots, nativeChat };
}
