// The menu behind Rill's status bar item: the things a user reaches for while typing (turn ghost
// text off or snooze it, switch models, see the latency report, read the log). Each entry runs the
// command that owns the action; the menu holds no logic of its own.
import * as vscode from 'vscode';
import type { ProviderRegistry } from './providers';

interface MenuItem extends vscode.QuickPickItem {
  readonly command?: string;
  readonly args?: readonly unknown[];
}

export const SNOOZE_MINUTES = [5, 30, 60] as const;

export function registerStatusMenu(providers: ProviderRegistry): vscode.Disposable {
  return vscode.commands.registerCommand('rill.showStatusMenu', async () => {
    const item = await vscode.window.showQuickPick(statusMenuItems(providers), { title: 'Rill', placeHolder: 'Inline completions, models, latency' });
    if (item?.command) await vscode.commands.executeCommand(item.command, ...(item.args ?? []));
    return item?.command;
  });
}

export function statusMenuItems(providers: ProviderRegistry): MenuItem[] {
  const completion = providers.endpoint('completion');
  const chat = providers.endpoint('chat');
  return [
    { label: 'Inline completions', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(circle-slash) Toggle Inline Completions', description: 'on or off everywhere', command: 'rill.toggleInlineCompletions' },
    ...SNOOZE_MINUTES.map(
      (minutes): MenuItem => ({
        label: `$(clock) Snooze for ${minutes === 60 ? '1 hour' : `${minutes} minutes`}`,
        description: 'ghost text comes back by itself',
        command: 'rill.snoozeInlineCompletions',
        args: [minutes],
      }),
    ),
    { label: 'Models', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(symbol-misc) Select Model…', description: `completion ${completion.model} · chat ${chat.model}`, command: 'rill.selectModel' },
    { label: 'Insight', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(graph-line) Show Latency Report', description: 'time to first token, ghost text latency, tokens', command: 'rill.showLatencyReport' },
    { label: '$(output) Show Log', command: 'rill.showLog' },
  ];
}
