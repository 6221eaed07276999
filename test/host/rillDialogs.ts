// Answers Rill's message dialogs in place of a person. Each extension gets its own `vscode` API
// object, chosen by the path of the module that requires it; requiring `vscode` as a module inside
// Rill's folder gives Rill's, so replacing its `window.showWarningMessage` is what Rill calls.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { rillExtension } from './rill';

export interface ShownDialog {
  readonly message: string;
  readonly modal: boolean;
  readonly buttons: readonly string[];
}

export interface DialogStub {
  /** Every warning Rill showed since the stub went in, in order. */
  readonly shown: readonly ShownDialog[];
  /** Puts Rill's own `showWarningMessage` back. */
  restore(): void;
}

/** Until `restore()`, every warning message Rill shows is answered with `answer` (undefined: dismissed). */
export function answerRillWarnings(answer: (dialog: ShownDialog) => string | undefined): DialogStub {
  const rillVscode = createRequire(join(rillExtension().extensionPath, 'dist', 'extension.js'))('vscode') as typeof vscode;
  const window = rillVscode.window as { showWarningMessage: (...args: unknown[]) => Thenable<unknown> };
  const original = window.showWarningMessage;
  const shown: ShownDialog[] = [];
  window.showWarningMessage = async (message: unknown, ...rest: unknown[]) => {
    const options = typeof rest[0] === 'object' && rest[0] !== null && !('title' in rest[0]) ? (rest.shift() as vscode.MessageOptions) : {};
    const dialog = { message: String(message), modal: options.modal === true, buttons: rest.map((b) => (typeof b === 'string' ? b : String((b as { title?: unknown }).title))) };
    shown.push(dialog);
    return answer(dialog);
  };
  return {
    shown,
    restore: () => {
      window.showWarningMessage = original;
    },
  };
}
