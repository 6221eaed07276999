// Rill's completion settings (`rill.completion.*` beyond the endpoint ones read by Settings).
import * as vscode from 'vscode';
import type { EnablementSettings } from '../completion/enablement';
import { folderGlobs, folderNamedGlobs } from '../completion/folderExclude';

export interface CompletionSettings {
  readonly enablement: EnablementSettings;
  readonly exclude: readonly string[];
  readonly contextTokens: number;
}

export const DEFAULT_LANGUAGES: Readonly<Record<string, boolean>> = { '*': true, plaintext: false, scminput: false };

export function readCompletionSettings(): CompletionSettings {
  const c = vscode.workspace.getConfiguration('rill.completion');
  // What is never sent: a workspace may add files to the user's list, not take theirs away (a
  // repository's `"rill.completion.exclude": []` would otherwise replace it), so every scope's list
  // counts, each folder's of a multi-root workspace too (read only with that folder as the resource).
  const exclude = c.inspect<unknown>('exclude');
  const workspaceFolders = vscode.workspace.workspaceFolders ?? [];
  const folders = workspaceFolders.flatMap((folder) =>
    folderGlobs(folder.uri.fsPath, globs(vscode.workspace.getConfiguration('rill.completion', folder.uri).inspect<unknown>('exclude')?.workspaceFolderValue)),
  );
  const scopes = [exclude?.defaultValue, exclude?.globalValue, exclude?.workspaceValue, exclude?.workspaceFolderValue].flatMap(globs);
  // In a multi-root workspace a glob may name a folder first, as a path in the workspace reads.
  const named = workspaceFolders.length > 1 ? folderNamedGlobs(workspaceFolders.filter((f) => f.uri.scheme === 'file').map((f) => ({ name: f.name, path: f.uri.fsPath })), scopes) : [];
  const languages = c.get<unknown>('languages', DEFAULT_LANGUAGES);
  return {
    enablement: {
      enabled: c.get<boolean>('enabled', true),
      languages: isBooleanRecord(languages) ? languages : DEFAULT_LANGUAGES,
    },
    exclude: [...new Set([...scopes, ...folders, ...named])],
    contextTokens: c.get<number>('contextTokens', 1536),
  };
}

function globs(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
}

function isBooleanRecord(value: unknown): value is Record<string, boolean> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'boolean');
}

/**
 * Turns automatic completion on or off, in the user's settings; where a workspace's own value
 * still decides (a repository's `"rill.completion.enabled": true`), there too, so that turning
 * completion off always stops what is sent (it was left on, the status bar saying "off").
 */
export async function setCompletionEnabled(enabled: boolean): Promise<void> {
  await vscode.workspace.getConfiguration('rill.completion').update('enabled', enabled, vscode.ConfigurationTarget.Global);
  const c = vscode.workspace.getConfiguration('rill.completion');
  if (c.get<boolean>('enabled', true) !== enabled && c.inspect('enabled')?.workspaceValue !== undefined) {
    await c.update('enabled', enabled, vscode.ConfigurationTarget.Workspace);
  }
}

/**
 * Turns automatic completion on or off for one language, in the user's settings; where the
 * workspace's table still decides for that language, there too (as for the switch above).
 */
export async function setLanguageEnabled(languageId: string, enabled: boolean): Promise<void> {
  const c = vscode.workspace.getConfiguration('rill.completion');
  const own = c.inspect<unknown>('languages')?.globalValue;
  const table = isBooleanRecord(own) ? own : DEFAULT_LANGUAGES;
  await c.update('languages', { ...table, [languageId]: enabled }, vscode.ConfigurationTarget.Global);
  const now = readCompletionSettings().enablement.languages;
  const workspace = vscode.workspace.getConfiguration('rill.completion').inspect<unknown>('languages')?.workspaceValue;
  if ((now[languageId] ?? now['*'] ?? true) !== enabled && isBooleanRecord(workspace)) {
    await c.update('languages', { ...workspace, [languageId]: enabled }, vscode.ConfigurationTarget.Workspace);
  }
}
