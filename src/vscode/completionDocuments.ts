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

/**
 * The documents of the open tabs, in tab order, each once: a text tab's document, and a notebook
 * tab's code cells. When `focus` is a notebook cell, its notebook's code cells come first, in order:
 * the imports and definitions a cell uses are in the cells around it.
 */
export function tabDocuments(focus?: string): vscode.TextDocument[] {
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const notebooks = new Map(vscode.workspace.notebookDocuments.map((n) => [n.uri.toString(), n]));
  const codeCells = (notebook: vscode.NotebookDocument | undefined) => notebook?.getCells().filter((cell) => cell.kind === vscode.NotebookCellKind.Code).map((cell) => cell.document) ?? [];
  const own = focus === undefined ? undefined : [...notebooks.values()].find((n) => n.getCells().some((cell) => cell.document.uri.toString() === focus));
  const documents: vscode.TextDocument[] = codeCells(own);
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    if (tab.input instanceof vscode.TabInputText) {
      const document = open.get(tab.input.uri.toString());
      if (document) documents.push(document);
    } else if (tab.input instanceof vscode.TabInputNotebook) {
      documents.push(...codeCells(notebooks.get(tab.input.uri.toString())));
    }
  }
  const seen = new Set<string>();
  return documents.filter((d) => !seen.has(d.uri.toString()) && seen.add(d.uri.toString()));
}
