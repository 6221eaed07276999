// Rill's completion commands: toggle, snooze, trigger (Alt+\), dismiss (Esc on ghost text), show the
// last prompt, and the internal command an accepted inline completion item runs. The status menu
// (statusMenu.ts) offers them.
import * as vscode from 'vscode';
import type { CompletionEngine } from '../completion/engine';
import { promptReport } from '../completion/promptReport';
import { readCompletionSettings, setCompletionEnabled, setLanguageEnabled } from './completionSettings';
import { ACCEPTED_COMMAND } from './inlineProvider';
import { ReportDocuments } from './reportDocuments';
import { SNOOZE_MINUTES, snoozeLength } from './statusMenu';

export const TURN_ON = 'Turn On';

/**
 * What the status menu runs by calling it: the user picked the entry in Rill's own menu, so
 * turning completion on needs no second question there. Through the commands (the palette, a
 * keybinding, or another extension: VS Code does not say which) turning on asks first.
 */
export interface CompletionActions {
  /** On or off everywhere; the new state, or undefined when the user kept it off. */
  toggle(): Promise<boolean | undefined>;
  /** On or off for the active editor's language; the new state, or undefined when nothing changed. */
  toggleForLanguage(): Promise<boolean | undefined>;
  /** Ends a snooze; true when one ended. */
  resume(): Promise<boolean>;
  /** Snoozes for one of the menu's durations (anything else: the user picks). */
  snooze(minutes?: unknown): Promise<boolean>;
}

/** Whether completion may be turned on: yes from the menu, else the user says so in a modal question. */
type Consent = (what: string) => Promise<boolean>;

const fromMenu: Consent = async () => true;

/**
 * Turning completion back on sends the code being typed to the server again, with the user's key:
 * another extension must not do that after the user turned it off or snoozed it. Turning off,
 * which only sends less, never asks.
 */
const askTheUser: Consent = async (what) =>
  (await vscode.window.showWarningMessage(
    `Turn Rill's inline completions on ${what}?`,
    {
      modal: true,
      detail: "Rill will send the code around the cursor to the completion server as you type. (Asked because this came through a command, which another extension can run too; Rill's status bar menu turns it on without asking.)",
    },
    TURN_ON,
  )) === TURN_ON;

export function registerCompletionCommands(
  engine: CompletionEngine,
  /** Stores the snooze's end (undefined: resumed) for every window. */
  storeSnooze: (until: number | undefined) => Thenable<void>,
  refresh: () => void,
  stopGrowth: () => void,
  trigger: () => Promise<unknown>,
): { readonly commands: vscode.Disposable; readonly menuActions: CompletionActions } {
  // The status menu passes one of its durations; anything else (another extension's argument) is
  // not taken: the user picks. A snooze sends nothing and writes no setting.
  const snooze = async (minutes?: unknown): Promise<boolean> => {
    const offered = SNOOZE_MINUTES.find((m) => m === minutes);
    const chosen =
      offered ??
      (
        await vscode.window.showQuickPick(
          SNOOZE_MINUTES.map((m) => ({ label: snoozeLength(m), minutes: m })),
          { title: 'Rill: Snooze Inline Completions for…' },
        )
      )?.minutes;
    if (!chosen) return false;
    engine.enablement.snooze(chosen);
    engine.stopAll();
    await storeSnooze(engine.enablement.snoozeEnd);
    refresh();
    return true;
  };
  const toggle = async (consent: Consent): Promise<boolean | undefined> => {
    const enabled = !readCompletionSettings().enablement.enabled;
    if (enabled && !(await consent('everywhere'))) return undefined;
    if (!enabled) engine.stopAll();
    if (enabled) {
      engine.enablement.unsnooze();
      await storeSnooze(undefined);
    }
    await setCompletionEnabled(enabled);
    void vscode.window.setStatusBarMessage(`Rill inline completions ${enabled ? 'on' : 'off'}`, 3000);
    return enabled;
  };
  const resume = async (consent: Consent): Promise<boolean> => {
    if (engine.enablement.snoozeEnd === undefined) {
      void vscode.window.setStatusBarMessage('Rill inline completions are not snoozed', 3000);
      return false;
    }
    if (!(await consent('again now (ending the snooze)'))) return false;
    engine.enablement.unsnooze();
    await storeSnooze(undefined);
    refresh();
    return true;
  };
  // The active editor's language, in the user's settings (arguments are not taken: another
  // extension cannot pick what is turned on). Returns whether completion is now on there.
  const toggleForLanguage = async (consent: Consent): Promise<boolean | undefined> => {
    const languageId = vscode.window.activeTextEditor?.document.languageId;
    if (!languageId) {
      void vscode.window.showInformationMessage('Rill: open a file to turn inline completions on or off for its language.');
      return undefined;
    }
    const on = !engine.enablement.languageEnabled(languageId);
    if (on && !(await consent(`for ${languageId}`))) return undefined;
    if (!on) engine.stopAll();
    await setLanguageEnabled(languageId, on);
    void vscode.window.setStatusBarMessage(`Rill inline completions ${on ? 'on' : 'off'} for ${languageId}`, 3000);
    return on;
  };
  const actions = (consent: Consent): CompletionActions => ({
    toggle: () => toggle(consent),
    toggleForLanguage: () => toggleForLanguage(consent),
    resume: () => resume(consent),
    snooze,
  });
  const asked = actions(askTheUser);
  const reports = new ReportDocuments();
  const commands = vscode.Disposable.from(
    reports,
    // Arguments are not taken (a keybinding or another extension may pass any): the state decides.
    vscode.commands.registerCommand('rill.toggleInlineCompletions', () => asked.toggle()),
    vscode.commands.registerCommand('rill.snoozeInlineCompletions', (minutes?: unknown) => asked.snooze(minutes)),
    vscode.commands.registerCommand('rill.resumeInlineCompletions', () => asked.resume()),
    vscode.commands.registerCommand('rill.toggleInlineCompletionsForLanguage', () => asked.toggleForLanguage()),
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
      return reports.show('Last Completion Prompt', promptReport(engine.lastPrompt));
    }),
    vscode.commands.registerCommand(ACCEPTED_COMMAND, (sessionId: unknown) => {
      if (typeof sessionId === 'number') engine.accepted(sessionId);
    }),
  );
  return { commands, menuActions: actions(fromMenu) };
}
