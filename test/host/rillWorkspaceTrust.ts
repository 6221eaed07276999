// Makes Rill see an untrusted workspace. The host suite runs with workspace trust disabled (every
// workspace trusted), and each extension gets its own `vscode` API object, chosen by the path of the
// module that requires it: requiring `vscode` inside Rill's folder gives Rill's, so redefining its
// `workspace.isTrusted` changes what Rill reads and nothing else (the tests' own object stays trusted).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { rillExtension } from './rill';

export interface TrustOverride {
  /** Puts Rill's own `workspace.isTrusted` back. */
  restore(): void;
}

/** Until `restore()`, Rill's `vscode.workspace.isTrusted` is false. */
export function distrustWorkspaceForRill(): TrustOverride {
  const rillVscode = createRequire(join(rillExtension().extensionPath, 'dist', 'extension.js'))('vscode') as typeof vscode;
  const workspace = rillVscode.workspace;
  const original = Object.getOwnPropertyDescriptor(workspace, 'isTrusted');
  if (!original?.configurable || Object.isFrozen(workspace)) {
    throw new Error(`Rill's workspace.isTrusted cannot be redefined (${JSON.stringify({ own: original !== undefined, configurable: original?.configurable, frozen: Object.isFrozen(workspace) })})`);
  }
  Object.defineProperty(workspace, 'isTrusted', { configurable: true, enumerable: original.enumerable, get: () => false });
  if (workspace.isTrusted !== false) throw new Error('Rill\'s workspace.isTrusted did not change');
  return {
    restore: () => {
      Object.defineProperty(workspace, 'isTrusted', original);
    },
  };
}
