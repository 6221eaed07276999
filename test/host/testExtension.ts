// The host suite's build of Rill (bundled by test/harness/buildHost.ts into the staged
// extension's dist/extension.js in place of src/extension.ts; never packaged). It builds Rill
// exactly as the product does (createRill) and returns the internals to the tests, with hooks the
// product has no use for: Rill's own SecretStorage and globalState, and the chat history as stored.
import type * as vscode from 'vscode';
import { createRill, type RillServices } from '../../src/createRill';
import { ChatHistory } from '../../src/chat/history';
import { ChatService, historyStore } from '../../src/vscode/chatService';
import { TEST_BUILD_MARKER } from '../../tools/testOnlyMarkers';

export interface RillTestApi extends RillServices {
  /** Says the extension host loaded the test build, not the product's entry. */
  readonly build: typeof TEST_BUILD_MARKER;
  /** Rill's SecretStorage: where a stored key lands (each extension has its own). */
  readonly secrets: vscode.SecretStorage;
  /** Rill's globalState: where its per-machine answers live (which extensions may use its models). */
  readonly globalState: vscode.Memento;
  /** The chat history as another window (or the window after a reload) reads it from disk, for a test to wait for a save. */
  readonly storedChatHistory: () => ChatHistory;
  /**
   * A second chat service on this extension's storage, as the window would build after Developer:
   * Reload Window (a real reload cannot be driven from inside the host): what it shows is what a
   * reload would. Not registered anywhere; the test disposes it.
   */
  readonly chatAfterReload: () => ChatService;
}

export function activate(context: vscode.ExtensionContext): RillTestApi {
  const rill = createRill(context);
  return {
    ...rill,
    build: TEST_BUILD_MARKER,
    secrets: context.secrets,
    globalState: context.globalState,
    storedChatHistory: () => new ChatHistory(historyStore(context, rill.log)),
    chatAfterReload: () => new ChatService(context, rill.providers, rill.log),
  };
}

export function deactivate(): void {}
