// Rill's own reports (Show Last Completion Prompt) as read-only documents of their own scheme: not
// edited by mistake, never completed in, and never sent to the model as an open file's context (an
// untitled report was: the next prompts carried the last one, report within report).
import * as vscode from 'vscode';

const SCHEME = 'rill-report';
/** Reports kept for documents still open; older ones read as empty. */
const KEPT = 8;

export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private count = 0;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens `content` as a read-only markdown document titled `title`, in a preview tab. */
  async show(title: string, content: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${title}.md`, query: String(++this.count) });
    this.contents.set(uri.toString(), content);
    for (const key of [...this.contents.keys()].slice(0, -KEPT)) this.contents.delete(key);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
    return document;
  }

  dispose(): void {
    this.registration.dispose();
    this.contents.clear();
  }
}
