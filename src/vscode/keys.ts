// API keys live in SecretStorage only; environment variables are the fallback.
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
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

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
    await this.secrets.store(secretName(provider), key);
    this.changed.fire(provider);
  }

  async clear(provider: ProviderKind): Promise<void> {
    await this.secrets.delete(secretName(provider));
    this.changed.fire(provider);
  }

  /** Where the key for a provider comes from, for messages ("set it with Rill: Set API Key…"). */
  envVariable(provider: ProviderKind): string | undefined {
    return ENV_FALLBACK[provider];
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The SecretStorage key a provider's API key is stored under. */
export function secretName(provider: ProviderKind): string {
  return `rill.apiKey.${provider}`;
}
