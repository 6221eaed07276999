// Completion waits while a chat answer (or Generate, or VS Code's own chat through Rill's models)
// streams from the same one-slot server (src/llm/sharedSlot.ts says when): no completion request
// is sent, live completion streams are closed the moment the chat request starts, and the status
// bar says why. It resumes when the last chat stream ends (and VS Code is asked again where the user
// typed meanwhile: CompletionService). On such a server completion also keeps one
// stream of its own at a time (`streamLimit`): a second would queue behind the first. The chat side is seen through the
// request records every chat-endpoint stream leaves (StreamRequestLog), so no feature has to
// remember to tell it.
import * as vscode from 'vscode';
import { DisposableStore } from '../base/disposable';
import { completionStreamLimit, completionWaitsForChat, type SlotVerdict } from '../llm/sharedSlot';
import type { RillLog } from './log';
import type { ProviderRegistry } from './providers';

/** The chat endpoint's streams, as the request log sees them. */
export interface ChatStreams {
  /** Whether a chat-endpoint stream is live now. */
  live(): boolean;
  onDidChange(listener: () => void): { dispose(): void };
}

export const SLOTS_SETTING = 'network.localServerSlots';

export class CompletionSlotGate implements vscode.Disposable {
  private verdict: SlotVerdict = { waits: false };
  private busy = false;
  private readonly changed = new vscode.EventEmitter<boolean>();
  /** Fires with `paused` whenever it changes. */
  readonly onDidChange = this.changed.event;
  private limit: 1 | 2;
  private readonly limitChanged = new vscode.EventEmitter<1 | 2>();
  /** Fires with `streamLimit` whenever it changes. */
  readonly onDidChangeStreamLimit = this.limitChanged.event;
  private readonly subscriptions = new DisposableStore();
  /** Bumped by every refresh, so a slow server report never overwrites a newer verdict. */
  private generation = 0;

  constructor(
    private readonly providers: ProviderRegistry,
    private readonly chat: ChatStreams,
    private readonly log: RillLog,
  ) {
    this.subscriptions.addAll(
      chat.onDidChange(() => this.update()),
      providers.onDidChange(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`rill.${SLOTS_SETTING}`)) void this.refresh();
      }),
      this.changed,
      this.limitChanged,
    );
    this.limit = completionStreamLimit({ completion: providers.endpoint('completion'), configuredSlots: this.configuredSlots() });
    void this.refresh();
  }

  /** Whether completion must send nothing now. */
  get paused(): boolean {
    return this.verdict.waits && this.busy;
  }

  /** How many completion streams may be live at once on the completion server (see completionStreamLimit). */
  get streamLimit(): 1 | 2 {
    return this.limit;
  }

  /** What the status bar says while paused. */
  get reason(): string | undefined {
    if (!this.paused || !this.verdict.waits) return undefined;
    return `Completion is paused while an answer (chat, Ask, Generate or VS Code's chat) streams: the server at ${this.verdict.server} runs one request at a time. It resumes when the answer ends.`;
  }

  /** Reads the endpoints, the setting and what the completion server reports about its slots. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const completion = this.providers.endpoint('completion');
    const chat = this.providers.endpoint('chat');
    const configuredSlots = this.configuredSlots();
    const inputs = { completion, chat, configuredSlots };
    // Decide at once from the settings, then again once the server said how many slots it has.
    this.apply(completionWaitsForChat(inputs));
    this.applyLimit(completionStreamLimit(inputs));
    const mayWait = completionWaitsForChat({ ...inputs, configuredSlots: 1 }).waits;
    const mayBeOneSlot = completionStreamLimit({ ...inputs, configuredSlots: 1 }) === 1;
    if (!mayWait && !mayBeOneSlot) return;
    try {
      const report = await this.providers.serverReport('completion');
      const reportedSlots = report.kind === 'llamacpp' ? report.totalSlots : undefined;
      if (generation !== this.generation) return;
      this.applyLimit(completionStreamLimit({ ...inputs, reportedSlots, llamacpp: report.kind === 'llamacpp' }));
      if (reportedSlots !== undefined) this.apply(completionWaitsForChat({ ...inputs, reportedSlots }));
    } catch (error) {
      this.log.debug(`Completion slots: the server did not say (${error instanceof Error ? error.message : String(error)}).`);
    }
  }

  private configuredSlots(): number {
    return Math.max(1, vscode.workspace.getConfiguration('rill').get<number>(SLOTS_SETTING, 1));
  }

  private applyLimit(limit: 1 | 2): void {
    if (limit === this.limit) return;
    this.limit = limit;
    this.log.info(`Completion keeps ${limit === 1 ? 'one stream at a time: the server runs one request at a time' : 'up to two streams at once'}.`);
    this.limitChanged.fire(limit);
  }

  private apply(verdict: SlotVerdict): void {
    this.verdict = verdict;
    this.update();
  }

  private update(): void {
    const was = this.paused;
    this.busy = this.chat.live();
    if (this.paused !== was) {
      this.log.info(this.paused ? 'Completion paused: an answer streams from the same one-slot server.' : 'Completion resumed: the answer ended.');
      this.changed.fire(this.paused);
    }
  }

  dispose(): void {
    this.subscriptions.dispose();
  }
}
