// A workspace that sets Rill's application-scoped settings is ignored (VS Code enforces the scope);
// we say so once, so that the user knows why their workspace value has no effect.
import * as vscode from 'vscode';
import type { RillLog } from './log';
import type { Settings } from './settings';

export function warnAboutWorkspaceOverrides(settings: Settings, log: RillLog): vscode.Disposable {
  let warned = '';
  const check = () => {
    const overrides = settings.workspaceOverrides();
    const key = overrides.join(',');
    if (overrides.length === 0 || key === warned) return;
    warned = key;
    const message = `Rill ignores ${overrides.join(', ')} from this workspace: where code and keys are sent can only be set in your user settings.`;
    log.warn(message);
    void vscode.window.showWarningMessage(message);
  };
  check();
  return settings.onDidChange(check);
}
