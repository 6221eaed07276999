// The chat's commands: the view title buttons (New Chat, History), Stop, and adding the
// editor's selection or file to the next question.
import * as vscode from 'vscode';
import type { ChatService } from './chatService';
import { CHAT_VIEW_ID } from './chatViewProvider';

export function registerChat(chat: ChatService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chat.view, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.commands.registerCommand('rill.chat.newChat', async () => {
      chat.newChat();
      await chat.view.reveal();
    }),
    vscode.commands.registerCommand('rill.chat.showHistory', () => chat.showHistory()),
    vscode.commands.registerCommand('rill.chat.stop', () => {
      // From the palette with nothing streaming: say so, rather than nothing at all.
      if (!chat.isStreaming) void vscode.window.setStatusBarMessage('Rill: no chat answer is streaming', 3000);
      chat.stop();
    }),
    vscode.commands.registerCommand('rill.chat.attachSelection', () => chat.attach('selection')),
    vscode.commands.registerCommand('rill.chat.attachFile', () => chat.attach('file')),
  );
}
