// One "Generate at Cursor" run in one document: streams the model's code into the editor line by
// line, keeps its place while the user edits elsewhere, and makes the whole run one undo step.
//
// Undo: the first edit pushes an undo stop before it and none after; later edits push none; the
// last edit (at the end, possibly empty) pushes the stop after. VS Code then undoes the run in one
// step. If the user edits the document meanwhile, the next edit of ours starts a new undo step, so
// that undoing our text never takes the user's typing with it.
import * as vscode from 'vscode';
import { systemClock } from '../base/clock';
import { DisposableStore } from '../base/disposable';
import { RetryCountdown } from '../chat/retryCountdown';
import { CodeOnlyFilter } from '../generate/codeOnly';
import { IndentFitter } from '../generate/indentation';
import { SuffixEcho } from '../generate/suffixEcho';
import { editorIndentation } from './inlineDocumentState';
import { TrackedRange } from '../generate/trackedRange';
import type { ChatRequest, FinishReason, LlmProvider } from '../llm/types';

export type GenerateOutcome = 'done' | 'stopped' | 'error';

export interface GenerateResult {
  readonly outcome: GenerateOutcome;
  /** The model's finish reason, or 'aborted' when stopped. */
  readonly finishReason: FinishReason | undefined;
  /** What was written into the document (as the document has it now). */
  readonly text: string;
  /** Code blocks of the answer whose code was written (code without a fence is one). */
  readonly blocks: number;
  /** The stream broke off in the middle of the last line written: it may be incomplete. */
  readonly lastLineCut: boolean;
  readonly error?: unknown;
}

/** Why a run was stopped before the model finished. */
export type StopCause = 'user' | 'document-closed' | 'replaced' | 'edit-rejected';

/** Files whose content is sentences: a sentence after other lines there is no closing remark. */
const PROSE_LANGUAGES: ReadonlySet<string> = new Set(['markdown', 'plaintext', 'restructuredtext', 'asciidoc', 'latex']);

/** A rejected edit means the document changed under it; this many retries cover any typist. */
const MAX_EDIT_ATTEMPTS = 20;

interface PendingEdit {
  readonly offset: number;
  readonly length: number;
}

export class GenerateSession implements vscode.Disposable {
  private readonly abort = new AbortController();
  private readonly range: TrackedRange;
  private readonly filter: CodeOnlyFilter;
  private readonly fitter: IndentFitter;
  private readonly echo: SuffixEcho;
  /** Written after the code when code follows it on its last line (else ''). */
  private readonly lineBreakAfter: string;
  /** Our edits sent to the editor whose change events have not arrived yet, oldest first. */
  private readonly pending: PendingEdit[] = [];
  private readonly subscriptions = new DisposableStore();
  private queue = '';
  private writer: Promise<void> | undefined;
  private wroteAny = false;
  private userEditedSinceOurs = false;
  private stopCause: StopCause | undefined;
  /** It started on a selection, which its code replaces. */
  readonly replacesSelection: boolean;
  private readonly written = new vscode.EventEmitter<void>();
  /** Fires after each piece of text lands in the document. */
  readonly onDidWrite = this.written.event;
  private readonly waiting = new vscode.EventEmitter<{ readonly note: string; readonly first: boolean }>();
  /**
   * Fires with what to tell the user while the request waits to be asked again (a rate limit's
   * Retry-After): when the wait starts (`first`), then once a second, counted down, until text comes.
   */
  readonly onDidWait = this.waiting.event;
  private readonly countdown = new RetryCountdown(systemClock, (note, first) => this.waiting.fire({ note, first }));

  constructor(
    private readonly editor: vscode.TextEditor,
    private readonly decorations: GenerateDecorations,
  ) {
    const document = editor.document;
    // Validated: a selection read while the document changes may point past its end.
    const start = document.validatePosition(editor.selection.start);
    const end = document.validatePosition(editor.selection.end);
    this.range = new TrackedRange(document.offsetAt(start), document.offsetAt(end));
    this.replacesSelection = !start.isEqual(end);
    const linePrefix = document.getText(new vscode.Range(start.with({ character: 0 }), start));
    const restOfLine = document.getText(new vscode.Range(end, document.lineAt(end.line).range.end));
    this.fitter = new IndentFitter(linePrefix, editorIndentation(editor), restOfLine);
    // The code starts a line and code follows it on that line (whole lines selected, or the cursor
    // before a line's code): that code goes on a line of its own after ours, at its indentation.
    const beforeCode = linePrefix.trim() === '' && restOfLine.trim() !== '';
    this.lineBreakAfter = beforeCode ? `\n${end.character === 0 ? '' : linePrefix}` : '';
    this.echo = new SuffixEcho(linesBelow(document, end, beforeCode));
    this.filter = new CodeOnlyFilter({ proseIsContent: PROSE_LANGUAGES.has(document.languageId) });
    this.subscriptions.add(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document) this.onChange(e.contentChanges);
      }),
    );
    this.subscriptions.add(
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === document) this.stop('document-closed');
      }),
    );
    this.subscriptions.add(vscode.window.onDidChangeVisibleTextEditors(() => this.decorate()));
    this.subscriptions.add(this.written);
    this.subscriptions.add(this.countdown);
    this.subscriptions.add(this.waiting);
    this.decorate();
  }

  get document(): vscode.TextDocument {
    return this.editor.document;
  }

  /** The generated text as it stands in the document now. */
  get text(): string {
    if (this.range.replacing || this.document.isClosed) return '';
    return this.document.getText(this.vscodeRange(this.range.start, this.range.end));
  }

  get stoppedBy(): StopCause | undefined {
    return this.stopCause;
  }

  /** Stops at once: the request's socket is closed; text already received stays. */
  stop(cause: StopCause): void {
    this.stopCause ??= cause;
    this.abort.abort();
  }

  async run(provider: LlmProvider, request: ChatRequest): Promise<GenerateResult> {
    let finishReason: FinishReason | undefined;
    let error: unknown;
    try {
      for await (const event of provider.stream(request, this.abort.signal)) {
        if (event.type === 'end') finishReason = event.finishReason;
        if (event.type === 'retrying') this.countdown.start(event.kind, event.waitMs);
        if (event.type !== 'text') continue;
        this.countdown.stop();
        this.enqueue(this.filter.push(event.text));
        if (this.filter.done) {
          // The code is complete (its last block closed and no other one followed soon after).
          // Stop reading (the request ends as done, not stopped), then close the socket so the
          // model stops billing.
          finishReason = 'stop';
          break;
        }
      }
      if (this.filter.done) this.abort.abort();
      // The line being written when the user stopped is left out: half a line is rarely wanted.
      if (!this.stopCause) this.enqueue(this.filter.finish());
    } catch (e) {
      error = e;
      // A stream that broke off keeps all it delivered, the line it stopped in too (the message
      // says it may be incomplete); a Stop that raced the error still drops that line.
      if (!this.stopCause) this.enqueue(this.filter.finishCut());
    }
    this.countdown.stop();
    await this.finishWriting();
    const outcome: GenerateOutcome = error !== undefined ? 'error' : this.stopCause ? 'stopped' : 'done';
    return {
      outcome,
      finishReason: this.stopCause ? 'aborted' : finishReason,
      text: this.text,
      blocks: this.filter.blocks,
      lastLineCut: this.filter.lastLineCut,
      ...(error !== undefined ? { error } : {}),
    };
  }

  private enqueue(text: string): void {
    // Lines that repeat the code below the cursor wait; those still waiting at the end are dropped.
    const fitted = this.echo.push(this.fitter.fit(text));
    if (fitted === '' || this.document.isClosed) return;
    this.queue += fitted;
    this.writer ??= this.pump().finally(() => (this.writer = undefined));
  }

  /** Writes queued text one edit at a time; text arriving meanwhile is coalesced into the next edit. */
  private async pump(): Promise<void> {
    while (this.queue !== '') {
      const text = this.queue;
      this.queue = '';
      // An editor that keeps refusing edits (read-only, say) will not take the rest either.
      if (!(await this.write(text, false))) this.stop('edit-rejected');
    }
  }

  private async finishWriting(): Promise<void> {
    while (this.writer) await this.writer;
    if (this.wroteAny || this.queue !== '') this.queue += this.lineBreakAfter;
    // The last edit closes the undo step, even when it adds nothing.
    if (this.wroteAny || this.queue !== '') await this.write(this.queue, true);
    this.queue = '';
  }

  private async write(text: string, last: boolean): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_EDIT_ATTEMPTS; attempt++) {
      if (this.document.isClosed) return false;
      const { offset, length } = this.range.nextEdit();
      if (text === '' && length > 0) return true; // never replace the selection with nothing
      const target = this.editorForDocument();
      const range = this.vscodeRange(offset, offset + length);
      const expectChange = text !== '' || length > 0;
      const pending: PendingEdit = { offset, length };
      if (expectChange) this.pending.push(pending);
      let ok: boolean;
      if (target) {
        const undoStopBefore = !this.wroteAny || this.userEditedSinceOurs;
        ok = await target.edit((edit) => (length > 0 ? edit.replace(range, text) : edit.insert(range.start, text)), {
          undoStopBefore,
          undoStopAfter: last,
        });
      } else {
        // The editor was closed or hidden while the document stays open: keep writing without it.
        const edit = new vscode.WorkspaceEdit();
        edit.replace(this.document.uri, range, text);
        ok = await vscode.workspace.applyEdit(edit);
      }
      // The change event of an edit arrives before the edit resolves; one that never came changed nothing.
      this.forget(pending);
      if (ok) {
        if (text !== '') {
          this.wroteAny = true;
          this.userEditedSinceOurs = false;
          this.written.fire();
        }
        return true;
      }
      // Rejected: the document changed between reading the offset and applying the edit. Retry
      // where the text goes now (the user's change event has moved the range).
    }
    return false;
  }

  private forget(edit: PendingEdit): void {
    const i = this.pending.indexOf(edit);
    if (i >= 0) this.pending.splice(i, 1);
  }

  private onChange(changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    for (const change of changes) {
      const ours = this.pending[0];
      if (ours && change.rangeOffset === ours.offset && change.rangeLength === ours.length) {
        this.pending.shift();
        this.range.applyOwn(change);
      } else {
        this.range.applyForeign(change);
        this.userEditedSinceOurs = true;
      }
    }
    this.decorate();
  }

  private editorForDocument(): vscode.TextEditor | undefined {
    const visible = vscode.window.visibleTextEditors;
    if (visible.includes(this.editor)) return this.editor;
    return visible.find((e) => e.document === this.document);
  }

  private decorate(): void {
    if (this.document.isClosed) return;
    const streamed = this.range.replacing ? [] : [this.vscodeRange(this.range.start, this.range.end)];
    const at = this.range.replacing ? this.range.start : this.range.end;
    const end = this.vscodeRange(at, at);
    const active = !this.stopCause && !this.filter.done;
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== this.document) continue;
      editor.setDecorations(this.decorations.streamed, streamed);
      editor.setDecorations(this.decorations.writing, active ? [end] : []);
    }
  }

  private vscodeRange(from: number, to: number): vscode.Range {
    return new vscode.Range(this.document.positionAt(from), this.document.positionAt(to));
  }

  dispose(): void {
    this.abort.abort();
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== this.document) continue;
      editor.setDecorations(this.decorations.streamed, []);
      editor.setDecorations(this.decorations.writing, []);
    }
    this.subscriptions.dispose();
  }
}

/**
 * The code below the generated code: the lines after `end`'s line when nothing but whitespace
 * follows `end` on it, from `end`'s line on when the code goes before that line's code
 * (`beforeCode`), else none (the code goes inside a line).
 */
function linesBelow(document: vscode.TextDocument, end: vscode.Position, beforeCode: boolean): string[] {
  const restBlank = document.lineAt(end.line).text.slice(end.character).trim() === '';
  if (!restBlank && !beforeCode) return [];
  const lines: string[] = [];
  for (let line = restBlank ? end.line + 1 : end.line; line < document.lineCount && lines.length < 200; line++) lines.push(document.lineAt(line).text);
  return lines;
}

/** The two decorations of a run: the streamed text, and a marker where text is being written. */
export interface GenerateDecorations {
  readonly streamed: vscode.TextEditorDecorationType;
  readonly writing: vscode.TextEditorDecorationType;
}

export function createGenerateDecorations(): GenerateDecorations & vscode.Disposable {
  const streamed = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'),
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  const writing = vscode.window.createTextEditorDecorationType({
    after: { contentText: ' ▍generating… (Esc to stop)', color: new vscode.ThemeColor('editorGhostText.foreground'), fontStyle: 'italic' },
  });
  return { streamed, writing, dispose: () => (streamed.dispose(), writing.dispose()) };
}
