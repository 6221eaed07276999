// The VS Code side of the context ring (src/completion/prompt/contextRing.ts): tells the ring where
// the user edits and what they select (copying or yanking selects first; VS Code has no copy event),
// and tells the idle module (idleRefresh.ts) about every keystroke, cursor move and change of the
// focused editor. Deny-listed documents are never noted. No logic of its own beyond that.
import * as vscode from 'vscode';
import { DisposableStore } from '../base/disposable';
import type { ContextRing } from '../completion/prompt/contextRing';
import type { IdleRefresh } from '../completion/prompt/idleRefresh';
import type { DocumentState } from '../completion/types';
import { isCompletionDocument } from './completionDocuments';
import { inlineSite } from './inlineDocumentState';
import { isReadOnlyEditor } from './readOnlyEditors';

export class ContextFeeder implements vscode.Disposable {
  private readonly subscriptions = new DisposableStore();

  constructor(
    private readonly ring: ContextRing,
    private readonly refresh: IdleRefresh,
    private readonly isDenied: (document: vscode.TextDocument) => boolean,
  ) {
    this.subscriptions.addAll(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0 || !this.allowed(e.document)) return;
        const uri = e.document.uri.toString();
        for (const change of e.contentChanges) this.ring.noteEdit(uri, change.range.start.line);
        if (e.document === vscode.window.activeTextEditor?.document) this.refresh.activity();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor !== vscode.window.activeTextEditor || !this.allowed(e.textEditor.document)) return;
        const selection = e.selections[0];
        if (selection && !selection.isEmpty) this.ring.noteSelection(e.textEditor.document.uri.toString(), selection.start.line, selection.end.line);
        this.refresh.activity();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh.focusChanged()),
    );
    // Whatever is open when Rill starts is the first context.
    this.refresh.focusChanged();
  }

  /**
   * The focused document at the cursor, when it may get completions: not in a read-only editor,
   * where no completion is ever asked for (a warm-up there would only push the prompt of the file
   * being written out of a local server's cache). Its text is still context for other files.
   */
  focus(): DocumentState | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.allowed(editor.document) || isReadOnlyEditor(editor)) return undefined;
    return inlineSite(editor.document, editor.selection.active).state;
  }

  private allowed(document: vscode.TextDocument): boolean {
    return isCompletionDocument(document) && !this.isDenied(document);
  }

  dispose(): void {
    this.subscriptions.dispose();
  }
}
