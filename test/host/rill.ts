// Helpers for host tests: Rill's internals (from the suite's test build of the extension, see
// testExtension.ts), and waiting for conditions inside the host.
import * as vscode from 'vscode';
import type { ProviderKind } from '../../src/llm/types';
import { SNOOZE_KEY } from '../../src/vscode/sharedSnooze';
import { secretName } from '../../src/vscode/keys';
import { pollFor } from '../../tools/poll';
import { TEST_BUILD_MARKER } from '../../tools/testOnlyMarkers';
import type { RillTestApi } from './testExtension';

export const RILL_ID = 'rill.rill';

/** What the host suite reaches inside Rill: the services and the test build's hooks. */
export type RillApi = RillTestApi;

/** Rill's extension object; fails the test when it is not loaded. */
export function rillExtension(): vscode.Extension<RillApi | undefined> {
  const extension = vscode.extensions.getExtension<RillApi | undefined>(RILL_ID);
  if (!extension) throw new Error(`${RILL_ID} is not loaded in this extension host`);
  return extension;
}

/** Activates Rill (if VS Code has not already) and returns its internals, from the test build. */
export async function rillApi(): Promise<RillApi> {
  const api = await rillExtension().activate();
  if (api?.build !== TEST_BUILD_MARKER) {
    throw new Error(`${RILL_ID} was loaded without its test build (the packaged extension exports nothing): build the host suite with test/harness/buildHost.ts`);
  }
  return api;
}

/**
 * Ends a snooze as Resume does, in the engine and in the globalState every window reads (a snooze
 * left stored would be taken again by this window's next look at it).
 */
export async function endSnooze(api: RillApi): Promise<void> {
  api.completion.engine.enablement.unsnooze();
  await api.globalState.update(SNOOZE_KEY, undefined);
}

/** The key Rill keeps in its SecretStorage for `provider` (not the environment's fallback). */
export async function storedKey(provider: ProviderKind): Promise<string | undefined> {
  return (await rillApi()).secrets.get(secretName(provider));
}

/** Every `rill.*` setting's user (global) value, for a test to check that none changed. */
export function rillUserSettings(): Record<string, unknown> {
  const properties = Object.keys((rillExtension().packageJSON as { contributes: { configuration: { properties: Record<string, unknown> } } }).contributes.configuration.properties);
  const config = vscode.workspace.getConfiguration();
  return Object.fromEntries(properties.map((key) => [key, config.inspect(key)?.globalValue]));
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs` (tools/poll.ts, the one poll helper). */
export function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  return pollFor(probe, { what, timeoutMs, intervalMs: 50 });
}

/**
 * Reverts and closes the active editor, then waits until the extension host has let its untitled
 * document go: until then, on a busy machine, the next new untitled editor may come back as it,
 * with its text.
 */
export async function revertAndCloseActive(): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  if (document?.isUntitled) await waitFor('the closed untitled document to be released', () => (document.isClosed ? true : undefined));
}
