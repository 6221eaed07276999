// Where the chat meets the editor: context taken from it (the selection, the current file) and
// code put into it (insert at the cursor, a new untitled file).
import * as vscode from 'vscode';
import { codeInsertion } from '../chat/codeInsertion';
import type { ContextItem } from '../chat/model';
import { estimateTokens } from '../protocol/tokens';
import { isSecretDocument } from './secretFiles';
import { editorIndentation } from './inlineDocumentState';

/** Larger files are refused: they would crowd everything else out of the prompt. */
const MAX_CONTEXT_CHARS = 400_000;

/** Fence languages the model writes, mapped to VS Code language ids where they differ. */
const LANGUAGE_IDS: Readonly<Record<string, string>> = {
  ts: 'typescript',
  tsx: 'typescriptreact',
  js: 'javascript',
  jsx: 'javascriptreact',
  py: 'python',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  shell: 'shellscript',
  rs: 'rust',
  rb: 'ruby',
  yml: 'yaml',
  md: 'markdown',
  cs: 'csharp',
  'c++': 'cpp',
  kt: 'kotlin',
  ps1: 'powershell',
  text: 'plaintext',
  txt: 'plaintext',
};

/**
 * Follows the text editor last used, because focus in the chat view is focus outside any editor:
 * "Insert at Cursor" must still mean the editor the user came from.
 */
export class EditorTracker implements vscode.Disposable {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor((e) => {
    if (e) this.last = e;
  });

  get editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return active;
    const last = this.last;
    // Only an editor still on screen: a closed one cannot take an insert.
    if (last && vscode.window.visibleTextEditors.includes(last)) return last;
    return vscode.window.visibleTextEditors[0];
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

export type ContextResult = { readonly item: ContextItem } | { readonly problem: string } | { readonly cancelled: true };

export async function selectionContext(editor: vscode.TextEditor | undefined, id: string): Promise<ContextResult> {
  if (!editor) return { problem: 'Open a file and select some code to attach it.' };
  const selection = editor.selection;
  if (selection.isEmpty) return { problem: 'Select some code in the editor to attach it.' };
  const start = selection.start.line + 1;
  const end = lastLineNumber(editor.document, selection);
  const label = `${fileName(editor.document)}:${start === end ? start : `${start}-${end}`}`;
  return build(editor.document, editor.document.getText(selection), label, id);
}

export async function fileContext(editor: vscode.TextEditor | undefined, id: string): Promise<ContextResult> {
  if (!editor) return { problem: 'Open a file to attach it.' };
  return build(editor.document, editor.document.getText(), fileName(editor.document), id);
}

/** A document, or a range of it, as context: what a reference in VS Code's chat (`#file`) points at. */
export async function documentContext(document: vscode.TextDocument, range: vscode.Range | undefined, id: string): Promise<ContextResult> {
  if (!range || range.isEmpty) return build(document, document.getText(), fileName(document), id);
  const end = lastLineNumber(document, range);
  return build(document, document.getText(range), `${fileName(document)}:${range.start.line + 1}-${end}`, id);
}

/**
 * The last line (1-based) a range covers, as a person counts it: a multi-line range that ends at the
 * start of a line, or inside its indentation, does not take that line.
 */
function lastLineNumber(document: vscode.TextDocument, range: vscode.Range): number {
  const taken = document.lineAt(range.end.line).text.slice(0, range.end.character);
  return range.end.line > range.start.line && taken.trim() === '' ? range.end.line : range.end.line + 1;
}

async function build(document: vscode.TextDocument, text: string, label: string, id: string): Promise<ContextResult> {
  if (text.length > MAX_CONTEXT_CHARS) {
    return { problem: `${label} is too large to attach (${Math.round(text.length / 1000)}k characters). Select the part you need.` };
  }
  // A file on the deny-list (secrets, keys, credentials, the user's excludes) needs an explicit yes.
  if (isSecretDocument(document)) {
    const yes = 'Attach Anyway';
    const answer = await vscode.window.showWarningMessage(
      `${fileName(document)} looks like a file holding secrets. Its text would be sent to the chat model.`,
      { modal: true },
      yes,
    );
    if (answer !== yes) return { cancelled: true };
  }
  return { item: { id, label, text, language: document.languageId, tokens: estimateTokens(text) } };
}

/**
 * Replaces the selection, or inserts at the cursor (a block of several lines on lines of its own,
 * below the cursor's line when the cursor is inside its code; see codeInsertion), and puts focus
 * back in the editor.
 */
export async function insertAtCursor(editor: vscode.TextEditor | undefined, code: string): Promise<boolean> {
  if (!editor) {
    void vscode.window.showInformationMessage('Open a file to insert the code into.');
    return false;
  }
  const done = await editor.edit((edit) => {
    for (const selection of editor.selections) {
      if (!selection.isEmpty) {
        edit.replace(selection, code);
        continue;
      }
      const { active } = selection;
      const insertion = codeInsertion(editor.document.lineAt(active.line).text, active.character, code, editorIndentation(editor));
      edit.insert(active.with({ character: insertion.column }), insertion.text);
    }
  });
  if (done) await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
  return done;
}

export async function openInNewFile(code: string, fenceLanguage: string): Promise<void> {
  const known = await vscode.languages.getLanguages();
  const wanted = LANGUAGE_IDS[fenceLanguage.toLowerCase()] ?? fenceLanguage.toLowerCase();
  const language = known.includes(wanted) ? wanted : 'plaintext';
  const document = await vscode.workspace.openTextDocument({ language, content: code });
  const editor = await vscode.window.showTextDocument(document);
  // A new untitled document can get the name of one closed moments ago and come back with that
  // one's backed-up text instead of ours (seen on VS Code 1.100): put the code in explicitly.
  if (document.getText() !== code) {
    const all = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    await editor.edit((edit) => edit.replace(all, code));
  }
}

/**
 * How the model (and the attachment's chip) names a document: its path in the workspace, after its
 * folder's name in a multi-root workspace (two folders often both have a src/index.ts), an untitled
 * editor's name, else the file name alone (a path outside the workspace would name the user's folders).
 */
function fileName(document: vscode.TextDocument): string {
  if (document.isUntitled) return document.uri.path;
  if (vscode.workspace.getWorkspaceFolder(document.uri)) return vscode.workspace.asRelativePath(document.uri);
  return document.uri.path.split('/').pop() ?? document.uri.path;
}
