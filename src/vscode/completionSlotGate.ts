// Completion waits while a chat answer (or Generate, or VS Code's own chat through Rill's models)
// streams from the same one-slot server (src/llm/sharedSlot.ts says when): no completion request
// is sent, live completion streams are closed the moment the chat request starts, and the status
// bar says why. It resumes when the last chat stream ends. The chat side is seen through the
// request records every chat-endpoint stream leaves (StreamRequestLog), so no feature has to
// remember to tell it.
import * as vscode from 'vscode';
import { DisposableStore } from '../base/disposable';
import { completionWaitsForChat, type SlotVerdict } from '../llm/sharedSlot';
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
    );
    void this.refresh();
  }

  /** Whether completion must send nothing now. */
  get paused(): boolean {
    return this.verdict.waits && this.busy;
  }

  /** What the status bar says while paused. */
  get reason(): string | undefined {
    if (!this.paused || !this.verdict.waits) return undefined;
    return `Completion is paused while the chat answer streams: the server at ${this.verdict.server} runs one request at a time. It resumes when the answer ends.`;
  }

  /** Reads the endpoints, the setting and what the completion server reports about its slots. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const completion = this.providers.endpoint('completion');
    const chat = this.providers.endpoint('chat');
    const configuredSlots = Math.max(1, vscode.workspace.getConfiguration('rill').get<number>(SLOTS_SETTING, 1));
    const inputs = { completion, chat, configuredSlots };
    // Decide at once from the settings, then again once the server said how many slots it has.
    this.apply(completionWaitsForChat(inputs));
    if (!completionWaitsForChat({ ...inputs, configuredSlots: 1 }).waits) return;
    try {
      const report = await this.providers.serverReport('completion');
      const reportedSlots = report.kind === 'llamacpp' ? report.totalSlots : undefined;
      if (generation === this.generation && reportedSlots !== undefined) this.apply(completionWaitsForChat({ ...inputs, reportedSlots }));
    } catch (error) {
      this.log.debug(`Completion slots: the server did not say (${error instanceof Error ? error.message : String(error)}).`);
    }
  }

  private apply(verdict: SlotVerdict): void {
    this.verdict = verdict;
    this.update();
  }

  private update(): void {
    const was = this.paused;
    this.busy = this.chat.live();
    if (this.paused !== was) {
      this.log.info(this.paused ? 'Completion paused: a chat answer streams from the same one-slot server.' : 'Completion resumed: the chat answer ended.');
      this.changed.fire(this.paused);
    }
  }

  dispose(): void {
    this.subscriptions.dispose();
  }
}
