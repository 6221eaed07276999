// Rill's completion commands: toggle, snooze, trigger (Alt+\), dismiss (Esc on ghost text), show the
// last prompt, and the internal command an accepted inline completion item runs. The status menu
// (statusMenu.ts) offers them.
import * as vscode from 'vscode';
import type { CompletionEngine } from '../completion/engine';
import { promptReport } from '../completion/promptReport';
import { readCompletionSettings, setCompletionEnabled, setLanguageEnabled } from './completionSettings';
import { ACCEPTED_COMMAND } from './inlineProvider';
import { SNOOZE_MINUTES } from './statusMenu';

export const SNOOZE_KEY = 'rill.completion.snoozedUntil';

/**
 * `stopGrowth`: ends the growth of the shown suggestion that is pending (InlineGrowth.stop).
 * `trigger`: asks VS Code for inline completions where the cursor is (InlineGrowth.reask).
 */
export function registerCompletionCommands(
  engine: CompletionEngine,
  state: vscode.Memento,
  refresh: () => void,
  stopGrowth: () => void,
  trigger: () => Promise<unknown>,
): vscode.Disposable {
  // The status menu passes one of its durations; anything else (another extension's argument) is
  // not taken: the user picks. A snooze sends nothing and writes no setting.
  const snooze = async (minutes?: unknown): Promise<boolean> => {
    const offered = SNOOZE_MINUTES.find((m) => m === minutes);
    const chosen =
      offered ??
      (
        await vscode.window.showQuickPick(
          SNOOZE_MINUTES.map((m) => ({ label: `${m} minutes`, minutes: m })),
          { title: 'Rill: Snooze Inline Completions for…' },
        )
      )?.minutes;
    if (!chosen) return false;
    engine.enablement.snooze(chosen);
    engine.stopAll();
    await state.update(SNOOZE_KEY, engine.enablement.snoozeEnd);
    refresh();
    return true;
  };
  const toggle = async (): Promise<boolean> => {
    const enabled = !readCompletionSettings().enablement.enabled;
    if (!enabled) engine.stopAll();
    if (enabled) {
      engine.enablement.unsnooze();
      await state.update(SNOOZE_KEY, undefined);
    }
    await setCompletionEnabled(enabled);
    void vscode.window.setStatusBarMessage(`Rill inline completions ${enabled ? 'on' : 'off'}`, 3000);
    return enabled;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('rill.toggleInlineCompletions', toggle),
    vscode.commands.registerCommand('rill.snoozeInlineCompletions', (minutes?: unknown) => snooze(minutes)),
    vscode.commands.registerCommand('rill.resumeInlineCompletions', async () => {
      engine.enablement.unsnooze();
      await state.update(SNOOZE_KEY, undefined);
      refresh();
    }),
    // The active editor's language, in the user's settings (arguments are not taken: another
    // extension cannot pick what is turned on). Returns whether completion is now on there.
    vscode.commands.registerCommand('rill.toggleInlineCompletionsForLanguage', async () => {
      const languageId = vscode.window.activeTextEditor?.document.languageId;
      if (!languageId) {
        void vscode.window.showInformationMessage('Rill: open a file to turn inline completions on or off for its language.');
        return undefined;
      }
      const on = !engine.enablement.languageEnabled(languageId);
      if (!on) engine.stopAll();
      await setLanguageEnabled(languageId, on);
      void vscode.window.setStatusBarMessage(`Rill inline completions ${on ? 'on' : 'off'} for ${languageId}`, 3000);
      return on;
    }),
    vscode.commands.registerCommand('rill.triggerInlineCompletion', () => {
      engine.userAsked();
      return trigger();
    }),
    // Esc while ghost text shows: what VS Code's Esc does (hide it), and the stream behind it ends,
    // so it neither costs more tokens nor grows back onto the screen (engine.dismissed). The
    // context key cannot tell whose ghost text it is: with another extension's on screen, Rill's
    // suggestion for the same place, if any, is dismissed too.
    vscode.commands.registerCommand('rill.dismissInlineCompletion', async () => {
      engine.dismissed();
      stopGrowth();
      await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    }),
    vscode.commands.registerCommand('rill.showLastCompletionPrompt', async () => {
      const content = promptReport(engine.lastPrompt);
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
      await vscode.window.showTextDocument(document, { preview: true });
      return document;
    }),
    vscode.commands.registerCommand(ACCEPTED_COMMAND, (sessionId: unknown) => {
      if (typeof sessionId === 'number') engine.accepted(sessionId);
    }),
  );
}
