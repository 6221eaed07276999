// Which documents hold secrets, by the one deny-list Rill has (the built-in globs plus the user's
// `rill.completion.exclude`): completion never reads them, and chat attachments and Generate ask
// before sending one. Read at each use, so a changed setting applies at once.
import * as vscode from 'vscode';
import { DenyList } from '../completion/denyList';
import { readCompletionSettings } from './completionSettings';
import { documentFsPath, documentPath } from './inlineDocumentState';

export function isSecretDocument(document: vscode.TextDocument): boolean {
  const list = new DenyList(readCompletionSettings().exclude);
  // The workspace-relative path for the user's globs, the absolute one for `**/.aws/**` and the like.
  const fsPath = documentFsPath(document);
  return list.isDenied(documentPath(document)) || (fsPath !== undefined && list.isDenied(fsPath));
}
