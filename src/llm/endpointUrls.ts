// Where a provider's endpoints are: the SDKs and the native endpoints want different roots.
// OpenAI-style paths hang under /v1; Anthropic's SDK, llama.cpp's /infill and /props, and
// Ollama's /api/* under the server root.
import type { ProviderKind } from './types';
import { redactUrl } from './urlRedaction';

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

/**
 * Why a configured base URL cannot be used, as a sentence that says how to fix it; undefined when
 * it can (or none is set). Without this, `htp://…` failed as "the connection was reset" and
 * `127.0.0.1:11434/v1` as "Invalid URL", neither naming the setting.
 */
export function baseUrlProblem(baseUrl: string | undefined): string | undefined {
  if (!baseUrl) return undefined;
  let protocol: string | undefined;
  try {
    protocol = new URL(baseUrl).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol === 'http:' || protocol === 'https:') return undefined;
  return (
    `The base URL "${redactUrl(baseUrl)}" is not an http:// or https:// address. ` +
    `Set rill.completion.baseUrl / rill.chat.baseUrl in your user settings to the server's whole URL, e.g. http://127.0.0.1:11434/v1.`
  );
}
