// The menu behind Rill's status bar item: the things a user reaches for while typing (turn ghost
// text off or snooze it, switch models or provider, fix a refused key, see the latency report, read
// the log). Each entry runs the command that owns the action; the menu holds no logic of its own.
// Completion's toggle, snooze and resume it calls directly (`direct`): the user picked them here,
// and their commands ask before turning completion on (another extension can run a command; it
// cannot pick in this menu).
import * as vscode from 'vscode';
import { DisposableStore } from '../base/disposable';
import type { ProviderRegistry } from './providers';

export interface StatusMenuItem extends vscode.QuickPickItem {
  readonly command?: string;
  readonly args?: readonly unknown[];
}

export const SNOOZE_MINUTES = [5, 30, 60] as const;

/** A snooze's length as the menu and the palette's picker both say it: "5 minutes", "1 hour". */
export function snoozeLength(minutes: number): string {
  return minutes === 60 ? '1 hour' : `${minutes} minutes`;
}

export class StatusMenu implements vscode.Disposable {
  private readonly shown = new vscode.EventEmitter<void>();
  /** Fires when the menu is on screen (tests wait for it before choosing). */
  readonly onDidShow = this.shown.event;
  private readonly command: vscode.Disposable;

  constructor(
    private readonly providers: ProviderRegistry,
    /** What completion is doing now, for the entries that depend on it (resume, the active language). */
    private readonly state: () => CompletionMenuState = () => ({ snoozed: false }),
    /** Entries run by calling them rather than their command, by command id. */
    private readonly direct: Readonly<Record<string, (...args: unknown[]) => Promise<unknown>>> = {},
  ) {
    this.command = vscode.commands.registerCommand('rill.showStatusMenu', () => this.show());
  }

  /** Shows the menu and runs the chosen entry's command; returns that command's id. */
  async show(): Promise<string | undefined> {
    const item = await new Promise<StatusMenuItem | undefined>((resolve) => {
      const pick = vscode.window.createQuickPick<StatusMenuItem>();
      pick.title = 'Rill';
      pick.placeholder = 'Inline completions, models, latency';
      pick.items = statusMenuItems(this.providers, this.state());
      const subscriptions = new DisposableStore();
      subscriptions.add(
        pick.onDidAccept(() => {
          resolve(pick.selectedItems[0]);
          pick.hide();
        }),
      );
      subscriptions.add(
        pick.onDidHide(() => {
          resolve(undefined);
          subscriptions.dispose();
        }),
      );
      subscriptions.add(pick);
      pick.show();
      this.shown.fire();
    });
    const args = item?.args ?? [];
    const direct = item?.command ? this.direct[item.command] : undefined;
    if (direct) await direct(...args);
    else if (item?.command) await vscode.commands.executeCommand(item.command, ...args);
    return item?.command;
  }

  dispose(): void {
    this.command.dispose();
    this.shown.dispose();
  }
}

/** Completion as the menu needs it: snoozed or not, and the active editor's language. */
export interface CompletionMenuState {
  readonly snoozed: boolean;
  /** Whether automatic completion is on (rill.completion.enabled); on when not said. */
  readonly enabled?: boolean;
  /** The active editor's language (its name as VS Code shows it) and whether completion is on there. */
  readonly language?: { readonly id: string; readonly on: boolean };
  /** The kind of the error the status bar shows (red), if any: a refused key puts its fix in the menu. */
  readonly lastErrorKind?: string;
}

export function statusMenuItems(providers: ProviderRegistry, state: CompletionMenuState = { snoozed: false }): StatusMenuItem[] {
  const completion = providers.endpoint('completion');
  const chat = providers.endpoint('chat');
  const language = state.language;
  return [
    { label: 'Inline completions', kind: vscode.QuickPickItemKind.Separator },
    ...(state.snoozed ? [{ label: '$(play) Resume Inline Completions', description: 'end the snooze now', command: 'rill.resumeInlineCompletions' }] : []),
    // Says what picking it does now, not "toggle": a person (or a screen reader) need not know the state first.
    state.enabled === false
      ? { label: '$(check) Turn On Inline Completions', description: 'everywhere (rill.completion.enabled)', command: 'rill.toggleInlineCompletions' }
      : { label: '$(circle-slash) Turn Off Inline Completions', description: 'everywhere (rill.completion.enabled)', command: 'rill.toggleInlineCompletions' },
    ...(language
      ? [
          {
            label: language.on ? `$(circle-slash) Turn Off for ${language.id}` : `$(check) Turn On for ${language.id}`,
            description: 'automatic completion in this language (rill.completion.languages)',
            command: 'rill.toggleInlineCompletionsForLanguage',
          },
        ]
      : []),
    ...SNOOZE_MINUTES.map(
      (minutes): StatusMenuItem => ({
        label: `$(clock) Snooze for ${snoozeLength(minutes)}`,
        description: 'ghost text comes back by itself',
        command: 'rill.snoozeInlineCompletions',
        args: [minutes],
      }),
    ),
    { label: 'Models', kind: vscode.QuickPickItemKind.Separator },
    // A red item after a refused key: the fix is one click away, not only named in the tooltip.
    ...(state.lastErrorKind === 'auth' ? [{ label: '$(key) Set API Key…', description: 'the server refused the key, or none is set', command: 'rill.setApiKey' }] : []),
    { label: '$(symbol-misc) Select Model…', description: `completion ${completion.model} · chat ${chat.model}`, command: 'rill.selectModel' },
    { label: '$(server) Choose Provider…', description: 'OpenAI, Anthropic or a model server on this machine', command: 'rill.chooseProvider' },
    { label: 'Insight', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(graph-line) Show Latency Report', description: 'time to first token, ghost text latency, tokens', command: 'rill.showLatencyReport' },
    { label: '$(output) Show Log', command: 'rill.showLog' },
  ];
}
