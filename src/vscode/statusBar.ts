// The completion status bar item: state (idle, waiting, streaming, error, snoozed, off) and the
// last latency the user saw; the tooltip shows the recent figures behind it.
import * as vscode from 'vscode';
import { systemClock } from '../base/clock';
import { type Disposable, DisposableStore, MutableDisposable, toDisposable } from '../base/disposable';
import type { CompletionEngine } from '../completion/engine';
import { type EngineStatus, statusEndsAt } from '../completion/engineStatus';
import { statusBarLabel } from './statusBarLabel';
import { languageOffTooltip, statusTooltip } from './statusTooltip';

/** Rill's status menu (src/vscode/statusMenu.ts): toggle, snooze, models, latency report. */
const STATUS_MENU_COMMAND = 'rill.showStatusMenu';

const ICONS: Readonly<Record<EngineStatus['state'], string>> = {
  idle: '$(sparkle)',
  waiting: '$(watch)',
  streaming: '$(loading~spin)',
  error: '$(error)',
  snoozed: '$(bell-slash)',
  off: '$(circle-slash)',
};

/** Why completion sends nothing right now, besides the engine's own states (a one-slot server busy with chat). */
export interface CompletionPause {
  readonly reason: string | undefined;
  readonly onDidChange: vscode.Event<boolean>;
}

export class CompletionStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions = new DisposableStore();
  /** Redraws when a pause or snooze ends: the engine fires no event then. */
  private readonly redrawAtEnd = this.subscriptions.add(new MutableDisposable<Disposable>());

  constructor(
    private readonly engine: CompletionEngine,
    private readonly pause?: CompletionPause,
    /** The completion model the settings name now (the engine knows only the last one it asked). */
    private readonly configuredModel?: () => string,
  ) {
    this.item = this.subscriptions.add(vscode.window.createStatusBarItem('rill.completion', vscode.StatusBarAlignment.Right, 100));
    this.item.name = 'Rill Completion';
    this.item.command = STATUS_MENU_COMMAND;
    this.subscriptions.add(engine.onDidChangeStatus(() => this.render()));
    if (pause) this.subscriptions.add(pause.onDidChange(() => this.render()));
    // The item speaks of the active editor's language (on or off there).
    this.subscriptions.add(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
    // The tooltip's figures age: refresh now and then (a pause or snooze end redraws at once, below).
    const timer = setInterval(() => this.render(), 30_000);
    this.subscriptions.add(toDisposable(() => clearInterval(timer)));
    this.render();
    this.item.show();
  }

  render(): void {
    const status = this.engine.currentStatus();
    const endsAt = statusEndsAt(status);
    // A little after the end, so that the engine's clock reads it as over.
    this.redrawAtEnd.value = endsAt === undefined ? undefined : systemClock.setTimeout(() => this.render(), endsAt - systemClock.now() + 50);
    const waiting = this.pause?.reason;
    if (waiting !== undefined) {
      // Completion waits for the chat answer on a one-slot server; nothing else is worth showing.
      this.item.text = '$(debug-pause) Rill';
      this.item.backgroundColor = undefined;
      this.item.accessibilityInformation = { label: 'Rill inline completion: paused while an answer streams' };
      const md = new vscode.MarkdownString(`**Rill inline completion: paused while an answer streams**  \n\n${waiting}`);
      md.isTrusted = false;
      this.item.tooltip = md;
      return;
    }
    // Completion is on, but not in the active editor's language: say so, not a latency from elsewhere.
    const languageId = vscode.window.activeTextEditor?.document.languageId;
    if ((status.state === 'idle' || status.state === 'error') && languageId && this.engine.enablement.availability(languageId) === 'language-off') {
      this.item.text = `${ICONS.off} Rill`;
      this.item.backgroundColor = undefined;
      this.item.accessibilityInformation = { label: `Rill inline completion: off for ${languageId}` };
      const md = new vscode.MarkdownString(languageOffTooltip(languageId));
      md.isTrusted = false;
      this.item.tooltip = md;
      return;
    }
    const latency = status.lastLatencyMs === undefined ? '' : ` ${status.lastLatencyMs} ms`;
    const snooze = status.snoozedUntil === undefined ? '' : ` ${Math.max(1, Math.ceil((status.snoozedUntil - systemClock.now()) / 60_000))} min`;
    // In red after an error, no latency: the one shown was of a request that answered (the error is in the tooltip).
    this.item.text = `${ICONS[status.state]} Rill${status.state === 'snoozed' ? snooze : status.state === 'off' || status.state === 'error' ? '' : latency}`;
    this.item.backgroundColor = status.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.accessibilityInformation = { label: statusBarLabel(status, systemClock.now(), clockTime) };
    this.item.tooltip = this.tooltip(status);
  }

  private tooltip(status: EngineStatus): vscode.MarkdownString {
    const md = new vscode.MarkdownString(statusTooltip(status, this.engine.log.all(), clockTime, this.configuredModel?.()));
    md.isTrusted = false;
    return md;
  }

  dispose(): void {
    this.subscriptions.dispose();
  }
}

/** 14:37:05, in the user's locale. */
function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString();
}
