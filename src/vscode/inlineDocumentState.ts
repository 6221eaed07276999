// The engine's view of a VS Code document at a position: prefix and suffix with `\n` line ends, the
// path the model sees, the editor's indentation. With the suggest widget open, the selected item's
// text counts as typed (VS Code shows inline completions that extend it).
import * as vscode from 'vscode';
import type { DocumentState } from '../completion/types';

export interface InlineSite {
  readonly state: DocumentState;
  /** Where the ghost text's edit starts: the cursor, or the start of the suggest item's range. */
  readonly start: vscode.Position;
  /** Text the item must begin with (the selected suggest item's text), else empty. */
  readonly lead: string;
}

const lf = (text: string) => text.replace(/\r\n/g, '\n');

function editorOptions(document: vscode.TextDocument): { indentUnit: string; tabSize: number } {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const tabSize = typeof editor?.options.tabSize === 'number' ? editor.options.tabSize : 4;
  const insertSpaces = editor?.options.insertSpaces !== false;
  return { indentUnit: insertSpaces ? ' '.repeat(tabSize) : '\t', tabSize };
}

export function documentPath(document: vscode.TextDocument): string {
  return document.uri.scheme === 'untitled' ? document.uri.path : vscode.workspace.asRelativePath(document.uri, false);
}

export function inlineSite(document: vscode.TextDocument, position: vscode.Position, selected?: vscode.SelectedCompletionInfo): InlineSite {
  const text = document.getText();
  const start = selected ? selected.range.start : position;
  const end = selected ? selected.range.end : position;
  const lead = selected?.text ?? '';
  const state: DocumentState = {
    uri: document.uri.toString(),
    path: documentPath(document),
    ...(document.uri.scheme === 'file' ? { fsPath: document.uri.fsPath } : {}),
    languageId: document.languageId,
    prefix: lf(text.slice(0, document.offsetAt(start)) + lead),
    suffix: lf(text.slice(document.offsetAt(end))),
    ...editorOptions(document),
  };
  return { state, start, lead };
}
