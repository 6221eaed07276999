// The inline completion service: builds the engine from settings, registers the provider, the
// keystroke observer, the growth of shown suggestions, the commands and the status bar. `records`
// is the request log others read (latency report).
import * as vscode from 'vscode';
import { DisposableStore } from '../base/disposable';
import { systemClock } from '../base/clock';
import { CompletionEngine, defaultEngineConfig, type EngineConfig } from '../completion/engine';
import { ContextRing } from '../completion/prompt/contextRing';
import { IdleRefresh } from '../completion/prompt/idleRefresh';
import { type DocumentWindow, documentWindow } from '../completion/documentWindow';
import type { RequestLog } from '../completion/requestRecord';
import type { OpenDocument } from '../completion/types';
import type { LlmProvider } from '../llm/types';
import { type CompletionActions, registerCompletionCommands } from './completionCommands';
import { readCompletionSettings } from './completionSettings';
import { ContextFeeder } from './contextFeeder';
import { isCompletionDocument, tabDocuments } from './completionDocuments';
import { documentFsPath, documentPath } from './inlineDocumentState';
import { InlineGrowth } from './inlineGrowth';
import { askedSpot, sameSpot } from './inlineProvider';
import { InlineObserver } from './inlineObserver';
import type { RillLog } from './log';
import { ObservedInlineProvider, type ProviderAnswer } from './observedInlineProvider';
import type { ProviderRegistry } from './providers';
import type { CompletionSlotGate } from './completionSlotGate';
import { SharedSnooze } from './sharedSnooze';
import { CompletionStatusBar } from './statusBar';
import type { CompletionMenuState } from './statusMenu';

export class CompletionService implements vscode.Disposable {
  readonly engine: CompletionEngine;
  /** The prompts' extra context, changed only while the user is idle (see contextRing.ts). */
  readonly contextRing = new ContextRing();
  /** Refills the ring when idle and warms the server up (see idleRefresh.ts). */
  readonly contextRefresh: IdleRefresh;
  /** Toggle, snooze and resume as Rill's status menu runs them: the user chose them there, so turning on asks nothing more. */
  readonly menuActions: CompletionActions;
  private readonly subscriptions = new DisposableStore();
  private readonly growth: InlineGrowth;
  private readonly provider: ObservedInlineProvider;
  /** The text read around the cursor at a keystroke, sized from the context budget (see documentWindow.ts). */
  private window: DocumentWindow = documentWindow(1536);

  /** `slots`: completion waits while a chat answer streams from the same one-slot server. */
  constructor(
    context: vscode.ExtensionContext,
    private readonly providers: ProviderRegistry,
    log: RillLog,
    private readonly slots?: CompletionSlotGate,
  ) {
    this.engine = new CompletionEngine(this.config(), {
      // While the slot is the chat's, not even a prefetch the engine starts on its own goes out.
      provider: async () => {
        const provider = await providers.get('completion');
        return slots?.paused ? waitingForChat(provider) : provider;
      },
      clock: systemClock,
      logger: log,
      context: { openDocuments: (except) => this.openDocuments(except) },
      promptContext: this.contextRing,
    });
    // Snoozed or resumed in another window: this one follows (a snooze outlives a reload too), its streams stopped when snoozed.
    const snooze = new SharedSnooze(context.globalState, this.engine.enablement, (snoozed) => {
      if (snoozed) this.engine.stopAll();
      statusBar.render();
    });
    // No completion while the server's one slot is busy with a chat answer (the engine checks the deny-list).
    this.provider = new ObservedInlineProvider(this.engine, () => slots?.paused === true, () => this.window);
    this.growth = new InlineGrowth(this.provider);
    const statusBar = new CompletionStatusBar(this.engine, slots, () => providers.endpoint('completion').model);
    let feeder: ContextFeeder | undefined;
    this.contextRefresh = new IdleRefresh({
      clock: systemClock,
      ring: this.contextRing,
      // A warm-up takes the slot like any request: none while it is the chat's.
      provider: async () => {
        const provider = await providers.get('completion');
        return slots?.paused ? waitingForChat(provider) : provider;
      },
      documents: () => this.openDocuments(),
      focus: () => feeder?.focus(),
      promptOptions: () => this.config().prompt,
      completionOn: (state) => this.engine.enablement.availability(state.languageId) === 'on',
      logger: log,
    });
    // Context never comes from a deny-listed file: the ring is not fed from one.
    feeder = new ContextFeeder(this.contextRing, this.contextRefresh, (document) => this.isDenied(document));
    const commands = registerCompletionCommands(this.engine, (until) => snooze.store(until), () => statusBar.render(), () => this.growth.stop(), () => this.growth.reask());
    this.menuActions = commands.menuActions;
    this.subscriptions.addAll(
      this.contextRefresh,
      feeder,
      snooze,
      this.engine,
      this.growth,
      statusBar,
      new InlineObserver(this.engine, () => this.growth.cancelPending(), () => this.window),
      this.engine.onDidGrow((e) => this.growth.grow(e.uri, e.final)),
      this.engine.onDidWithdraw((e) => this.growth.withdraw(e.uri)),
      commands.commands,
      // Every completion setting (and the network) comes through the providers' change, once; a
      // chat setting leaves the engine and its streams alone.
      providers.onDidChange((change) => {
        if (!change.roles.includes('completion')) return;
        this.engine.providerChanged();
        this.engine.configure(this.config());
        // The tooltip names the configured model: a new one shows at once, not at the next refresh.
        statusBar.render();
      }),
    );
    // The chat question is sent: a live completion stream gives the slot up at once. The answer
    // ended: where the user typed meanwhile and still rests, VS Code is asked again.
    if (slots) this.subscriptions.add(slots.onDidChange((paused) => (paused ? this.engine.stopAll() : this.resumeAfterSlotWait())));
    if (slots) this.subscriptions.add(slots.onDidChangeStreamLimit((limit) => this.engine.configure({ maxStreamsPerDocument: limit })));
  }

  /** Every completion request, newest last (a ring buffer of the last 500). */
  get records(): RequestLog {
    return this.engine.log;
  }

  /** VS Code's most recent call to the inline provider that has returned (tests wait for it). */
  get lastAnswer(): ProviderAnswer | undefined {
    return this.provider.lastAnswer;
  }

  /** Whether a growth of the shown suggestion is still being applied. */
  get growthPending(): boolean {
    return this.growth.pending;
  }

  /** How recent growths of shown suggestions went ('requery' | 'fallback'), for tests. */
  get growthHistory(): readonly string[] {
    return this.growth.history;
  }

  /** How many growths there have been in all (for tests: the ones since a count read earlier). */
  get growthCount(): number {
    return this.growth.count;
  }

  /** What the status menu offers: Resume while snoozed, and the active editor's language on or off. */
  menuState(): CompletionMenuState {
    const languageId = vscode.window.activeTextEditor?.document.languageId;
    const error = this.engine.currentStatus().error;
    return {
      snoozed: this.engine.enablement.snoozeEnd !== undefined,
      enabled: this.engine.enablement.enabled,
      ...(languageId ? { language: { id: languageId, on: this.engine.enablement.languageEnabled(languageId) } } : {}),
      ...(error ? { lastErrorKind: error.kind } : {}),
    };
  }

  /** The answer that held the one slot ended: the engine counts latency from now, then the held-back spot is asked again. */
  private resumeAfterSlotWait(): void {
    this.engine.resumed();
    this.askWhereHeldBack();
  }

  /**
   * The user typed while an answer held completion back and has not moved since: VS Code got
   * nothing there and would ask again only at the next key, so Rill asks it to (an explicit
   * trigger, answered under the automatic rules: nothing while completion is off or snoozed).
   */
  private askWhereHeldBack(): void {
    const held = this.provider.takeHeldBack();
    const editor = vscode.window.activeTextEditor;
    if (!held || !editor || editor.selections.length !== 1 || !editor.selection.isEmpty) return;
    if (!sameSpot(held.spot, askedSpot(editor.document, editor.selection.active))) return;
    held.reask();
    void this.growth.reask();
  }

  private config(): EngineConfig {
    const endpoint = this.providers.endpoint('completion');
    const settings = readCompletionSettings();
    const defaults = defaultEngineConfig();
    this.window = documentWindow(settings.contextTokens);
    return {
      ...defaults,
      // A server that runs one request at a time (llama.cpp, a local server with one slot): a second stream would only queue.
      maxStreamsPerDocument: this.slots?.streamLimit ?? (endpoint.provider === 'llamacpp' ? 1 : 2),
      prompt: { ...defaults.prompt, contextTokens: settings.contextTokens, maxTokens: endpoint.maxTokens, temperature: endpoint.temperature },
      exclude: settings.exclude,
      enablement: settings.enablement,
    };
  }

  private isDenied(document: vscode.TextDocument): boolean {
    return this.engine.isDenied(documentPath(document), documentFsPath(document));
  }

  /**
   * Open tabs offered as context (a notebook's code cells, those of the cell being completed
   * first); none in an untrusted workspace. A deny-listed tab is not even read (the engine, which
   * decides what is sent, filters them again).
   */
  private openDocuments(except?: string): OpenDocument[] {
    if (!vscode.workspace.isTrusted) return [];
    const documents: OpenDocument[] = [];
    for (const document of tabDocuments(except ?? vscode.window.activeTextEditor?.document.uri.toString())) {
      if (document.uri.toString() === except) continue;
      // Files only (and untitled editors, notebook cells): not Rill's own reports or other virtual views.
      if (!isCompletionDocument(document)) continue;
      if (this.isDenied(document)) continue;
      const fsPath = documentFsPath(document);
      documents.push({ uri: document.uri.toString(), path: documentPath(document), fsPath, languageId: document.languageId, text: document.getText().replace(/\r\n/g, '\n') });
    }
    return documents;
  }

  dispose(): void {
    this.subscriptions.dispose();
  }
}

/** The completion provider while the slot is the chat's: every stream ends at once, unsent. */
function waitingForChat(provider: LlmProvider): LlmProvider {
  return {
    label: provider.label,
    model: provider.model,
    listModels: (signal) => provider.listModels(signal),
    ...(provider.describe ? { describe: provider.describe.bind(provider) } : {}),
    async *stream() {
      yield { type: 'end', finishReason: 'aborted' };
    },
  };
}
