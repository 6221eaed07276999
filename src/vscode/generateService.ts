// Rill: Generate at Cursor…: asks for an instruction, streams the code into the editor through a
// GenerateSession, and shows a cancellable progress notification. Esc stops it through the
// `rill.generating` context key. One run at a time: a new one stops the one before.
import * as vscode from 'vscode';
import { notificationText } from '../base/notificationText';
import { DisposableStore } from '../base/disposable';
import { generateRequest } from '../generate/prompt';
import { isLlmError, remedyOf } from '../llm/errors';
import type { LlmProvider } from '../llm/types';
import type { RillLog } from './log';
import type { ProviderRegistry } from './providers';
import { REMEDY_BUTTONS } from './remedyButtons';
import { type GenerateResult, GenerateSession, createGenerateDecorations } from './generateSession';
import { documentPath } from './inlineDocumentState';
import { isSecretDocument } from './secretFiles';

export const GENERATING_CONTEXT_KEY = 'rill.generating';


export class GenerateService implements vscode.Disposable {
  private session: GenerateSession | undefined;
  private readonly subscriptions = new DisposableStore();
  private readonly decorations = this.subscriptions.add(createGenerateDecorations());
  private readonly progressShown = this.subscriptions.add(new vscode.EventEmitter<string>());
  /** Fires with each message the progress notification shows (what the user reads there). */
  readonly onDidShowProgress = this.progressShown.event;

  /** `record` wraps the provider so that each run leaves a request record (latency report). */
  constructor(
    private readonly providers: ProviderRegistry,
    private readonly log: RillLog,
    private readonly record: (provider: LlmProvider, languageId: string) => LlmProvider = (provider) => provider,
  ) {
    // No arguments (the context menu passes the file's URI): the instruction is always the user's.
    this.subscriptions.add(vscode.commands.registerCommand('rill.generateAtCursor', () => this.generateAtCursor()));
    this.subscriptions.add(vscode.commands.registerCommand('rill.stopGenerating', () => this.stop()));
  }

  get isGenerating(): boolean {
    return this.session !== undefined;
  }

  /** `instruction` is given by Rill's own callers (tests); the command always asks the user. */
  async generateAtCursor(instruction?: string): Promise<GenerateResult | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Rill: open a file and put the cursor where the code should go.');
      return undefined;
    }
    const document = editor.document;
    // Workspace-relative, the notebook's for a cell: no absolute path of the user's machine is sent.
    const path = documentPath(document);
    const what = editor.selection.isEmpty ? `at line ${editor.selection.active.line + 1}` : 'replacing the selection';
    const asked =
      instruction ??
      (await vscode.window.showInputBox({
        title: `Rill: Generate in ${path.split('/').pop()} ${what}`,
        prompt: 'What should the code do? The model sees this file and writes code only.',
        placeHolder: 'e.g. a function that parses ISO dates and returns undefined on bad input',
        ignoreFocusOut: true,
      }));
    if (!asked?.trim()) return undefined;
    if (isSecretDocument(document) && !(await this.confirmSecretFile(path))) return undefined;
    // The input box may have taken a while; the document is read as it is now.
    if (editor.document.isClosed) return undefined;

    this.session?.stop('replaced');
    const provider = this.record(await this.providers.get('chat'), document.languageId);
    // From here to the session's start nothing awaits: the prompt and the tracked range see the
    // same document version.
    const settings = this.providers.endpoint('chat');
    const request = generateRequest(
      {
        path,
        languageId: document.languageId,
        text: document.getText(),
        selectionStart: document.offsetAt(editor.selection.start),
        selectionEnd: document.offsetAt(editor.selection.end),
        instruction: asked,
      },
      { maxTokens: settings.maxTokens, temperature: settings.temperature },
    );
    const session = new GenerateSession(editor, this.decorations);
    this.session = session;
    await vscode.commands.executeCommand('setContext', GENERATING_CONTEXT_KEY, true);
    this.log.info(`Generate: ${provider.label} in ${path} ${what}.`);
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Rill: Generating', cancellable: true },
        async (progress, token) => {
          const cancel = token.onCancellationRequested(() => session.stop('user'));
          const show = (message: string): void => {
            progress.report({ message });
            this.progressShown.fire(message);
          };
          const written = session.onDidWrite(() => show(`${lines(lineCount(session.text))}… (Esc to stop)`));
          // A wait is logged once, and counted down in the notification.
          const waits = session.onDidWait(({ note, first }) => {
            if (first) this.log.info(`Generate: ${note}`);
            show(`${note} (Esc to stop)`);
          });
          try {
            return await session.run(provider, request);
          } finally {
            cancel.dispose();
            written.dispose();
            waits.dispose();
          }
        },
      );
      this.report(result, session);
      return result;
    } finally {
      session.dispose();
      if (this.session === session) {
        this.session = undefined;
        await vscode.commands.executeCommand('setContext', GENERATING_CONTEXT_KEY, false);
      }
    }
  }

  stop(): void {
    this.session?.stop('user');
  }

  private report(result: GenerateResult, session: GenerateSession): void {
    const count = lineCount(result.text);
    const blocks = result.blocks === 1 ? '1 code block' : `${result.blocks} code blocks`;
    this.log.info(`Generate: ${result.outcome} (${result.finishReason ?? 'no finish reason'}), ${lines(count)} written from ${blocks}.`);
    if (result.outcome === 'error') {
      const message = isLlmError(result.error) ? result.error.message : String(result.error);
      this.log.error(`Generate failed: ${message}`);
      const cut = result.lastLineCut ? ` (the last one may be incomplete)` : '';
      // Undo is one step (generateSession.ts): say so, and that it brings back what the code replaced.
      const undo = session.replacesSelection ? ' Undo (Ctrl+Z) brings back the selection they replaced.' : ' Undo (Ctrl+Z) removes them.';
      const kept = count > 0 ? ` The ${lines(count)} received before the failure ${count === 1 ? 'was' : 'were'} kept${cut}.${undo}` : '';
      if (count > 0) this.log.info(`Generate: kept ${lines(count)} received before the failure${cut}.`);
      // The server's words: no link in them may reach the notification (notificationText.ts). The
      // fix one click away where there is one, as the chat panel offers it.
      const remedy = isLlmError(result.error) ? remedyOf(result.error) : undefined;
      const fix = remedy && REMEDY_BUTTONS[remedy];
      void vscode.window.showErrorMessage(`Rill: ${notificationText(message)}${kept}`, ...(fix ? [fix.title] : [])).then((answer) => {
        if (fix && answer === fix.title) void vscode.commands.executeCommand(fix.command);
      });
    } else if (result.outcome === 'done' && result.text === '' && result.finishReason === 'length') {
      // A reasoning model counts its thinking in the limit and can spend all of it there.
      void vscode.window.showWarningMessage('Rill: the model used up the token limit (rill.chat.maxTokens) before writing any code: a reasoning model spends tokens thinking first. Raise the limit and try again.');
    } else if (result.outcome === 'done' && result.text === '') {
      void vscode.window.showWarningMessage('Rill: the model answered without any code to insert.');
    } else if (result.outcome === 'done' && result.finishReason === 'length') {
      void vscode.window.showWarningMessage('Rill: the code was cut off at the token limit (rill.chat.maxTokens).');
    } else if (session.stoppedBy === 'edit-rejected') {
      this.log.warn('Generate: the editor refused an edit; stopped.');
      void vscode.window.showWarningMessage('Rill: the editor would not take the generated code (is the file read-only?). Generation stopped.');
    } else if (session.stoppedBy === 'document-closed') {
      this.log.info('Generate: stopped because its document was closed.');
    }
  }

  private async confirmSecretFile(path: string): Promise<boolean> {
    const yes = 'Send Anyway';
    const answer = await vscode.window.showWarningMessage(
      `${path} looks like a file holding secrets. Generating here sends its text to the chat model.`,
      { modal: true },
      yes,
    );
    return answer === yes;
  }

  dispose(): void {
    this.session?.stop('replaced');
    this.session?.dispose();
    this.subscriptions.dispose();
  }
}

/** "1 line", "3 lines". */
function lines(count: number): string {
  return `${count} line${count === 1 ? '' : 's'}`;
}

function lineCount(text: string): number {
  return text === '' ? 0 : text.split('\n').length;
}
