// API keys live in SecretStorage only; environment variables are the fallback. SecretStorage is
// shared by every window: a key set or cleared in another window is announced here too.
import * as vscode from 'vscode';
import type { ProviderKind } from '../llm/types';

const ENV_FALLBACK: Partial<Record<ProviderKind, string>> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  'openai-compatible': 'RILL_API_KEY',
  llamacpp: 'RILL_API_KEY',
};

export const PROVIDER_LABELS: Record<ProviderKind, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  'openai-compatible': 'OpenAI-compatible server',
  llamacpp: 'llama.cpp server',
};

export class KeyStore {
  private readonly changed = new vscode.EventEmitter<ProviderKind>();
  /** Fires when a provider's stored key changed, in this window or in another one. */
  readonly onDidChange = this.changed.event;
  /** The value this window last stored (undefined: cleared) per secret name, so its own change is announced once. */
  private readonly written = new Map<string, string | undefined>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscription = secrets.onDidChange((e) => void this.storageChanged(e.key));
  }

  async get(provider: ProviderKind): Promise<string | undefined> {
    return (await this.lookup(provider)).key;
  }

  /** The key and whether it is the stored one (else the environment's), in one read. */
  async lookup(provider: ProviderKind): Promise<{ readonly key: string | undefined; readonly stored: boolean }> {
    const stored = await this.secrets.get(secretName(provider));
    if (stored) return { key: stored, stored: true };
    const variable = ENV_FALLBACK[provider];
    return { key: variable ? this.env[variable] || undefined : undefined, stored: false };
  }

  /** Whether a key for `provider` is in SecretStorage (the environment's does not count). */
  isStored(provider: ProviderKind): Promise<boolean> {
    return this.has(secretName(provider));
  }

  set(provider: ProviderKind, key: string): Promise<void> {
    return this.write(provider, secretName(provider), key);
  }

  clear(provider: ProviderKind): Promise<void> {
    return this.write(provider, secretName(provider), undefined);
  }

  /** The gateway's own key stored for `provider`'s servers (see llm/keyPlacement.ts); no environment fallback. */
  async getGateway(provider: ProviderKind): Promise<string | undefined> {
    return (await this.secrets.get(gatewaySecretName(provider))) || undefined;
  }

  /** Whether a gateway key for `provider`'s servers is in SecretStorage. */
  isGatewayStored(provider: ProviderKind): Promise<boolean> {
    return this.has(gatewaySecretName(provider));
  }

  setGateway(provider: ProviderKind, key: string): Promise<void> {
    return this.write(provider, gatewaySecretName(provider), key);
  }

  clearGateway(provider: ProviderKind): Promise<void> {
    return this.write(provider, gatewaySecretName(provider), undefined);
  }

  private async has(name: string): Promise<boolean> {
    return (await this.secrets.get(name)) !== undefined;
  }

  /** Stores (or, undefined, deletes) the secret `name` of `provider`, and announces it once. */
  private async write(provider: ProviderKind, name: string, value: string | undefined): Promise<void> {
    this.written.set(name, value);
    await (value === undefined ? this.secrets.delete(name) : this.secrets.store(name, value));
    this.changed.fire(provider);
  }

  /**
   * A stored secret changed. Another window set or cleared a key: the providers built with the old
   * one must not go on sending it (or none). This window's own change was announced by set/clear.
   */
  private async storageChanged(name: string): Promise<void> {
    const provider = (Object.keys(PROVIDER_LABELS) as ProviderKind[]).find((p) => secretName(p) === name || gatewaySecretName(p) === name);
    if (!provider) return;
    let value: string | undefined;
    try {
      value = await this.secrets.get(name);
    } catch {
      // Unreadable now: the providers read it again when they are rebuilt.
      this.changed.fire(provider);
      return;
    }
    if (this.written.has(name) && this.written.get(name) === value) return;
    this.written.set(name, value);
    this.changed.fire(provider);
  }

  /** Where the key for a provider comes from, for messages ("set it with Rill: Set API Key…"). */
  envVariable(provider: ProviderKind): string | undefined {
    return ENV_FALLBACK[provider];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The SecretStorage key the gateway key for a provider's servers is stored under. */
export function gatewaySecretName(provider: ProviderKind): string {
  return `rill.gatewayKey.${provider}`;
}

/** The SecretStorage key a provider's API key is stored under. */
export function secretName(provider: ProviderKind): string {
  return `rill.apiKey.${provider}`;
}
