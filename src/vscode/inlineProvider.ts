// The InlineCompletionItemProvider: turns VS Code's call into an engine query and the engine's answer
// into an item. VS Code's CancellationToken ends this call only; the stream belongs to the engine.
import * as vscode from 'vscode';
import type { CompletionEngine } from '../completion/engine';
import type { DocumentWindow } from '../completion/documentWindow';
import { inlineSite } from './inlineDocumentState';

export const ACCEPTED_COMMAND = 'rill.completion.accepted';

/** A place VS Code asked about: the document, its version and the cursor. */
export interface AskedSpot {
  readonly uri: string;
  readonly version: number;
  readonly line: number;
  readonly character: number;
}

export class RillInlineProvider implements vscode.InlineCompletionItemProvider {
  private _calls = 0;
  /** Where VS Code last asked while completion was paused, if it has not asked anywhere since. */
  private heldBack: AskedSpot | undefined;
  /** Rill's own re-ask of a held-back spot: its Invoke call is answered as an automatic one. */
  private reasking: AskedSpot | undefined;

  constructor(
    private readonly engine: CompletionEngine,
    /** Completion is paused (the server's one slot is busy with a chat answer): answer nothing. */
    private readonly paused: () => boolean,
    /** How much text around the cursor to read (from the context budget). */
    private readonly window: () => DocumentWindow,
  ) {}

  /** How many times VS Code called the provider: tells a growth whether VS Code re-queried. */
  get calls(): number {
    return this._calls;
  }

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    this._calls++;
    const spot = askedSpot(document, position);
    const reasked = this.reasking !== undefined && sameSpot(this.reasking, spot);
    this.reasking = undefined;
    this.heldBack = this.paused() ? spot : undefined;
    if (token.isCancellationRequested || this.heldBack || hasSelection(document)) return undefined;
    // The engine checks the deny-list (path and file path, once per document): nothing of a
    // secret file is ever sent.
    const site = inlineSite(document, position, context.selectedCompletionInfo, this.window());
    // Invoke: Alt+\, or Rill re-querying to grow a shown suggestion. Either asks even when
    // automatic completion is off (a growth only ever answers from the stream it grows).
    // Rill's re-ask where VS Code's call was held back is not the user's Alt+\: it follows the
    // automatic rules (off, snoozed, the language, the throttle).
    const explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke && !reasked;
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const query = { ...site.state, trigger: explicit ? ('explicit' as const) : ('automatic' as const), withSelectedSuggestion: site.lead !== '' };
      const answer = await this.engine.provide(query, controller.signal);
      if (!answer || token.isCancellationRequested) return undefined;
      const end = position.translate(0, answer.replaceLength);
      // An answer that re-indents the line (after Enter) covers the indentation the editor typed.
      const start = site.lead === '' && answer.replaceBefore > 0 ? position.translate(0, -Math.min(answer.replaceBefore, position.character)) : site.start;
      const item = new vscode.InlineCompletionItem(site.lead + answer.insertText, new vscode.Range(start, end), {
        command: ACCEPTED_COMMAND,
        title: 'Rill: completion accepted',
        arguments: [answer.sessionId],
      });
      return [item];
    } finally {
      subscription.dispose();
    }
  }

  /**
   * The spot VS Code asked about while completion was paused and got nothing, if VS Code has asked
   * nowhere since; taken once. `reask` marks VS Code's next call there as Rill's own re-ask.
   */
  takeHeldBack(): { readonly spot: AskedSpot; reask(): void } | undefined {
    const spot = this.heldBack;
    this.heldBack = undefined;
    return spot && { spot, reask: () => (this.reasking = spot) };
  }
}

/** Where VS Code asks about: `document` at its current version, the cursor at `position`. */
export function askedSpot(document: vscode.TextDocument, position: vscode.Position): AskedSpot {
  return { uri: document.uri.toString(), version: document.version, line: position.line, character: position.character };
}

export function sameSpot(a: AskedSpot, b: AskedSpot): boolean {
  return a.uri === b.uri && a.version === b.version && a.line === b.line && a.character === b.character;
}

/**
 * Text is selected in the editor VS Code asks about: Tab there indents or replaces the selection
 * instead of accepting, so a suggestion could not be taken (Alt+\ showed one after the selection,
 * and Tab then wiped the selected text). Nothing is asked for until the selection goes.
 */
function hasSelection(document: vscode.TextDocument): boolean {
  const editor = vscode.window.activeTextEditor;
  return editor?.document === document && editor.selections.some((s) => !s.isEmpty);
}
