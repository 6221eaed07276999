// What an `@rill` question in VS Code's chat carries besides its text, under the chat panel's rules:
// `/explain` attaches the selection, `/file` the active file, and every file or range the user
// referenced (`#file`, drag and drop) is attached too. A file on the deny-list is sent only after
// an explicit yes (the panel's own dialog); secrets are masked later, at the provider layer.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ContextItem } from '../chat/model';
import { estimateTokens } from '../protocol/tokens';
import { EXPLAIN_SELECTION_PROMPT, FILE_OVERVIEW_PROMPT } from './askCommands';
import { type ContextResult, documentContext, fileContext, selectionContext } from './chatEditor';

export const EXPLAIN_COMMAND = 'explain';
export const FILE_COMMAND = 'file';

export type Gathered =
  | {
      readonly question: string;
      readonly items: readonly ContextItem[];
      /** What the answer names as its references (the files and ranges attached). */
      readonly references: readonly (vscode.Uri | vscode.Location)[];
      /** What was asked for but not attached, and why. */
      readonly notes: readonly string[];
    }
  /** The command cannot run (no selection for /explain...): say why instead of asking. */
  | { readonly problem: string }
  /** The user declined to send a secret file the command needs. */
  | { readonly cancelled: true };

export async function gatherContext(request: vscode.ChatRequest, editor: vscode.TextEditor | undefined): Promise<Gathered> {
  const items: ContextItem[] = [];
  const references: (vscode.Uri | vscode.Location)[] = [];
  const notes: string[] = [];
  let question = request.prompt.trim();

  if (request.command === EXPLAIN_COMMAND || request.command === FILE_COMMAND) {
    const explain = request.command === EXPLAIN_COMMAND;
    const result = explain ? await selectionContext(editor, randomUUID()) : await fileContext(editor, randomUUID());
    if ('problem' in result) return { problem: result.problem };
    if ('cancelled' in result) return result;
    items.push(result.item);
    if (editor) references.push(explain ? new vscode.Location(editor.document.uri, editor.selection) : editor.document.uri);
    question ||= explain ? EXPLAIN_SELECTION_PROMPT : FILE_OVERVIEW_PROMPT;
  }

  // VS Code lists references last-in-prompt first; the model reads them in the order written.
  for (const reference of [...request.references].reverse()) {
    const attached = await referenceContext(reference);
    if (!attached) continue;
    if ('note' in attached) notes.push(attached.note);
    // The chat may also pass the selection `/explain` attached (its implicit context): send it once.
    else if (items.some((i) => i.label === attached.item.label && i.text === attached.item.text)) continue;
    else {
      items.push(attached.item);
      if (attached.shown) references.push(attached.shown);
    }
  }
  return { question, items, references, notes };
}

type Attached = { readonly item: ContextItem; readonly shown?: vscode.Uri | vscode.Location } | { readonly note: string };

async function referenceContext(reference: vscode.ChatPromptReference): Promise<Attached | undefined> {
  const value = reference.value;
  if (typeof value === 'string') {
    const label = reference.modelDescription ?? reference.id;
    return { item: { id: randomUUID(), label, text: value, tokens: estimateTokens(value) } };
  }
  const uri = value instanceof vscode.Location ? value.uri : value instanceof vscode.Uri ? value : undefined;
  if (!uri) return undefined;
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch {
    return { note: `${uri.path.split('/').pop() ?? uri.path} could not be read as text, so it is not attached.` };
  }
  const range = value instanceof vscode.Location ? value.range : undefined;
  const result: ContextResult = await documentContext(document, range, randomUUID());
  if ('problem' in result) return { note: result.problem };
  if ('cancelled' in result) return { note: `${uri.path.split('/').pop() ?? uri.path} is not attached: you chose not to send it.` };
  return { item: result.item, shown: value instanceof vscode.Location ? value : uri };
}
