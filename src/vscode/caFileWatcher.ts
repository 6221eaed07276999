// The CA files in `rill.network.caCertificates` are read when the connection pool is built. A file
// replaced in place (the wrong certificate put right, a company CA renewed) is read again when it
// changes on disk, as a settings change would, instead of at the next reload.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DisposableStore, toDisposable } from '../base/disposable';

/** Several writes of one save (truncate, write, rename) make one change. */
const SETTLE_MS = 200;

/** The CA files from the user's settings (a workspace cannot choose which CAs are trusted). */
export function caFiles(): readonly string[] {
  const files = vscode.workspace.getConfiguration('rill').inspect<unknown>('network.caCertificates')?.globalValue;
  return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string' && f !== '') : [];
}

/** Fires when a file in `rill.network.caCertificates` is changed, created or deleted on disk. */
export function onDidChangeCaFiles(listener: () => void): vscode.Disposable {
  const watchers = new DisposableStore();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(listener, SETTLE_MS);
  };
  const watch = () => {
    watchers.clear();
    for (const file of caFiles()) {
      if (!path.isAbsolute(file)) continue;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
      watchers.addAll(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
    }
  };
  watch();
  const settings = vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('rill.network.caCertificates') && watch());
  return toDisposable(() => {
    clearTimeout(timer);
    settings.dispose();
    watchers.dispose();
  });
}
