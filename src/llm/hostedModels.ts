// The models a hosted provider starts with when the user switches to it. A model name belongs to its
// server: the schema's defaults are Ollama's, which OpenAI and Anthropic answer with a 404 on every
// request, so switching to one of them must bring models it serves.
import type { ProviderKind } from './types';

export type HostedProvider = Extract<ProviderKind, 'openai' | 'anthropic'>;
export type ModelRole = 'completion' | 'chat';

/** Fast enough for ghost text on completion, a stronger one for chat where the provider has both. */
export const HOSTED_MODELS: Readonly<Record<HostedProvider, Readonly<Record<ModelRole, string>>>> = {
  openai: { completion: 'gpt-4o-mini', chat: 'gpt-4o-mini' },
  anthropic: { completion: 'claude-haiku-5-5', chat: 'claude-sonnet-5-5' },
};

/** What a role is configured with before the switch. */
export interface RoleBeforeSwitch {
  readonly provider: ProviderKind;
  readonly model: string;
  /** Whether `model` is only the settings' default (no one chose it). */
  readonly modelIsDefault: boolean;
}

/**
 * The model to write when a role moves to `to`, or undefined to keep the one it has: a model the
 * user chose on that same provider stays; any other (another server's, or the default) is replaced.
 */
export function modelAfterSwitch(role: ModelRole, to: HostedProvider, before: RoleBeforeSwitch): string | undefined {
  if (before.provider === to && !before.modelIsDefault) return undefined;
  return HOSTED_MODELS[to][role];
}
