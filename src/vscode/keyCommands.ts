// Rill: Set API Key… / Clear API Key… (the provider's key), and Set Gateway Key… / Clear Gateway
// Key… (a gateway's own key, for the `${gatewayKey}` a value of rill.*.headers writes): keys go to
// SecretStorage through a masked input box. The commands take no arguments: another extension
// running them gets the same questions a person does, so no key is stored or removed without the
// user typing or picking it.
import * as vscode from 'vscode';
import { keyShapeWarning } from '../llm/keyShape';
import type { ProviderKind } from '../llm/types';
import { type KeyStore, PROVIDER_LABELS } from './keys';
import type { RillLog } from './log';

interface ProviderPick extends vscode.QuickPickItem {
  readonly provider: ProviderKind;
}

/**
 * The providers, each saying whether a key of it is stored (never the key); those completion and
 * chat use come first, the first one active: a refused key's button (which takes no argument) then
 * needs only Enter.
 */
async function providerPicks(isStored: (provider: ProviderKind) => Promise<boolean>, inUse: readonly ProviderKind[]): Promise<ProviderPick[]> {
  const all = Object.keys(PROVIDER_LABELS) as ProviderKind[];
  const providers = [...all.filter((p) => inUse.includes(p)), ...all.filter((p) => !inUse.includes(p))];
  const stored = await Promise.all(providers.map(isStored));
  return providers.map((provider, i) => ({
    label: PROVIDER_LABELS[provider],
    description: inUse.includes(provider) ? `${provider}, in use` : provider,
    detail: stored[i] ? 'A key is stored.' : 'No key stored.',
    provider,
  }));
}

/** The providers completion and chat use (the settings'), for the picks' order. */
export type ProvidersInUse = () => readonly ProviderKind[];

/** Asks which provider's key (stored or not, as `isStored` says); undefined when the user cancels. */
async function pickProvider(title: string, isStored: (provider: ProviderKind) => Promise<boolean>, inUse: ProvidersInUse): Promise<ProviderKind | undefined> {
  return (await vscode.window.showQuickPick(providerPicks(isStored, inUse()), { title }))?.provider;
}

export function registerKeyCommands(keys: KeyStore, log: RillLog, inUse: ProvidersInUse): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('rill.setApiKey', () => askForKey(keys, log, undefined, inUse)),
    vscode.commands.registerCommand('rill.clearApiKey', async () => {
      const chosen = await pickProvider('Rill: Clear API Key for…', (p) => keys.isStored(p), inUse);
      if (!chosen) return false;
      await keys.clear(chosen);
      log.info(`API key for ${PROVIDER_LABELS[chosen]} removed from SecretStorage.`);
      // The environment's key is the fallback: say so, or the user believes no key is sent any more.
      const variable = keys.envVariable(chosen);
      if (variable && (await keys.get(chosen)) !== undefined) {
        void vscode.window.showWarningMessage(`Rill: the stored API key for ${PROVIDER_LABELS[chosen]} is removed, but ${variable} is set in the environment VS Code was started with, and Rill still uses that key. Unset it and restart VS Code to stop it.`);
      } else {
        void vscode.window.showInformationMessage(`Rill: API key for ${PROVIDER_LABELS[chosen]} removed.`);
      }
      return true;
    }),
    vscode.commands.registerCommand('rill.setGatewayKey', () => askForGatewayKey(keys, log, inUse)),
    vscode.commands.registerCommand('rill.clearGatewayKey', async () => {
      const chosen = await pickProvider('Rill: Clear Gateway Key for the servers of…', (p) => keys.isGatewayStored(p), inUse);
      if (!chosen) return false;
      await keys.clearGateway(chosen);
      log.info(`Gateway key for ${PROVIDER_LABELS[chosen]} removed from SecretStorage.`);
      void vscode.window.showInformationMessage(`Rill: gateway key for ${PROVIDER_LABELS[chosen]} removed.`);
      return true;
    }),
    vscode.commands.registerCommand('rill.showLog', () => log.show()),
  );
}

/**
 * Asks for a key in a masked input box and stores it. `provider` is set when the user already chose
 * it (Choose Provider…); otherwise they pick it first. True when a key was stored.
 */
export async function askForKey(keys: KeyStore, log: RillLog, provider?: ProviderKind, inUse: ProvidersInUse = () => []): Promise<boolean> {
  const chosen = provider ?? (await pickProvider('Rill: Set API Key for…', (p) => keys.isStored(p), inUse));
  if (!chosen) return false;
  const value = await vscode.window.showInputBox({
    title: `Rill: API key for ${PROVIDER_LABELS[chosen]}`,
    prompt: 'Stored in VS Code SecretStorage, never in settings or logs.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => validateKey(chosen, v),
  });
  if (!value) return false;
  log.addSecret(value.trim());
  await keys.set(chosen, value.trim());
  log.info(`API key for ${PROVIDER_LABELS[chosen]} stored in SecretStorage.`);
  void vscode.window.showInformationMessage(`Rill: API key for ${PROVIDER_LABELS[chosen]} saved.`);
  return true;
}

/**
 * Asks for a gateway's own key (sent where a value of rill.*.headers writes `${gatewayKey}`, beside
 * the provider's key) and stores it. True when a key was stored.
 */
async function askForGatewayKey(keys: KeyStore, log: RillLog, inUse: ProvidersInUse): Promise<boolean> {
  const chosen = await pickProvider('Rill: Set Gateway Key for the servers of…', (p) => keys.isGatewayStored(p), inUse);
  if (!chosen) return false;
  const value = await vscode.window.showInputBox({
    title: `Rill: gateway key for ${PROVIDER_LABELS[chosen]}`,
    prompt: 'Sent where a value of rill.chat.headers or rill.completion.headers writes ${gatewayKey}. Stored in VS Code SecretStorage, never in settings or logs.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim().length === 0 ? 'The key is empty.' : /\s/.test(v.trim()) ? 'A key has no spaces.' : undefined),
  });
  if (!value) return false;
  log.addSecret(value.trim());
  await keys.setGateway(chosen, value.trim());
  log.info(`Gateway key for ${PROVIDER_LABELS[chosen]} stored in SecretStorage.`);
  void vscode.window.showInformationMessage(`Rill: gateway key for ${PROVIDER_LABELS[chosen]} saved.`);
  return true;
}

/** Blocks an empty key or one with spaces inside; warns (and still takes it) when it looks like another provider's. */
function validateKey(provider: ProviderKind, value: string): string | vscode.InputBoxValidationMessage | undefined {
  const key = value.trim();
  if (key.length === 0) return 'The key is empty.';
  if (/\s/.test(key)) return 'A key has no spaces.';
  const warning = keyShapeWarning(provider, key);
  return warning ? { message: `${warning} Press Enter to store it anyway.`, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
}
