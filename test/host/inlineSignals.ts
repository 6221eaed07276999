// Signals from Rill's inline provider for host tests: that VS Code called it and the call returned.
// A test waits for these instead of sleeping: before asserting that nothing was shown or sent, it
// waits for the answer to the keystroke in question, so a slow machine cannot make it pass early.
import * as vscode from 'vscode';
import type { ProviderAnswer } from '../../src/vscode/observedInlineProvider';
import { type RillApi, waitFor } from './rill';

/** The number of VS Code's last call that has returned (0 before the first): pass it as `after`. */
export function lastCall(api: RillApi): number {
  return api.completion.lastAnswer?.call ?? 0;
}

/**
 * Waits until VS Code has called the provider for `document` as it is now (and, with `after`, in a
 * call made after that one), and the call returned. Returns what Rill answered.
 */
export function providerAnswered(api: RillApi, document: vscode.TextDocument, options: { after?: number; timeoutMs?: number } = {}): Promise<ProviderAnswer> {
  return waitFor(
    `VS Code to ask Rill about ${document.uri.toString()} (version ${document.version}) and Rill to answer`,
    () => {
      const answer = api.completion.lastAnswer;
      const current = answer && answer.uri === document.uri.toString() && answer.version === document.version && answer.call > (options.after ?? 0);
      return current ? answer : undefined;
    },
    options.timeoutMs,
  );
}

/**
 * Waits until the provider's registration has reached the workbench (it travels there after
 * activation): asks explicitly in a scratch editor until VS Code calls the provider. The scratch
 * file is deny-listed (`.env`), so Rill answers at once and sends nothing.
 */
export async function inlineProviderReady(api: RillApi): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(`untitled:rill-provider-ready-${process.pid}/.env`));
  await vscode.window.showTextDocument(document);
  try {
    await waitFor('Rill\'s inline provider to be registered in the workbench', async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      return api.completion.lastAnswer?.uri === document.uri.toString() ? true : undefined;
    });
  } finally {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}
