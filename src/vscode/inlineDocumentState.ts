// The engine's view of a VS Code document at a position: prefix and suffix windows with `\n` line
// ends, the path the model sees, the editor's indentation. With the suggest widget open, the selected item's
// text counts as typed (VS Code shows inline completions that extend it).
import * as vscode from 'vscode';
import { type DocumentWindow, documentWindow } from '../completion/documentWindow';
import { STEP_LINES } from '../completion/prompt/steppedWindow';
import type { DocumentState } from '../completion/types';
import { sourceUri } from './completionDocuments';

export interface InlineSite {
  readonly state: DocumentState;
  /** Where the ghost text's edit starts: the cursor, or the start of the suggest item's range. */
  readonly start: vscode.Position;
  /** Text the item must begin with (the selected suggest item's text), else empty. */
  readonly lead: string;
}

const lf = (text: string) => text.replace(/\r\n/g, '\n');

function editorOptions(document: vscode.TextDocument): { indentUnit: string; tabSize: number } {
  return editorIndentation(vscode.window.visibleTextEditors.find((e) => e.document === document));
}

/** The editor's indentation style: one level (a tab, or `tabSize` spaces) and the columns of a tab. */
export function editorIndentation(editor: vscode.TextEditor | undefined): { indentUnit: string; tabSize: number } {
  const tabSize = typeof editor?.options.tabSize === 'number' ? editor.options.tabSize : 4;
  const insertSpaces = editor?.options.insertSpaces !== false;
  return { indentUnit: insertSpaces ? ' '.repeat(tabSize) : '\t', tabSize };
}

export function documentPath(document: vscode.TextDocument): string {
  const uri = sourceUri(document);
  return uri.scheme === 'untitled' ? uri.path : vscode.workspace.asRelativePath(uri, false);
}

/** The absolute path of the document's file on disk, when it has one (matched by the deny-list, never sent). */
export function documentFsPath(document: vscode.TextDocument): string | undefined {
  const uri = sourceUri(document);
  return uri.scheme === 'file' ? uri.fsPath : undefined;
}

/** Read when the caller does not say: the windows for the largest context budget a setting allows. */
const WIDEST = documentWindow(32_768);

/**
 * The engine's state at `position`: only a window of the text around the cursor is read (see
 * documentWindow.ts), so a keystroke costs the same in a 5 MB file as in a 5 kB one. The window
 * starts at a line that is a multiple of STEP_LINES, so that the prompt's stepped prefix window
 * falls on the same lines as it would in the whole text.
 */
export function inlineSite(document: vscode.TextDocument, position: vscode.Position, selected?: vscode.SelectedCompletionInfo, window: DocumentWindow = WIDEST): InlineSite {
  const start = selected ? selected.range.start : position;
  const end = selected ? selected.range.end : position;
  const lead = selected?.text ?? '';
  const from = document.positionAt(Math.max(0, document.offsetAt(start) - window.before));
  const windowStart = new vscode.Position(from.line - (from.line % STEP_LINES), 0);
  const windowEnd = document.positionAt(document.offsetAt(end) + window.after);
  const last = document.lineAt(document.lineCount - 1).range.end;
  // Offsets as the engine counts them: with `\n` line ends (a CRLF document has one CR per line break).
  const crlf = document.eol === vscode.EndOfLine.CRLF;
  const lfOffset = (p: vscode.Position) => document.offsetAt(p) - (crlf ? p.line : 0);
  const state: DocumentState = {
    uri: document.uri.toString(),
    path: documentPath(document),
    ...(documentFsPath(document) !== undefined ? { fsPath: documentFsPath(document) } : {}),
    languageId: document.languageId,
    prefix: lf(document.getText(new vscode.Range(windowStart, start)) + lead),
    suffix: lf(document.getText(new vscode.Range(end, windowEnd))),
    prefixOffset: lfOffset(windowStart),
    prefixLine: windowStart.line,
    suffixBeyond: lfOffset(last) - lfOffset(windowEnd),
    ...editorOptions(document),
  };
  return { state, start, lead };
}
