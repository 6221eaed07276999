// The adapters under contract test, each pointed at the fake LLM server the way a user would
// configure Rill for that kind of server.
import { createProvider } from '../../src/llm/createProvider';
import type { EndpointConfig, LlmProvider, LlmRequest } from '../../src/llm/types';

export interface AdapterCase {
  readonly name: string;
  /** Which wire dialect the fake server answers with for this adapter. */
  readonly dialect: 'openai-chat' | 'openai-completions' | 'anthropic' | 'infill';
  readonly request: LlmRequest;
  make(url: string, overrides?: Partial<EndpointConfig>): LlmProvider;
}

export const TEST_KEY = 'sk-rill-contract-test-key-0123456789abcdef';

const base = { maxRetries: 0, firstTokenTimeoutMs: 2000, idleTimeoutMs: 2000, apiKey: TEST_KEY };
const chat: LlmRequest = { kind: 'chat', messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hello' }], maxTokens: 100 };
const fim: LlmRequest = { kind: 'fim', prefix: 'function add(a, b) {\n  ', suffix: '\n}\n', path: 'a.ts', language: 'typescript', snippets: [{ path: 'b.ts', text: 'export const x = 1;' }], maxTokens: 64, indent: 2, maxPredictMs: 500 };

export const ADAPTERS: readonly AdapterCase[] = [
  {
    name: 'OpenAI chat (openai SDK)',
    dialect: 'openai-chat',
    request: chat,
    make: (url, o) => createProvider({ ...base, provider: 'openai-compatible', baseUrl: `${url}/v1`, model: 'gpt-test', ...o }),
  },
  {
    name: 'FIM /v1/completions (openai SDK)',
    dialect: 'openai-completions',
    request: fim,
    make: (url, o) => createProvider({ ...base, provider: 'openai-compatible', baseUrl: `${url}/v1`, model: 'coder-test', fimMode: 'completions', ...o }),
  },
  {
    name: 'FIM raw prompt from the model family\'s template (openai SDK)',
    dialect: 'openai-completions',
    request: fim,
    make: (url, o) => createProvider({ ...base, provider: 'openai-compatible', baseUrl: `${url}/v1`, model: 'qwen2.5-coder-test', fimMode: 'template', ...o }),
  },
  {
    name: 'llama.cpp /infill (fetch + SSE parser)',
    dialect: 'infill',
    request: fim,
    make: (url, o) => createProvider({ ...base, provider: 'llamacpp', baseUrl: url, model: 'local', ...o }),
  },
  {
    name: 'Anthropic Messages (@anthropic-ai/sdk)',
    dialect: 'anthropic',
    request: chat,
    make: (url, o) => createProvider({ ...base, provider: 'anthropic', baseUrl: url, model: 'claude-test', ...o }),
  },
  {
    name: 'FIM through a chat model (hole-filling prompt)',
    dialect: 'openai-chat',
    request: fim,
    make: (url, o) => createProvider({ ...base, provider: 'openai-compatible', baseUrl: `${url}/v1`, model: 'chat-test', fimMode: 'chat', ...o }),
  },
  {
    // What a user with provider `anthropic` gets for completion: fimMode `auto` resolves to the
    // hole-filling prompt over Anthropic Messages (no fimMode set, as in the default settings).
    name: 'FIM through Anthropic (hole-filling prompt)',
    dialect: 'anthropic',
    request: fim,
    make: (url, o) => createProvider({ ...base, provider: 'anthropic', baseUrl: url, model: 'claude-test', ...o }),
  },
];
