// The completion status bar item: state (idle, waiting, streaming, error, snoozed, off) and the
// last latency the user saw; the tooltip shows the recent figures behind it.
import * as vscode from 'vscode';
import { systemClock } from '../base/clock';
import { type Disposable, DisposableStore, MutableDisposable, toDisposable } from '../base/disposable';
import type { CompletionEngine } from '../completion/engine';
import { type EngineStatus, statusEndsAt } from '../completion/engineStatus';
import { recentFigures } from '../completion/recentFigures';
import { promptCacheLine, promptCacheSummary } from '../report/promptCache';

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
      this.item.accessibilityInformation = { label: 'Rill inline completion: paused for the chat answer' };
      const md = new vscode.MarkdownString(`**Rill inline completion: paused for the chat answer**  \n\n${waiting}`);
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
      const md = new vscode.MarkdownString(
        `**Rill inline completion: off for ${languageId}**  \n\nTurned off for this language in \`rill.completion.languages\`. Click for options (Turn On for ${languageId}); Alt+\\ still asks.`,
      );
      md.isTrusted = false;
      this.item.tooltip = md;
      return;
    }
    const latency = status.lastLatencyMs === undefined ? '' : ` ${status.lastLatencyMs} ms`;
    const snooze = status.snoozedUntil === undefined ? '' : ` ${Math.max(1, Math.ceil((status.snoozedUntil - systemClock.now()) / 60_000))} min`;
    this.item.text = `${ICONS[status.state]} Rill${status.state === 'snoozed' ? snooze : status.state === 'off' ? '' : latency}`;
    this.item.backgroundColor = status.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    const paused = status.pausedUntil === undefined ? '' : `, paused until ${clockTime(status.pausedUntil)}`;
    this.item.accessibilityInformation = { label: `Rill inline completion: ${status.state}${latency}${paused}` };
    this.item.tooltip = this.tooltip(status);
  }

  private tooltip(status: EngineStatus): vscode.MarkdownString {
    const records = this.engine.log.all();
    const f = recentFigures(records);
    const cache = promptCacheLine(promptCacheSummary(records.filter((r) => r.sentAt !== undefined).slice(-f.requests)));
    const ms = (v: number | undefined) => (v === undefined ? '–' : `${Math.round(v)} ms`);
    const lines = [
      `**Rill inline completion: ${status.state}**`,
      '',
      status.error ? `Last error (${status.error.kind}): ${status.error.message}\n` : '',
      // A Retry-After of minutes: say when ghost text comes back, and that Alt+\ still asks.
      status.pausedUntil === undefined ? '' : `Automatic completion paused until ${clockTime(status.pausedUntil)}; Alt+\\ asks anyway.\n`,
      modelLine(this.configuredModel?.() ?? status.model ?? '–', status.model),
      `Time to first token: ${ms(status.ttftMs)} · ${status.tokensPerSec === undefined ? '–' : Math.round(status.tokensPerSec)} tokens/s`,
      // The figure on the item itself: say what it is.
      ...(status.lastLatencyMs === undefined ? [] : [`Last suggestion: ${status.lastLatencyMs} ms from your last keystroke to its ghost text (the figure in the status bar)`]),
      `Keystroke to ghost text, recent requests: p50 ${ms(f.latencyP50)}, p90 ${ms(f.latencyP90)}`,
      `Last ${f.requests} requests: ${f.shown} shown, ${f.accepted} accepted, ${f.aborted} aborted, ${f.errors} errors`,
      `Tokens: ${f.tokensOut} out, ${f.tokensOut === 0 ? 0 : Math.round((100 * f.tokensWasted) / f.tokensOut)}% never reached you`,
      // Only servers that report their prompt cache (llama.cpp's timings, OpenAI-style cached_tokens).
      ...(cache ? [cache] : []),
      '',
      'Click for options.',
    ];
    const md = new vscode.MarkdownString(lines.filter((l, i) => l !== '' || i < lines.length - 1).join('  \n'));
    md.isTrusted = false;
    return md;
  }

  dispose(): void {
    this.subscriptions.dispose();
  }
}

/**
 * The tooltip's model line: the model completion uses now, and whose the figures below it are when
 * the last request went to another (before a provider or model change) or none was made yet.
 */
export function modelLine(configured: string, lastAsked: string | undefined): string {
  if (lastAsked === undefined) return `Model: ${configured} (not asked yet)`;
  if (lastAsked === configured) return `Model: ${configured}`;
  return `Model: ${configured} (the figures below are from ${lastAsked}, asked before the change)`;
}

/** 14:37:05, in the user's locale. */
function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString();
}
