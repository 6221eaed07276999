// How Rill describes its chat models to VS Code (`vscode.lm`, the chat's model picker): the
// configured chat model first, then the others its server lists, each with what the server says
// about it and, where it says nothing, a default the tooltip owns up to. Pure: no vscode import.
import type { ModelDetails } from '../llm/modelDetails';
import type { ProviderKind } from '../llm/types';
import type { LanguageModelChatInformation } from './nativeApi';

export const NATIVE_VENDOR = 'rill';

/** The chat endpoint as far as the model list needs it. */
export interface NativeEndpoint {
  readonly provider: ProviderKind;
  /** Empty: the provider's official URL. */
  readonly baseUrl: string;
  readonly model: string;
  /** `rill.chat.maxTokens`: the longest answer Rill asks for. */
  readonly maxTokens: number;
  /** `rill.chat.toolCalling`: whether the server takes tools. */
  readonly toolCalling: boolean;
}

/** Context windows assumed when a server does not list one: the providers' current models, and a modest local one. */
const ASSUMED_CONTEXT: Record<ProviderKind, number> = {
  anthropic: 200_000,
  openai: 128_000,
  'openai-compatible': 32_768,
  llamacpp: 32_768,
};

const SERVER_LABELS: Record<ProviderKind, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  'openai-compatible': 'OpenAI-compatible server',
  llamacpp: 'llama.cpp server',
};

/** The models to offer: the configured one (listed or not), then the server's others in name order. */
export function nativeModels(endpoint: NativeEndpoint, listed: readonly ModelDetails[]): LanguageModelChatInformation[] {
  const byId = new Map<string, ModelDetails>();
  for (const model of listed) if (!byId.has(model.id)) byId.set(model.id, model);
  const configured = byId.get(endpoint.model) ?? { id: endpoint.model };
  const others = [...byId.values()].filter((m) => m.id !== endpoint.model).sort((a, b) => a.id.localeCompare(b.id));
  return [configured, ...others].map((model) => modelInfo(endpoint, model));
}

export function modelInfo(endpoint: NativeEndpoint, model: ModelDetails): LanguageModelChatInformation {
  const where = serverLabel(endpoint);
  const contextWindow = model.contextWindow ?? ASSUMED_CONTEXT[endpoint.provider];
  const maxOutputTokens = Math.min(endpoint.maxTokens, model.maxOutputTokens ?? endpoint.maxTokens, Math.floor(contextWindow / 2));
  const said = model.contextWindow === undefined ? `${count(contextWindow)} tokens of context assumed (the server does not say)` : `${count(contextWindow)} tokens of context`;
  const name = model.displayName ?? model.id;
  return {
    id: model.id,
    name,
    // Opaque to VS Code; the model's own name lets a caller recognise its family (claude-…, gpt-…).
    family: model.id,
    version: model.id,
    detail: `Rill · ${where}`,
    tooltip: `${name} on ${where}, through Rill: ${said}, answers up to ${count(maxOutputTokens)} tokens (rill.chat.maxTokens)${endpoint.toolCalling ? ', tool calling' : ''}. Text only.`,
    maxInputTokens: contextWindow - maxOutputTokens,
    maxOutputTokens,
    // Rill sends text only, so no image input; tools only where the user has not turned them off.
    capabilities: { imageInput: false, toolCalling: endpoint.toolCalling },
  };
}

/** "OpenAI", "Anthropic", or the server's host and port (never a path, query or credentials). */
export function serverLabel(endpoint: Pick<NativeEndpoint, 'provider' | 'baseUrl'>): string {
  if (!endpoint.baseUrl) return SERVER_LABELS[endpoint.provider];
  try {
    return new URL(endpoint.baseUrl).host || SERVER_LABELS[endpoint.provider];
  } catch {
    return SERVER_LABELS[endpoint.provider];
  }
}

function count(tokens: number): string {
  return tokens.toLocaleString('en-US');
}
