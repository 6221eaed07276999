// "Show Chat History": a quick pick of past conversations, newest first, each deletable.
import * as vscode from 'vscode';
import type { ChatHistory } from '../chat/history';

interface ConversationPick extends vscode.QuickPickItem {
  readonly id: string;
}

const deleteButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Delete from history' };

/** The id of the conversation the user picked, or undefined. `forget` deletes one from history (and offers Undo). */
export function pickConversation(history: ChatHistory, forget: (id: string) => Promise<unknown>): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<ConversationPick>();
  pick.title = 'Rill: Chat History';
  pick.placeholder = 'Reopen a conversation';
  pick.matchOnDetail = true;
  const fill = (): void => {
    pick.items = history.list().map((c) => ({
      id: c.id,
      label: c.title,
      description: new Date(c.updatedAt).toLocaleString(),
      detail: `${c.turnCount} question${c.turnCount === 1 ? '' : 's'}`,
      buttons: [deleteButton],
    }));
    if (pick.items.length === 0) pick.placeholder = 'No conversations yet';
  };
  fill();
  return new Promise((resolve) => {
    let chosen: string | undefined;
    pick.onDidTriggerItemButton(async (e) => {
      await forget(e.item.id);
      fill();
    });
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0]?.id;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}
