// Reads Rill's settings. Settings that decide where code and keys go are read from the
// user (global) level only, so a workspace's .vscode/settings.json can never redirect them.
import * as vscode from 'vscode';
import type { FimMode, ProviderKind } from '../llm/types';

export type EndpointRole = 'completion' | 'chat';

export const ENDPOINT_ROLES: readonly EndpointRole[] = ['completion', 'chat'];

/** What a change of Rill's settings touched, so that each listener acts on its own part only. */
export interface SettingsChange {
  /** Roles with a setting changed: `rill.<role>.*`, and both for the network deadlines. */
  readonly roles: readonly EndpointRole[];
  /** How requests reach the network changed (`rill.network.caCertificates`): the connection pool is rebuilt. */
  readonly network: boolean;
}

export interface EndpointSettings {
  readonly provider: ProviderKind;
  readonly baseUrl: string;
  readonly model: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly fimMode: FimMode;
  /** Where an explicit fimMode came from when not from the setting: the environment variable (see FimSettings.fimModeFrom). */
  readonly fimModeFrom?: string;
  /** The FIM template family for fimMode `template` (`auto`: from the model name). */
  readonly fimTemplate: string;
  readonly maxTokens: number;
  readonly temperature: number;
  readonly maxRetries: number;
  readonly firstTokenTimeoutMs: number;
  readonly idleTimeoutMs: number;
}

/** Keys under `rill.` that only the user (not a workspace) may set. */
export const APPLICATION_SCOPED = [
  'completion.provider',
  'completion.baseUrl',
  'completion.headers',
  'chat.provider',
  'chat.baseUrl',
  'chat.headers',
] as const;

export class Settings implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SettingsChange>();
  /** Fires after any `rill.*` setting changed, with what it touched. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('rill')) this.changed.fire(settingsChange(e));
    });
  }

  endpoint(role: EndpointRole): EndpointSettings {
    const c = vscode.workspace.getConfiguration('rill');
    const provider = this.userOnly<ProviderKind>(`${role}.provider`, this.fromEnv(role, 'PROVIDER') as ProviderKind | undefined);
    // The environment names one server: its URL, model and FIM mode go with its provider. A
    // provider the user chose instead is at its own URL (its key never goes to the environment's).
    const env = (name: string) => (provider === this.environmentProvider(role) ? this.fromEnv(role, name) : undefined);
    // The environment's model is a model of its server: with a base URL of the user's own (another
    // server, e.g. one chosen in the demo), that name would be sent where it means nothing.
    const userUrl = ownValue(vscode.workspace.getConfiguration('rill').inspect<string>(`${role}.baseUrl`)?.globalValue);
    const ownUrl = userUrl !== undefined && userUrl !== env('BASE_URL');
    return {
      provider,
      // The default URL is the default provider's (Ollama's port): another provider is at its own.
      baseUrl: this.userOnly<string>(`${role}.baseUrl`, env('BASE_URL'), provider === this.defaultProvider(role) ? undefined : ''),
      headers: this.userOnly<Record<string, string>>(`${role}.headers`, undefined),
      model: this.anyScope<string>(`${role}.model`, ownUrl ? undefined : env('MODEL')),
      ...(role === 'completion' ? this.fimMode(env('FIM_MODE') as FimMode | undefined) : { fimMode: 'chat' as const }),
      fimTemplate: c.get<string>('completion.fimTemplate', 'auto'),
      maxTokens: c.get<number>(`${role}.maxTokens`, role === 'chat' ? 4096 : 256),
      temperature: c.get<number>(`${role}.temperature`, 0.2),
      maxRetries: role === 'chat' ? c.get<number>('chat.maxRetries', 2) : 0,
      firstTokenTimeoutMs: c.get<number>('network.firstTokenTimeoutMs', 20000),
      idleTimeoutMs: c.get<number>('network.idleTimeoutMs', 15000),
    };
  }

  /** Names of application-scoped settings that a workspace tried to set (they are ignored). */
  workspaceOverrides(): string[] {
    const c = vscode.workspace.getConfiguration('rill');
    return APPLICATION_SCOPED.filter((key) => {
      const i = c.inspect(key);
      return i?.workspaceValue !== undefined || i?.workspaceFolderValue !== undefined;
    }).map((key) => `rill.${key}`);
  }

  /** The user's own value, else the environment's, else `fallback`, else the default. Workspace values are never read. */
  private userOnly<T>(key: string, fromEnv: T | undefined, fallback?: T): T {
    const i = vscode.workspace.getConfiguration('rill').inspect<T>(key);
    return (ownValue(i?.globalValue) ?? fromEnv ?? fallback ?? i?.defaultValue) as T;
  }

  private defaultProvider(role: EndpointRole): ProviderKind | undefined {
    return vscode.workspace.getConfiguration('rill').inspect<ProviderKind>(`${role}.provider`)?.defaultValue;
  }

  /** An explicitly set value at any scope, else the environment's, else the default. */
  private anyScope<T>(key: string, fromEnv: T | undefined): T {
    return this.anyScopeFrom(key, fromEnv).value;
  }

  /** As anyScope, and whether the environment gave the value (no scope sets it). */
  private anyScopeFrom<T>(key: string, fromEnv: T | undefined): { value: T; fromEnv: boolean } {
    const i = vscode.workspace.getConfiguration('rill').inspect<T>(key);
    const explicit = i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
    return { value: (explicit ?? fromEnv ?? i?.defaultValue) as T, fromEnv: explicit === undefined && fromEnv !== undefined };
  }

  /** Completion's FIM mode, naming the environment variable when it, not the setting, gave it (Show Last Completion Prompt says why). */
  private fimMode(fromEnv: FimMode | undefined): { fimMode: FimMode; fimModeFrom?: string } {
    const { value, fromEnv: viaEnv } = this.anyScopeFrom<FimMode>('completion.fimMode', fromEnv);
    if (!viaEnv) return { fimMode: value };
    const name = this.env.RILL_COMPLETION_FIM_MODE ? 'RILL_COMPLETION_FIM_MODE' : 'RILL_FIM_MODE';
    return { fimMode: value, fimModeFrom: `${name} (in the environment VS Code was started with; rill.completion.fimMode is not set)` };
  }

  /** The providers completion and chat use, completion's first (Set API Key… lists them first). */
  providersInUse(): ProviderKind[] {
    return [...new Set([this.endpoint('completion').provider, this.endpoint('chat').provider])];
  }

  /** The provider of the server the environment names (its RILL_*PROVIDER, else the default), or undefined when it names none. */
  private environmentProvider(role: EndpointRole): ProviderKind | undefined {
    if (!this.fromEnv(role, 'PROVIDER') && !this.fromEnv(role, 'BASE_URL') && !this.fromEnv(role, 'MODEL')) return undefined;
    return (this.fromEnv(role, 'PROVIDER') as ProviderKind | undefined) ?? this.defaultProvider(role);
  }

  /** The server the environment names for `role` (`npm run demo`'s model, RILL_BASE_URL), if any. */
  environmentServer(role: EndpointRole): { readonly provider: ProviderKind; readonly baseUrl: string | undefined } | undefined {
    const provider = this.environmentProvider(role);
    return provider === undefined ? undefined : { provider, baseUrl: this.fromEnv(role, 'BASE_URL') };
  }

  /**
   * Environment defaults, used by `npm run demo` and the test harness to point Rill at a server
   * without touching the user's settings: RILL_COMPLETION_BASE_URL, else RILL_BASE_URL, etc.
   */
  private fromEnv(role: EndpointRole, name: string): string | undefined {
    return this.env[`RILL_${role.toUpperCase()}_${name}`] || this.env[`RILL_${name}`] || undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function settingsChange(e: vscode.ConfigurationChangeEvent): SettingsChange {
  // The deadlines are part of both roles' providers.
  const deadlines = e.affectsConfiguration('rill.network.firstTokenTimeoutMs') || e.affectsConfiguration('rill.network.idleTimeoutMs');
  return {
    roles: ENDPOINT_ROLES.filter((role) => deadlines || e.affectsConfiguration(`rill.${role}`)),
    network: e.affectsConfiguration('rill.network.caCertificates'),
  };
}

/**
 * A user's value, where an empty text is none: clearing a field in the Settings editor stores "",
 * and its description promises the default (the environment's server, else the provider's URL).
 */
function ownValue<T>(value: T | undefined): T | undefined {
  return value === '' ? undefined : value;
}
