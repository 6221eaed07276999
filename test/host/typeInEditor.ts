// Typing as a person does, into one editor, when something else may hold the focus for a moment.
// Asking in the chat reveals and focuses the chat view; its page loads asynchronously, so on a loaded
// machine the focus can move there after `showTextDocument` returned, and VS Code's `type` command
// then types nowhere (it acts on the focused editor only). A keystroke whose edit has not reached
// the document within LANDS_WITHIN_MS is taken as lost and sent again after the editor is shown
// again; the edit of one that landed arrives within milliseconds, so none is typed twice.
import * as vscode from 'vscode';
import { waitFor } from './rill';

const LANDS_WITHIN_MS = 2_000;
const TRIES = 5;

export async function typeInEditor(editor: vscode.TextEditor, text: string): Promise<void> {
  const document = editor.document;
  for (const ch of text) {
    const before = document.version;
    let landed = false;
    for (let attempt = 0; attempt < TRIES && !landed; attempt++) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('type', { text: ch });
      landed = await waitFor(`"${ch}" typed into ${document.uri.toString()}`, () => (document.version !== before ? true : undefined), LANDS_WITHIN_MS).catch(() => false);
    }
    if (!landed) throw new Error(`"${ch}" could not be typed into ${document.uri.toString()} in ${TRIES} tries: the editor never kept the focus`);
  }
}
