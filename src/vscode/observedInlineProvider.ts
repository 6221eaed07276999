// The inline provider, noting each call VS Code made to it once the call has returned: what
// "VS Code asked Rill, and Rill answered" looks like from outside. Host tests wait for it instead
// of sleeping (a test that proves nothing was shown waits for this answer, then looks), and it
// tells them when the provider's registration has reached the workbench.
import type * as vscode from 'vscode';
import { RillInlineProvider } from './inlineProvider';

export interface ProviderAnswer {
  /** Counts VS Code's calls: a higher one is a later call. */
  readonly call: number;
  /** The document VS Code asked about, and its version then. */
  readonly uri: string;
  readonly version: number;
  readonly line: number;
  readonly character: number;
  /** Items returned: 0 when Rill answered nothing (no suggestion, denied, cancelled). */
  readonly items: number;
  /** The first item's text and the range it replaces (line:character-line:character), as VS Code got them. */
  readonly text: string | undefined;
  readonly range: string | undefined;
  /** VS Code had cancelled the call by the time it returned (the user typed on). */
  readonly cancelled: boolean;
}

export class ObservedInlineProvider extends RillInlineProvider {
  private last: ProviderAnswer | undefined;
  private count = 0;

  /** VS Code's most recent call that has returned. */
  get lastAnswer(): ProviderAnswer | undefined {
    return this.last;
  }

  override async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const version = document.version;
    const call = ++this.count;
    let items: vscode.InlineCompletionItem[] | undefined;
    try {
      items = await super.provideInlineCompletionItems(document, position, context, token);
      return items;
    } finally {
      const { line, character } = position;
      const first = items?.[0];
      const text = first === undefined ? undefined : typeof first.insertText === 'string' ? first.insertText : first.insertText.value;
      const r = first?.range;
      const range = r && `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
      this.last = { call, uri: document.uri.toString(), version, line, character, items: items?.length ?? 0, text, range, cancelled: token.isCancellationRequested };
    }
  }
}
