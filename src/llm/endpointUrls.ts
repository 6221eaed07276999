// Where a provider's endpoints are: the SDKs and the native endpoints want different roots.
// OpenAI-style paths hang under /v1; Anthropic's SDK, llama.cpp's /infill and /props, and
// Ollama's /api/* under the server root.
import type { ProviderKind } from './types';

export const OFFICIAL_URL: Record<ProviderKind, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  'openai-compatible': 'http://127.0.0.1:11434/v1',
  llamacpp: 'http://127.0.0.1:8080',
};

export interface EndpointUrls {
  /** The configured URL without a trailing slash (the official one when none is set). */
  readonly base: string;
  /** The server root: `base` without a trailing /v1. */
  readonly root: string;
  /** Where OpenAI-style paths live: `base` when it ends in /vN, else `base`/v1. */
  readonly openAiBase: string;
}

export function endpointUrls(provider: ProviderKind, baseUrl: string | undefined): EndpointUrls {
  const base = (baseUrl || OFFICIAL_URL[provider]).replace(/\/+$/, '');
  return { base, root: base.replace(/\/v1$/, ''), openAiBase: /\/v\d+$/.test(base) ? base : `${base}/v1` };
}
