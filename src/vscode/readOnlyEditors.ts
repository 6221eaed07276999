// Whether an editor shows its document read-only. VS Code does not call an inline completion
// provider there (no edit can be made), but it has no API that says so: Rill reads what makes
// VS Code's editors read-only itself, so that what it does on its own for the focused editor (the
// warm-up that lets a local server read the prompt before the next keystroke) skips them.
// Not seen: an editor made read-only for the session only (View: Set Active Editor Read-only).
import { statSync } from 'node:fs';
import * as vscode from 'vscode';

export function isReadOnlyEditor(editor: vscode.TextEditor): boolean {
  const document = editor.document;
  return vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === false || isDiffOriginal(document) || readOnlyBySettings(document) || readOnlyByPermissions(document);
}

/** The left side of the active diff (Compare Selected, Compare with Saved...), unless the user made it editable. */
function isDiffOriginal(document: vscode.TextDocument): boolean {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (!(input instanceof vscode.TabInputTextDiff)) return false;
  const uri = document.uri.toString();
  if (input.original.toString() !== uri || input.modified.toString() === uri) return false;
  return vscode.workspace.getConfiguration('diffEditor', document.uri).get<boolean>('originalEditable') !== true;
}

/** `files.readonlyInclude` (globs relative to the file's workspace folder, or absolute) less `files.readonlyExclude`. */
function readOnlyBySettings(document: vscode.TextDocument): boolean {
  const files = vscode.workspace.getConfiguration('files', document.uri);
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const matches = (setting: string) =>
    Object.entries(files.get<Record<string, unknown>>(setting) ?? {}).some(
      ([glob, on]) => on === true && vscode.languages.match({ pattern: folder ? new vscode.RelativePattern(folder, glob) : glob }, document) > 0,
    );
  return matches('readonlyInclude') && !matches('readonlyExclude');
}

/** `files.readonlyFromPermissions`: a file on disk its owner may not write. */
function readOnlyByPermissions(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file' || vscode.workspace.getConfiguration('files', document.uri).get<boolean>('readonlyFromPermissions') !== true) return false;
  try {
    return (statSync(document.uri.fsPath).mode & 0o200) === 0;
  } catch {
    return false;
  }
}
