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
  /** The configured URL without its query, a trailing slash or a pasted endpoint path (the official one when none is set). */
  readonly base: string;
  /** The server root: `base` without a trailing /v1. */
  readonly root: string;
  /** Where OpenAI-style paths live: `base` when it ends in /vN or is an Azure deployment's, else `base`/v1. */
  readonly openAiBase: string;
  /** The base URL's query (Azure's `api-version`), sent with every request. */
  readonly query: Readonly<Record<string, string>>;
}

/** An Azure OpenAI deployment's classic URL (`…/openai/deployments/NAME`): OpenAI's paths hang right under it. */
const AZURE_DEPLOYMENT = /\/openai\/deployments\/[^/]+$/;

/**
 * The api-version a classic Azure deployment URL gets when the base URL names none (Azure refuses
 * a request without one); a base URL's own `?api-version=` wins.
 */
export const AZURE_API_VERSION = '2024-10-21';

/** An endpoint pasted as the base URL (as Azure's portal and gateways' docs show it): Rill appends these itself. */
const PASTED_ENDPOINT = /\/(?:chat\/completions|completions|messages|models)$/;

export function endpointUrls(provider: ProviderKind, baseUrl: string | undefined): EndpointUrls {
  const configured = baseUrl || OFFICIAL_URL[provider];
  const queryAt = configured.search(/[?#]/);
  const base = (queryAt < 0 ? configured : configured.slice(0, queryAt)).replace(/\/+$/, '').replace(PASTED_ENDPOINT, '');
  const query: Record<string, string> = queryAt < 0 ? {} : Object.fromEntries(new URLSearchParams(configured.slice(queryAt).replace(/^\?/, '').replace(/#.*$/, '')));
  const azureDeployment = AZURE_DEPLOYMENT.test(base);
  if (azureDeployment && !query['api-version']) query['api-version'] = AZURE_API_VERSION;
  return { base, root: base.replace(/\/v1$/, ''), openAiBase: /\/v\d+$/.test(base) || azureDeployment ? base : `${base}/v1`, query };
}

/** The deployment a classic Azure deployment URL names (undefined for any other URL). */
export function azureDeploymentOf(url: string): string | undefined {
  const name = /\/openai\/deployments\/([^/?#]+)/.exec(url)?.[1];
  return name === undefined ? undefined : decodeURIComponent(name);
}

/** Azure OpenAI (and Azure AI Foundry) hosts, which take the key in an `api-key` header. */
export function isAzureHost(url: string): boolean {
  try {
    return /\.(?:openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/i.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Azure OpenAI as a model server: an Azure host, or a classic deployment URL on any host (an API
 * gateway in front of Azure keeps its paths). Neither is a local server worth probing, and its
 * /completions serves only older models.
 */
export function isAzureEndpoint(url: string): boolean {
  return isAzureHost(url) || azureDeploymentOf(url) !== undefined;
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
