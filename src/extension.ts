// Rill's entry point: builds the services, registers them, returns. No logic of its own.
import * as vscode from 'vscode';
import { registerKeyCommands } from './vscode/keyCommands';
import { KeyStore } from './vscode/keys';
import { RillLog } from './vscode/log';
import { ProviderRegistry } from './vscode/providers';
import { Settings } from './vscode/settings';
import { warnAboutWorkspaceOverrides } from './vscode/trust';

export interface RillApi {
  readonly log: RillLog;
  readonly providers: ProviderRegistry;
  readonly keys: KeyStore;
}

export function activate(context: vscode.ExtensionContext): RillApi {
  const log = new RillLog();
  const settings = new Settings();
  const keys = new KeyStore(context.secrets);
  const providers = new ProviderRegistry(settings, keys, log);
  context.subscriptions.push(log, settings, keys, providers, registerKeyCommands(keys, log));
  context.subscriptions.push(warnAboutWorkspaceOverrides(settings, log));
  log.info(`Rill ${context.extension.packageJSON.version} active.`);
  return { log, providers, keys };
}

export function deactivate(): void {}
