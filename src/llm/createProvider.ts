// Builds the LlmProvider for one endpoint: picks the wire protocol for each kind of request and
// wraps every stream with deadlines, abort and bounded retries.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { anthropicBody, anthropicStream } from './anthropicMessages';
import { type ErrorContext, toLlmError } from './errorMapping';
import { LlmError } from './errors';
import { FIM_FAMILIES, fimTemplateFor } from './fimTemplates';
import { type OpenStream } from './guardedStream';
import { holeFillingRequest, withoutFences } from './holeFilling';
import { infillBody, llamaInfillStream } from './llamaInfill';
import { openAiChatBody, openAiChatStream } from './openaiChat';
import { completionsBody, openAiCompletionsStream } from './openaiCompletions';
import { retryingStream } from './retryingStream';
import { type ModelDetails, modelDetailsOf } from './modelDetails';
import { maskRequest } from './secretMask';
import type { ChatRequest, EndpointConfig, FimMode, LlmProvider, LlmRequest, ProviderKind, StreamEvent, WireRequest } from './types';

const OFFICIAL_URL: Record<ProviderKind, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  'openai-compatible': 'http://127.0.0.1:11434/v1',
  llamacpp: 'http://127.0.0.1:8080',
};

const KEY_LABEL: Record<ProviderKind, [string, string | undefined]> = {
  openai: ['OpenAI', 'OPENAI_API_KEY'],
  anthropic: ['Anthropic', 'ANTHROPIC_API_KEY'],
  'openai-compatible': ['OpenAI-compatible server', 'RILL_API_KEY'],
  llamacpp: ['llama.cpp server', 'RILL_API_KEY'],
};

const DEFAULT_MAX_RETRY_WAIT_MS = 20_000;

/** The FIM protocol actually used for a provider and a `fimMode` setting. */
export function resolveFimMode(provider: ProviderKind, mode: FimMode | undefined): Exclude<FimMode, 'auto'> {
  if (mode && mode !== 'auto') return mode;
  if (provider === 'llamacpp') return 'infill';
  if (provider === 'openai-compatible') return 'completions';
  return 'chat';
}

export function createProvider(config: EndpointConfig): LlmProvider {
  const base = trimSlash(config.baseUrl || OFFICIAL_URL[config.provider]);
  // The SDKs and /infill want different roots: OpenAI-style paths hang under /v1,
  // Anthropic's SDK and llama.cpp's /infill under the server root.
  const root = base.replace(/\/v1$/, '');
  const openAiBase = /\/v\d+$/.test(base) ? base : `${base}/v1`;
  const fetchImpl = config.fetch ?? globalThis.fetch;
  const [keyLabel, keyEnv] = KEY_LABEL[config.provider];
  const who =
    config.provider === 'openai' ? 'OpenAI' : config.provider === 'anthropic' && !config.baseUrl ? 'Anthropic' : `the server at ${base}`;
  const ctx: ErrorContext = { who, model: config.model, baseUrl: base, keyLabel, keyEnv, hasKey: !!config.apiKey, secret: config.apiKey };
  const fimMode = resolveFimMode(config.provider, config.fimMode);
  const sdkOptions = {
    // Local servers need no key, but the SDKs insist on one.
    apiKey: config.apiKey || 'no-key',
    maxRetries: 0,
    // The SDK timeout covers only the wait for headers; our own deadlines fire first.
    timeout: config.firstTokenTimeoutMs + 5_000,
    defaultHeaders: { ...config.headers },
    fetch: fetchImpl,
    logLevel: 'off' as const,
  };

  let openai: OpenAI | undefined;
  let anthropic: Anthropic | undefined;
  const openAiClient = () => (openai ??= new OpenAI({ ...sdkOptions, baseURL: openAiBase }));
  const anthropicClient = () => (anthropic ??= new Anthropic({ ...sdkOptions, baseURL: root }));

  const template = fimMode === 'template' ? fimTemplateFor(config.model, config.fimTemplate) : undefined;
  const noTemplate: OpenStream = async function* () {
    throw new LlmError(
      'bad-request',
      `No fill-in-the-middle template is known for the model "${config.model}". Set rill.completion.fimTemplate to its family (${FIM_FAMILIES.join(', ')}), or rill.completion.fimMode to "completions" if the server applies the template itself.`,
    );
  };
  const chatUrl = config.provider === 'anthropic' ? `${root}/v1/messages` : `${openAiBase}/chat/completions`;
  const chatBody = (request: ChatRequest) =>
    config.provider === 'anthropic' ? anthropicBody(request, config.model) : openAiChatBody(request, { model: config.model, officialApi: config.provider === 'openai' });

  const chatStream = (request: ChatRequest): OpenStream =>
    config.provider === 'anthropic'
      ? anthropicStream(anthropicClient(), request, { model: config.model, who, baseUrl: base })
      : openAiChatStream(openAiClient(), request, { model: config.model, officialApi: config.provider === 'openai', who, baseUrl: base });

  const run = (open: OpenStream, signal: AbortSignal, fim: boolean) =>
    retryingStream(
      open,
      signal,
      { firstTokenTimeoutMs: config.firstTokenTimeoutMs, idleTimeoutMs: config.idleTimeoutMs },
      // Completion never retries: ghost text that waits for a retry is ghost text nobody wants.
      { maxRetries: fim ? 0 : config.maxRetries, maxRetryWaitMs: config.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS },
      { ...ctx, fim },
    );

  return {
    label: `${config.provider} · ${config.model}`,
    model: config.model,
    stream(unmasked: LlmRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
      const request = maskRequest(unmasked);
      if (request.kind === 'chat') return run(chatStream(request), signal, false);
      switch (fimMode) {
        case 'infill':
          return run(llamaInfillStream(request, { serverUrl: root, apiKey: config.apiKey, headers: config.headers, fetch: fetchImpl, ctx }), signal, true);
        case 'completions':
        case 'template':
          if (fimMode === 'template' && !template) return run(noTemplate, signal, true);
          return run(openAiCompletionsStream(openAiClient(), request, { model: config.model, who, baseUrl: base, template }), signal, true);
        case 'chat':
          return withoutFences(run(chatStream(holeFillingRequest(request)), signal, true));
      }
    },
    describe(unmasked: LlmRequest): WireRequest {
      const request = maskRequest(unmasked);
      if (request.kind === 'chat') return { url: chatUrl, body: chatBody(request) };
      switch (fimMode) {
        case 'infill':
          return { url: `${root}/infill`, body: infillBody(request) };
        case 'completions':
        case 'template':
          return { url: `${openAiBase}/completions`, body: completionsBody(request, config.model, template) };
        case 'chat':
          return { url: chatUrl, body: chatBody(holeFillingRequest(request)) };
      }
    },
    async listModels(signal?: AbortSignal): Promise<string[]> {
      return (await listModelDetails(signal)).map((m) => m.id);
    },
    listModelDetails,
  };

  async function listModelDetails(signal?: AbortSignal): Promise<ModelDetails[]> {
    const details = (entries: readonly unknown[]) => entries.map(modelDetailsOf).filter((m): m is ModelDetails => m !== undefined);
    try {
      // The SDKs keep the fields they do not know (context windows), so the entries are read as data.
      if (config.provider === 'anthropic') return details((await anthropicClient().models.list({}, { signal })).data);
      return details((await openAiClient().models.list({ signal })).data);
    } catch (error) {
      if (config.provider === 'anthropic') throw toLlmError(error, ctx);
      // Ollama lists its models at /api/tags too; older builds only there.
      const tags = await fetchImpl(`${root}/api/tags`, { signal }).catch(() => undefined);
      if (tags?.ok) {
        const body = (await tags.json()) as { models?: unknown[] };
        return details(body.models ?? []);
      }
      throw toLlmError(error, ctx);
    }
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
