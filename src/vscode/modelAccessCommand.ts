// Rill: Manage Extensions Allowed to Use Rill's Models…: the user reviews the answers they gave
// (modelAccessGate.ts) and changes or forgets one. Takes no arguments: another extension running
// it gets the same picks a person does, so it cannot allow itself.
import * as vscode from 'vscode';
import { type AccessDecision, callerLabel, MANAGE_TITLE } from '../chat/modelAccess';
import type { AccessEntry, ModelAccessDecisions } from '../chat/modelAccessDecisions';
import type { RillLog } from './log';

export const MANAGE_MODEL_ACCESS_COMMAND = 'rill.manageModelAccess';

/** What the command did, for the caller that ran it (a person's palette ignores it). */
export type ManageOutcome = AccessDecision | 'forgotten' | undefined;

interface ExtensionPick extends vscode.QuickPickItem {
  readonly entry: AccessEntry;
}

interface ActionPick extends vscode.QuickPickItem {
  readonly action: AccessDecision | 'forget';
}

/** `offered`: whether this VS Code has the API that lets extensions use Rill's models at all. */
export function registerModelAccessCommand(decisions: ModelAccessDecisions, offered: boolean, log: RillLog): vscode.Disposable {
  return vscode.commands.registerCommand(MANAGE_MODEL_ACCESS_COMMAND, () => manage(decisions, offered, log));
}

async function manage(decisions: ModelAccessDecisions, offered: boolean, log: RillLog): Promise<ManageOutcome> {
  const entries = decisions.list();
  if (entries.length === 0) {
    // Not awaited: a notification's promise lasts until it is closed.
    void vscode.window.showInformationMessage(
      offered
        ? "No extension has asked to use Rill's models yet. Rill asks you the first time one does."
        : `VS Code ${vscode.version} has no language model API (VS Code 1.104+): no extension can use Rill's models.`,
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick<ExtensionPick>(
    entries.map((entry) => ({
      label: `${entry.decision === 'allowed' ? '$(check)' : '$(circle-slash)'} ${entry.displayName ?? entry.extensionId}`,
      description: entry.displayName ? entry.extensionId : undefined,
      detail: entry.decision === 'allowed' ? "Allowed to use Rill's models" : "Not allowed to use Rill's models",
      entry,
    })),
    { title: MANAGE_TITLE, placeHolder: 'Pick an extension to change or forget its answer' },
  );
  if (!picked) return undefined;
  const { entry } = picked;
  const name = entry.displayName ?? entry.extensionId;
  const now = (action: ActionPick['action']): string | undefined => (action === entry.decision ? 'now' : undefined);
  const action = await vscode.window.showQuickPick<ActionPick>(
    [
      { label: 'Allow', description: now('allowed'), detail: `${name} may use Rill's models; Rill sends its requests with your key.`, action: 'allowed' },
      { label: 'Deny', description: now('denied'), detail: `${name}'s requests fail; Rill sends nothing.`, action: 'denied' },
      { label: 'Forget', detail: `Rill asks you again the next time ${name} wants a model.`, action: 'forget' },
    ],
    { title: `Rill: ${callerLabel({ kind: 'extension', id: entry.extensionId }, entry.displayName)} and Rill's models` },
  );
  if (!action) return undefined;
  if (action.action === 'forget') {
    await decisions.forget(entry.extensionId);
    log.info(`Rill's models: the answer for ${entry.extensionId} was forgotten; it will be asked again.`);
    return 'forgotten';
  }
  await decisions.set(entry.extensionId, action.action, entry.displayName);
  log.info(`Rill's models: ${entry.extensionId} is now ${action.action}.`);
  return action.action;
}
