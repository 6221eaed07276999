// The wire formats the fault catalogue is played over: which provider settings point Rill at the
// fake server in that format, what the server records such a request as, and where the cursor's
// prefix sits in its body (completion replies are routed by prefix).
import type { EndpointKind, RecordedRequest } from '../fake-llm/server';

export type ChatWireId = 'openai-chat' | 'anthropic';
export type CompletionWireId = 'completions' | 'infill' | 'template';

export interface ChatWire {
  readonly id: ChatWireId;
  /** In test titles. */
  readonly label: string;
  readonly provider: 'openai-compatible' | 'anthropic';
  /** The base URL a user would set for a server at `serverUrl` (no trailing slash, no /v1). */
  baseUrl(serverUrl: string): string;
  /** How the fake server records a generation request in this format. */
  readonly endpoint: EndpointKind;
}

export interface CompletionWire {
  readonly id: CompletionWireId;
  readonly label: string;
  readonly provider: 'openai-compatible' | 'llamacpp';
  /** Settings under `rill.completion.` besides provider and base URL. */
  readonly settings: Readonly<Record<string, unknown>>;
  baseUrl(serverUrl: string): string;
  readonly endpoint: EndpointKind;
  /** The text before the cursor as this request carries it, or undefined. */
  prefixOf(request: RecordedRequest): string | undefined;
}

const field = (request: RecordedRequest, name: string): string | undefined => {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
};

export const CHAT_WIRES: Readonly<Record<ChatWireId, ChatWire>> = {
  'openai-chat': {
    id: 'openai-chat',
    label: 'OpenAI chat completions',
    provider: 'openai-compatible',
    baseUrl: (url) => `${url}/v1`,
    endpoint: 'openai-chat',
  },
  anthropic: {
    id: 'anthropic',
    label: 'Anthropic Messages',
    provider: 'anthropic',
    // As a user sets Anthropic's own (https://api.anthropic.com): the server root.
    baseUrl: (url) => url,
    endpoint: 'anthropic-messages',
  },
};

/** Qwen's FIM tokens (rill.completion.fimTemplate 'qwen'): <|fim_prefix|>PREFIX<|fim_suffix|>SUFFIX<|fim_middle|>. */
const QWEN_PREFIX = /<\|fim_prefix\|>([\s\S]*)<\|fim_suffix\|>/;

export const COMPLETION_WIRES: Readonly<Record<CompletionWireId, CompletionWire>> = {
  completions: {
    id: 'completions',
    label: 'OpenAI completions (prompt + suffix)',
    provider: 'openai-compatible',
    settings: { fimMode: 'completions' },
    baseUrl: (url) => `${url}/v1`,
    endpoint: 'openai-completions',
    prefixOf: (r) => field(r, 'prompt'),
  },
  infill: {
    id: 'infill',
    label: 'llama.cpp /infill',
    provider: 'llamacpp',
    settings: { fimMode: 'infill' },
    baseUrl: (url) => url,
    endpoint: 'llamacpp-infill',
    prefixOf: (r) => field(r, 'input_prefix'),
  },
  template: {
    id: 'template',
    label: 'raw FIM template (Qwen tokens) on /v1/completions',
    provider: 'openai-compatible',
    settings: { fimMode: 'template', fimTemplate: 'qwen' },
    baseUrl: (url) => `${url}/v1`,
    endpoint: 'openai-completions',
    prefixOf: (r) => QWEN_PREFIX.exec(field(r, 'prompt') ?? '')?.[1],
  },
};
