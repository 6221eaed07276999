// Signals from Rill's inline provider for host tests: that VS Code called it and the call returned.
// A test waits for these instead of sleeping: before asserting that nothing was shown or sent, it
// waits for the answer to the keystroke in question, so a slow machine cannot make it pass early.
import * as vscode from 'vscode';
import type { ProviderAnswer } from '../../src/vscode/observedInlineProvider';
import { type RillApi, waitFor } from './rill';

/** Waits until VS Code has called the provider for `document` as it is now, and the call returned. */
export function providerAnswered(api: RillApi, document: vscode.TextDocument, timeoutMs = 10_000): Promise<ProviderAnswer> {
  return waitFor(
    `VS Code to ask Rill about ${document.uri.toString()} (version ${document.version}) and Rill to answer`,
    () => {
      const answer = api.completion.lastAnswer;
      return answer && answer.uri === document.uri.toString() && answer.version === document.version ? answer : undefined;
    },
    timeoutMs,
  );
}

/**
 * Waits until the provider's registration has reached the workbench (it travels there after
 * activation): asks explicitly in a scratch editor until VS Code calls the provider.
 */
export async function inlineProviderReady(api: RillApi): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'ready' });
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(0, 5, 0, 5);
  try {
    await waitFor('Rill\'s inline provider to be registered in the workbench', async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      return api.completion.lastAnswer?.uri === document.uri.toString() ? true : undefined;
    });
  } finally {
    api.completion.engine.stopAll();
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}
