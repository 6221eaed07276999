// Quick asks from the command palette and the editor's context menu: Ask…, Explain Selection and
// Ask About This File. Each takes its context from the editor, opens the chat panel and streams the
// answer there (ChatService.ask); the chat owns the conversation from then on. The commands take no
// arguments (the editor's context menu passes the file's URI, which they ignore), and each sends only
// once the user answers its input box (Enter on an empty box asks the command's own question): no
// other extension can send the user's code in their name, even after selecting it for them.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { notificationText } from '../base/notificationText';
import { type ContextResult, fileContext, selectionContext } from './chatEditor';
import type { AskContext, ChatService } from './chatService';

export const EXPLAIN_SELECTION_PROMPT =
  'Explain this code: what it does, how it does it, and anything surprising or risky in it.';
export const FILE_OVERVIEW_PROMPT =
  'Give an overview of this file: what it is for, its main parts, and how they fit together.';

type Attached = { readonly context: AskContext } | { readonly note: string } | { readonly cancelled: true };

export function registerAskCommands(chat: ChatService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('rill.ask', () => ask(chat)),
    vscode.commands.registerCommand('rill.explainSelection', () => explainSelection(chat)),
    vscode.commands.registerCommand('rill.askAboutFile', () => askAboutFile(chat)),
  );
}

/** Ask… with the selection attached, else the current file, else nothing. */
async function ask(chat: ChatService): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const attached = editor ? await attach(editor.selection.isEmpty ? fileContext(editor, randomUUID()) : selectionContext(editor, randomUUID())) : undefined;
  // Declining to send a secret-looking file still leaves the question to ask, without it.
  const context = attached && 'context' in attached ? [attached.context] : [];
  const text = await vscode.window.showInputBox({
    title: titleFor('Rill: Ask', attached),
    prompt: context.length ? `The answer streams into the chat panel, with ${context[0]?.label} attached.` : 'The answer streams into the chat panel.',
    placeHolder: 'Ask a question',
    ignoreFocusOut: true,
  });
  if (!text?.trim()) return false;
  await chat.ask(text.trim(), context);
  return true;
}

/** The selection is attached; an empty question asks for an explanation of it. */
async function explainSelection(chat: ChatService): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const attached = await attach(selectionContext(editor, randomUUID()));
  if ('cancelled' in attached) return false;
  if ('note' in attached) {
    // The note names the file: a repository's file name is not Rill's text (notificationText.ts).
    void vscode.window.showInformationMessage(notificationText(attached.note));
    return false;
  }
  const text = await vscode.window.showInputBox({
    title: titleFor('Rill: Explain Selection', attached),
    prompt: 'Press Enter to have the selection explained, or ask something about it.',
    placeHolder: EXPLAIN_SELECTION_PROMPT,
    ignoreFocusOut: true,
  });
  if (text === undefined) return false;
  await chat.ask(text.trim() || EXPLAIN_SELECTION_PROMPT, [attached.context]);
  return true;
}

/** The file is always attached (even with a selection); an empty question asks for an overview. */
async function askAboutFile(chat: ChatService): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const attached = await attach(fileContext(editor, randomUUID()));
  if ('cancelled' in attached) return false;
  if ('note' in attached) {
    void vscode.window.showInformationMessage(notificationText(attached.note));
    return false;
  }
  const text = await vscode.window.showInputBox({
    title: titleFor('Rill: Ask About This File', attached),
    prompt: 'Ask about the file, or press Enter for an overview of it.',
    placeHolder: FILE_OVERVIEW_PROMPT,
    ignoreFocusOut: true,
  });
  if (text === undefined) return false;
  await chat.ask(text.trim() || FILE_OVERVIEW_PROMPT, [attached.context]);
  return true;
}

async function attach(pending: Promise<ContextResult>): Promise<Attached> {
  const result = await pending;
  if ('cancelled' in result) return result;
  if ('problem' in result) return { note: result.problem };
  const { label, text, language } = result.item;
  if (text.trim() === '') return { note: `${label} is empty.` };
  return { context: { label, text, ...(language ? { language } : {}) } };
}

function titleFor(base: string, attached: Attached | undefined): string {
  if (!attached || 'cancelled' in attached) return base;
  if ('note' in attached) return `${base} (nothing attached: ${attached.note})`;
  return `${base} — with ${attached.context.label}`;
}
