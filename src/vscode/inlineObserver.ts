// Tells the engine about every keystroke and cursor move in the active editor the moment VS Code
// reports it, before VS Code's own (debounced) provider call: a stream the user contradicts is
// aborted here. A document change is reported with the cursor of the selection change that follows
// it (an auto-closed bracket puts the cursor inside the pair, which the change alone cannot tell).
import * as vscode from 'vscode';
import type { CompletionEngine } from '../completion/engine';
import type { DocumentWindow } from '../completion/documentWindow';
import { DisposableStore } from '../base/disposable';
import { isCompletionDocument } from './completionDocuments';
import { inlineSite } from './inlineDocumentState';

export class InlineObserver implements vscode.Disposable {
  private readonly subscriptions = new DisposableStore();
  private pendingKeystroke = false;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly engine: CompletionEngine,
    private readonly onChange: () => void,
    /** How much text around the cursor to read (from the context budget). */
    private readonly window: () => DocumentWindow,
  ) {
    this.subscriptions.addAll(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0 || e.document !== vscode.window.activeTextEditor?.document) return;
        this.pendingKeystroke = true;
        // Normally the selection change arrives next; if it does not (an edit that left the cursor), report anyway.
        this.flushTimer ??= setTimeout(() => this.flush(), 0);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.flush();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.flush()),
    );
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const keystroke = this.pendingKeystroke;
    this.pendingKeystroke = false;
    const editor = vscode.window.activeTextEditor;
    // A deny-listed file is observed too (nothing leaves by observing; the engine checks the
    // deny-list where a request could start): the user working there ends streams elsewhere.
    if (!editor || !isCompletionDocument(editor.document)) return;
    this.engine.observe(inlineSite(editor.document, editor.selection.active, undefined, this.window()).state, keystroke);
    this.onChange();
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.subscriptions.dispose();
  }
}
