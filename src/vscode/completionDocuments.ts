// Which documents inline completion works in (and whose edits feed its context): files, local or
// remote or virtual, untitled editors and the cells of notebooks. Nothing else: not the output
// panel, the source control commit box, a diff's original side or other read-only views.
import * as vscode from 'vscode';

const SCHEMES: readonly string[] = ['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-notebook-cell'];

export const COMPLETION_SELECTOR: vscode.DocumentSelector = SCHEMES.map((scheme) => ({ scheme }));

export function isCompletionDocument(document: vscode.TextDocument): boolean {
  return SCHEMES.includes(document.uri.scheme);
}

/**
 * The file a document's text comes from: a notebook cell's notebook (its path is what the model
 * sees and what the deny-list matches), else the document itself.
 */
export function sourceUri(document: vscode.TextDocument): vscode.Uri {
  if (document.uri.scheme !== 'vscode-notebook-cell') return document.uri;
  const notebook = vscode.workspace.notebookDocuments.find((n) => n.getCells().some((cell) => cell.document === document));
  return notebook?.uri ?? document.uri;
}
