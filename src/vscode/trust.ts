// A workspace that sets Rill's application-scoped settings is ignored (VS Code enforces the scope);
// we say so once, so that the user knows why their workspace value has no effect.
//
// VS Code drops a workspace's values of application-scoped settings before an extension sees them
// (`inspect()` has no workspaceValue for them), so the workspace's settings files are read as well.
import * as vscode from 'vscode';
import type { RillLog } from './log';
import { APPLICATION_SCOPED, type Settings } from './settings';
import { keysSetIn } from '../base/settingsText';

export function warnAboutWorkspaceOverrides(settings: Settings, log: RillLog): vscode.Disposable {
  let warned = '';
  const check = async () => {
    const overrides = [...new Set([...settings.workspaceOverrides(), ...(await overridesInFiles())])].sort();
    const key = overrides.join(',');
    if (overrides.length === 0 || key === warned) return;
    warned = key;
    const message = `Rill ignores ${overrides.join(', ')} from this workspace: where code and keys are sent can only be set in your user settings.`;
    log.warn(message);
    void vscode.window.showWarningMessage(message);
  };
  const run = () => void check().catch((error: unknown) => log.debug(`Workspace settings check failed: ${String(error)}`));
  const watcher = vscode.workspace.createFileSystemWatcher('**/{.vscode/settings.json,*.code-workspace}');
  run();
  return vscode.Disposable.from(
    watcher,
    watcher.onDidCreate(run),
    watcher.onDidChange(run),
    settings.onDidChange(run),
    vscode.workspace.onDidChangeWorkspaceFolders(run),
  );
}

/** Rill's application-scoped keys that a workspace settings file (or .code-workspace) sets. */
async function overridesInFiles(): Promise<string[]> {
  const keys = APPLICATION_SCOPED.map((key) => `rill.${key}`);
  const files = (vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json'));
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile && workspaceFile.scheme !== 'untitled') files.push(workspaceFile);
  const found: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    } catch {
      continue;
    }
    found.push(...keysSetIn(text, keys, file === workspaceFile));
  }
  return found;
}
