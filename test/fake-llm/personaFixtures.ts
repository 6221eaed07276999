// Servers as Rill meets them, for the auto-detection table (contract tests and the bench's closing
// note): Ollama base and instruct models with and without `insert`, llama.cpp with and without FIM
// tokens and with several slots, vLLM with a model whose family's FIM tokens are known, and servers
// that answer 404 or garbage to every question. Templates are shortened from Ollama's library.
import type { FakeReply } from './types';
import type { ServerPersona } from './personas';

/** Qwen2.5-Coder's Ollama template (base): FIM when .Suffix is set, else the plain prompt. */
const QWEN_BASE_TEMPLATE = '{{- if .Suffix }}<|fim_prefix|>{{ .Prompt }}<|fim_suffix|>{{ .Suffix }}<|fim_middle|>{{- else }}{{ .Prompt }}{{- end }}';
/** Qwen2.5-Coder instruct: the chat template with a .Suffix branch (Ollama lists `insert`). */
const QWEN_INSTRUCT_TEMPLATE = '{{- if .Suffix }}<|fim_prefix|>{{ .Prompt }}<|fim_suffix|>{{ .Suffix }}<|fim_middle|>{{- else if .Messages }}{{- range .Messages }}<|im_start|>{{ .Role }}\n{{ .Content }}<|im_end|>\n{{ end }}<|im_start|>assistant\n{{ end }}';
/** Llama 3.1 instruct: chat only. */
const LLAMA_CHAT_TEMPLATE = '{{- range .Messages }}<|start_header_id|>{{ .Role }}<|end_header_id|>\n\n{{ .Content }}<|eot_id|>{{ end }}<|start_header_id|>assistant<|end_header_id|>\n\n';
/** A GGUF imported with a Modelfile whose TEMPLATE is the bare prompt. */
const PLAIN_TEMPLATE = '{{ .Prompt }}';

export interface DetectionFixture {
  readonly name: string;
  readonly persona: ServerPersona;
  readonly provider: 'openai-compatible' | 'llamacpp';
  /** `/v1` under the server root (Ollama, vLLM), or the root (llama.cpp). */
  readonly path: '' | '/v1';
  readonly model: string;
  /** Answers the probe endpoints get instead of the persona's (404s, garbage). */
  readonly probeReply?: FakeReply;
  readonly expected: { readonly mode: 'infill' | 'completions' | 'template' | 'chat'; readonly source: 'server' | 'fixed-rule'; readonly fits: boolean };
  /** Where the FIM request then goes, as the fake records it. */
  readonly endpoint: 'llamacpp-infill' | 'openai-completions' | 'openai-chat';
}

const ollama = (name: string, card: NonNullable<ServerPersona['ollama']>[string], model: string): ServerPersona => ({ name, ollama: { [model]: card } });

export const DETECTION_FIXTURES: readonly DetectionFixture[] = [
  {
    name: 'Ollama, base code model with insert',
    persona: ollama('ollama', { capabilities: ['completion', 'insert'], template: QWEN_BASE_TEMPLATE, family: 'qwen2' }, 'qwen2.5-coder:1.5b-base'),
    provider: 'openai-compatible', path: '/v1', model: 'qwen2.5-coder:1.5b-base',
    expected: { mode: 'completions', source: 'server', fits: true }, endpoint: 'openai-completions',
  },
  {
    name: 'Ollama, instruct code model with insert',
    persona: ollama('ollama', { capabilities: ['completion', 'tools', 'insert'], template: QWEN_INSTRUCT_TEMPLATE, family: 'qwen2', parameterSize: '7.6B' }, 'qwen2.5-coder:7b'),
    provider: 'openai-compatible', path: '/v1', model: 'qwen2.5-coder:7b',
    expected: { mode: 'completions', source: 'server', fits: true }, endpoint: 'openai-completions',
  },
  {
    name: 'Ollama, instruct model without insert',
    persona: ollama('ollama', { capabilities: ['completion', 'tools'], template: LLAMA_CHAT_TEMPLATE, family: 'llama', parameterSize: '8.0B' }, 'llama3.1:8b'),
    provider: 'openai-compatible', path: '/v1', model: 'llama3.1:8b',
    expected: { mode: 'chat', source: 'server', fits: true }, endpoint: 'openai-chat',
  },
  {
    name: 'Ollama, base model without insert, known FIM family',
    persona: ollama('ollama', { capabilities: ['completion'], template: PLAIN_TEMPLATE, family: 'starcoder2', parameterSize: '3B' }, 'my-starcoder2:3b'),
    provider: 'openai-compatible', path: '/v1', model: 'my-starcoder2:3b',
    expected: { mode: 'template', source: 'server', fits: true }, endpoint: 'openai-completions',
  },
  {
    name: 'Ollama, base model without insert, unknown family',
    persona: ollama('ollama', { capabilities: ['completion'], template: PLAIN_TEMPLATE, family: 'phi2', parameterSize: '2.7B' }, 'phi-2:base'),
    provider: 'openai-compatible', path: '/v1', model: 'phi-2:base',
    expected: { mode: 'chat', source: 'server', fits: false }, endpoint: 'openai-chat',
  },
  {
    name: 'Ollama before 0.6 (no capabilities), FIM template',
    persona: ollama('ollama-old', { template: QWEN_BASE_TEMPLATE, family: 'qwen2' }, 'qwen2.5-coder:1.5b-base'),
    provider: 'openai-compatible', path: '/v1', model: 'qwen2.5-coder:1.5b-base',
    expected: { mode: 'completions', source: 'server', fits: true }, endpoint: 'openai-completions',
  },
  {
    name: 'llama.cpp, model with FIM tokens, 1 slot',
    persona: { name: 'llamacpp', llamacpp: { modelPath: '/models/qwen2.5-coder-1.5b-q8_0.gguf', totalSlots: 1, contextTokens: 8192, fimTokens: true } },
    provider: 'llamacpp', path: '', model: 'local',
    expected: { mode: 'infill', source: 'server', fits: true }, endpoint: 'llamacpp-infill',
  },
  {
    name: 'llama.cpp, model with FIM tokens, 4 slots, set up as OpenAI-compatible',
    persona: { name: 'llamacpp', llamacpp: { modelPath: '/models/qwen2.5-coder-7b-q4_k_m.gguf', totalSlots: 4, contextTokens: 16384, fimTokens: true } },
    provider: 'openai-compatible', path: '/v1', model: 'qwen2.5-coder-7b',
    expected: { mode: 'infill', source: 'server', fits: true }, endpoint: 'llamacpp-infill',
  },
  {
    name: 'llama.cpp, chat model without FIM tokens',
    persona: { name: 'llamacpp', llamacpp: { modelPath: '/models/llama-3.1-8b-instruct-q4_k_m.gguf', totalSlots: 1, contextTokens: 8192, fimTokens: false } },
    provider: 'llamacpp', path: '', model: 'local',
    expected: { mode: 'chat', source: 'server', fits: true }, endpoint: 'openai-chat',
  },
  {
    name: 'vLLM, raw model of a known FIM family',
    persona: { name: 'vllm', owner: 'vllm', suffix: false },
    provider: 'openai-compatible', path: '/v1', model: 'Qwen/Qwen2.5-Coder-1.5B',
    expected: { mode: 'template', source: 'server', fits: true }, endpoint: 'openai-completions',
  },
  {
    name: 'vLLM, instruct model of an unknown family',
    persona: { name: 'vllm', owner: 'vllm', suffix: false },
    provider: 'openai-compatible', path: '/v1', model: 'meta-llama/Llama-3.1-8B-Instruct',
    expected: { mode: 'chat', source: 'server', fits: true }, endpoint: 'openai-chat',
  },
  {
    name: 'vLLM, base model of an unknown family',
    persona: { name: 'vllm', owner: 'vllm', suffix: false },
    provider: 'openai-compatible', path: '/v1', model: 'microsoft/phi-2',
    expected: { mode: 'chat', source: 'server', fits: false }, endpoint: 'openai-chat',
  },
  {
    name: 'OpenAI-compatible server that only lists models',
    persona: { name: 'lm-studio', owner: 'organization_owner' },
    provider: 'openai-compatible', path: '/v1', model: 'qwen2.5-coder-1.5b',
    expected: { mode: 'completions', source: 'fixed-rule', fits: true }, endpoint: 'openai-completions',
  },
  {
    name: 'Server answering 404 to every question',
    persona: { name: 'generic' },
    provider: 'openai-compatible', path: '/v1', model: 'coder',
    probeReply: { status: 404, body: 'Not Found' },
    expected: { mode: 'completions', source: 'fixed-rule', fits: true }, endpoint: 'openai-completions',
  },
  {
    name: 'Server answering garbage (200, not JSON)',
    persona: { name: 'generic' },
    provider: 'llamacpp', path: '', model: 'local',
    probeReply: { status: 200, body: '<html>hello</html>', headers: { 'content-type': 'text/html' } },
    expected: { mode: 'infill', source: 'fixed-rule', fits: true }, endpoint: 'llamacpp-infill',
  },
];
