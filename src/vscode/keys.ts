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
  /** The value this window last stored (undefined: cleared) per provider, so its own change is announced once. */
  private readonly written = new Map<ProviderKind, string | undefined>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscription = secrets.onDidChange((e) => void this.storageChanged(e.key));
  }

  async get(provider: ProviderKind): Promise<string | undefined> {
    const stored = await this.secrets.get(secretName(provider));
    if (stored) return stored;
    const variable = ENV_FALLBACK[provider];
    return variable ? this.env[variable] || undefined : undefined;
  }

  /** Whether a key for `provider` is in SecretStorage (the environment's does not count). */
  async isStored(provider: ProviderKind): Promise<boolean> {
    return (await this.secrets.get(secretName(provider))) !== undefined;
  }

  async set(provider: ProviderKind, key: string): Promise<void> {
    this.written.set(provider, key);
    await this.secrets.store(secretName(provider), key);
    this.changed.fire(provider);
  }

  async clear(provider: ProviderKind): Promise<void> {
    this.written.set(provider, undefined);
    await this.secrets.delete(secretName(provider));
    this.changed.fire(provider);
  }

  /**
   * A stored secret changed. Another window set or cleared a key: the providers built with the old
   * one must not go on sending it (or none). This window's own change was announced by set/clear.
   */
  private async storageChanged(name: string): Promise<void> {
    const provider = (Object.keys(PROVIDER_LABELS) as ProviderKind[]).find((p) => secretName(p) === name);
    if (!provider) return;
    let value: string | undefined;
    try {
      value = await this.secrets.get(name);
    } catch {
      // Unreadable now: the providers read it again when they are rebuilt.
      this.changed.fire(provider);
      return;
    }
    if (this.written.has(provider) && this.written.get(provider) === value) return;
    this.written.set(provider, value);
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

/** The SecretStorage key a provider's API key is stored under. */
export function secretName(provider: ProviderKind): string {
  return `rill.apiKey.${provider}`;
}
