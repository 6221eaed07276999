// The chat in the extension host: the session (conversation + stream), its history, the context
// attached to the next question and the model list, shown through the chat view. Other features
// ask questions through `ask`.
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { notificationText } from '../base/notificationText';
import { DisposableStore } from '../base/disposable';
import { ChatSession } from '../chat/chatSession';
import { ChatHistory, type KeyValueStore } from '../chat/history';
import type { ContextItem } from '../chat/model';
import { estimateTokens } from '../protocol/tokens';
import { parseWebviewMessage } from '../chat/validateMessage';
import { toViewState } from '../chat/viewState';
import { isLocalServer, serverOf } from '../llm/sharedSlot';
import type { LlmProvider } from '../llm/types';
import type { WebviewMessage } from '../protocol/chat';
import { type ContextResult, EditorTracker, fileContext, insertAtCursor, openInNewFile, selectionContext } from './chatEditor';
import { pickConversation } from './chatHistoryPicker';
import { AppendBatcher } from '../chat/appendBatcher';
import { ChatViewProvider } from './chatViewProvider';
import { JsonFileStore } from './jsonFileStore';
import type { RillLog } from './log';
import { openModelLink } from './openModelLink';
import type { ProviderRegistry } from './providers';

/** A piece of context another command hands to `ask`. */
export interface AskContext {
  readonly label: string;
  readonly text: string;
  readonly language?: string;
}

const MAX_ATTACHMENTS = 10;

export class ChatService implements vscode.Disposable {
  readonly view: ChatViewProvider;
  readonly session: ChatSession;
  readonly history: ChatHistory;
  private attachments: ContextItem[] = [];
  private models: string[] = [];
  /** Whether the last try to list the chat server's models got an answer. */
  private modelsListed = false;
  /** The read of the server's models under way, if any (see loadModels). */
  private listing: AbortController | undefined;
  /** Whether an answer was streaming at the last change of the session. */
  private answering = false;
  private readonly editors = new EditorTracker();
  private readonly appends: AppendBatcher;
  private readonly subscriptions = new DisposableStore();
  private readonly received = new vscode.EventEmitter<WebviewMessage>();
  /** A valid message arrived from the page (tests watch `ready` to see the page reload). */
  readonly onDidReceive = this.received.event;

  /** `record` wraps the chat provider so that each answer leaves a request record (latency report). */
  constructor(
    context: vscode.ExtensionContext,
    private readonly providers: ProviderRegistry,
    private readonly log: RillLog,
    record: (provider: LlmProvider) => LlmProvider = (provider) => provider,
  ) {
    this.history = new ChatHistory(historyStore(context, log));
    this.session = new ChatSession({
      provider: async () => record(await providers.get('chat')),
      requestOptions: () => {
        const s = providers.endpoint('chat');
        return { maxTokens: s.maxTokens, temperature: s.temperature };
      },
      history: this.history,
      now: () => Date.now(),
      newId: () => randomUUID(),
      log,
      autoResume: () => vscode.workspace.getConfiguration('rill').get<boolean>('chat.autoResume', true),
    });
    // The chat reopens the conversation the user had open in this workspace (an empty one stays empty).
    this.session.reopenLast();
    this.view = new ChatViewProvider(context.extensionUri, (raw) => void this.receive(raw));
    this.appends = new AppendBatcher((m) => this.view.post({ type: 'append', ...m }));
    this.subscriptions.addAll(
      this.session.onDidAppend((a) => this.appends.add(a)),
      this.session.onDidChange(() => {
        this.publish();
        if (this.answering && !this.session.isStreaming) this.answerEnded();
        this.answering = this.session.isStreaming;
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('rill.chat.smoothReveal')) this.publish();
      }),
      providers.onDidChange((change) => {
        if (!change.roles.includes('chat')) return;
        this.models = [];
        this.publish();
        void this.loadModels();
      }),
      this.editors,
      this.appends,
      this.session,
      this.received,
      this.view,
    );
  }

  /**
   * Opens the chat and asks `prompt` in the current conversation, with `context` attached;
   * resolves when the answer has ended (done, stopped or failed).
   */
  async ask(prompt: string, context: readonly AskContext[] = []): Promise<void> {
    await this.view.reveal();
    const items = context.map((c): ContextItem => ({
      id: randomUUID(),
      label: c.label,
      text: c.text,
      ...(c.language ? { language: c.language } : {}),
      tokens: estimateTokens(c.text),
    }));
    await this.session.send(prompt, items);
  }

  newChat(): void {
    this.attachments = [];
    this.session.newConversation();
    this.view.post({ type: 'focusInput' });
  }

  stop(): void {
    this.session.stop();
  }

  /** An answer streams in the chat. */
  get isStreaming(): boolean {
    return this.session.isStreaming;
  }

  async showHistory(): Promise<void> {
    const id = await pickConversation(this.history, (forgotten) => this.deleteFromHistory(forgotten));
    if (!id) return;
    await this.view.reveal();
    if (!this.session.open(id)) void vscode.window.showWarningMessage('That conversation is no longer in the history.');
  }

  /**
   * Deletes a conversation from history (Show Chat History's trash button) and offers Undo in a
   * notification: the history is a quick pick, gone once the user moves on, and the chat panel may
   * not be in view; a notification is where VS Code offers an undo for what a quick pick did.
   * Resolves when the deletion is done; the returned promise of the Undo settles on its own.
   */
  async deleteFromHistory(id: string): Promise<{ readonly undone: Promise<boolean> } | undefined> {
    const deleted = await this.session.forget(id);
    if (!deleted) return undefined;
    const undone = (async () => {
      // The title is the user's question, pasted text perhaps: no link in it becomes clickable.
      const choice = await vscode.window.showInformationMessage(notificationText(`Deleted "${deleted.conversation.title}" from chat history.`), 'Undo');
      if (choice !== 'Undo') return false;
      const reopened = await this.session.undoForget(deleted);
      if (reopened) await this.view.reveal();
      return true;
    })().catch((error: unknown) => {
      this.log.warn(`Chat history: the conversation could not be restored: ${String(error)}`);
      return false;
    });
    return { undone };
  }

  async attach(what: 'selection' | 'file'): Promise<void> {
    const editor = this.editors.editor;
    const result: ContextResult = what === 'selection' ? await selectionContext(editor, randomUUID()) : await fileContext(editor, randomUUID());
    if ('problem' in result) {
      void vscode.window.showInformationMessage(notificationText(result.problem));
      return;
    }
    if (!('item' in result)) return;
    if (this.attachments.some((a) => a.label === result.item.label && a.text === result.item.text)) return;
    this.attachments = [...this.attachments, result.item].slice(-MAX_ATTACHMENTS);
    await this.view.reveal();
    this.publish();
  }

  /**
   * A message from the page, acted on only if it is exactly one of the protocol's messages: the
   * page renders model output, so whatever it sends is treated as untrusted input.
   */
  async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn(`Chat view: ignored a malformed message (${describe(raw)}).`);
      return;
    }
    this.received.fire(message);
    try {
      await this.handle(message);
    } catch (error) {
      // A failed editor or clipboard action must not surface as an unhandled rejection.
      const text = error instanceof Error ? error.message : String(error);
      this.log.error(`Chat view: ${message.type} failed: ${text}`);
      void vscode.window.showErrorMessage(`Rill: ${notificationText(text)}`);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.publish();
        if (this.models.length === 0) void this.loadModels();
        return;
      case 'send': {
        const context = this.attachments;
        this.attachments = [];
        await this.session.send(message.text, context);
        return;
      }
      case 'stop':
        return this.stop();
      case 'regenerate':
        return this.session.regenerate(message.turnId);
      case 'setApiKey':
        // The user picks the provider and types the key in VS Code's own box (masked).
        await vscode.commands.executeCommand('rill.setApiKey');
        return;
      case 'chooseProvider':
        await vscode.commands.executeCommand('rill.chooseProvider');
        return;
      case 'continue':
        return this.session.continue(message.turnId);
      case 'editResend':
        return this.session.editAndResend(message.turnId, message.text);
      case 'newChat':
        return this.newChat();
      case 'showHistory':
        return this.showHistory();
      case 'attach':
        return this.attach(message.what);
      case 'removeAttachment':
        this.attachments = this.attachments.filter((a) => a.id !== message.id);
        return this.publish();
      case 'selectModel':
        return this.selectModel(message.model);
      case 'copyCode':
        await vscode.env.clipboard.writeText(message.code);
        return;
      case 'insertCode':
        await insertAtCursor(this.editors.editor, message.code);
        return;
      case 'newFile':
        return openInNewFile(message.code, message.language);
      case 'openLink':
        await openModelLink(message.href, this.log);
        return;
    }
  }

  /** Sends the whole state; appends batched before it are already part of it. */
  private publish(): void {
    this.appends.discard();
    const model = this.providers.endpoint('chat').model;
    this.view.post({
      type: 'snapshot',
      state: toViewState({
        conversation: this.session.conversation,
        streaming: this.session.isStreaming,
        attachments: this.attachments,
        model,
        models: this.models,
        smoothReveal: vscode.workspace.getConfiguration('rill').get<boolean>('chat.smoothReveal', true),
        now: Date.now(),
      }),
    });
  }

  private async selectModel(model: string): Promise<void> {
    const config = vscode.workspace.getConfiguration('rill');
    // A workspace value would hide a user-level change, so change it where it is set.
    const target = config.inspect('chat.model')?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update('chat.model', model, target);
  }

  /**
   * The picker's list is read when the page loads and when the settings change. A local server
   * not started yet then lists nothing, and one restarted with other models lists what it had: so
   * after an answer (the server is there) the list is read again when it could not be read, and
   * always from a local server (a cheap request to a machine of the user's, not a hosted API).
   */
  private answerEnded(): void {
    const server = serverOf(this.providers.endpoint('chat'));
    if (!this.modelsListed || (server !== undefined && isLocalServer(server))) void this.loadModels();
  }

  /** The models the chat's model picker offers besides the configured one (tests read it). */
  get listedModels(): readonly string[] {
    return this.models;
  }

  /**
   * Reads the chat server's models. A newer read replaces one still running: after a switch of
   * server the old server's list, arriving late, must not replace the new one's in the picker.
   */
  private async loadModels(): Promise<void> {
    this.listing?.abort();
    const listing = new AbortController();
    this.listing = listing;
    try {
      const provider = await this.providers.get('chat');
      const models = await provider.listModels(AbortSignal.any([listing.signal, AbortSignal.timeout(5000)]));
      if (listing.signal.aborted) return;
      this.models = [...new Set(models)].sort();
      this.modelsListed = true;
      this.publish();
    } catch (error) {
      if (listing.signal.aborted) return;
      this.modelsListed = false;
      // Many servers cannot list models; the picker then offers the configured one only.
      this.log.debug(`Chat: could not list models (${error instanceof Error ? error.message : String(error)}).`);
    } finally {
      if (this.listing === listing) this.listing = undefined;
    }
  }

  dispose(): void {
    this.listing?.abort();
    this.subscriptions.dispose();
  }
}

/** What kind of thing was rejected, without echoing its content into the log. */
function describe(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return typeof raw;
  const type = (raw as { type?: unknown }).type;
  return typeof type === 'string' && /^[A-Za-z]{1,30}$/.test(type) ? `type ${type}` : 'no valid type';
}

/**
 * Where the chat history is kept: a file per workspace in Rill's global storage folder, which every
 * window on the workspace reads. Not the workspaceState, which each window keeps as its own copy in
 * memory, nor the workspace storage folder, which VS Code gives a second window on the same folder
 * a copy of its own ("<id>-1"). The workspaceState where there is no workspace (an empty window) or
 * the storage is not on a file system.
 */
export function historyStore(context: vscode.ExtensionContext, log: RillLog): KeyValueStore {
  const workspace = vscode.workspace.workspaceFile?.toString() ?? vscode.workspace.workspaceFolders?.map((f) => f.uri.toString()).join('\n');
  if (!workspace || context.globalStorageUri.scheme !== 'file') return context.workspaceState;
  const folder = join(context.globalStorageUri.fsPath, 'chat', createHash('sha256').update(workspace).digest('hex').slice(0, 16));
  return new JsonFileStore(folder, context.workspaceState, (message) => log.warn(`Chat history: ${message}`));
}
