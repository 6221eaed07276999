// Finds a local model server on its default port: Ollama (11434), llama.cpp's server (8080), LM
// Studio's server (1234) and vLLM (8000), asked for their models with a short timeout. No vscode
// import: it runs anywhere with a fetch.
import type { ProviderKind } from './types';

export type LocalServerKind = 'ollama' | 'llamacpp' | 'lmstudio' | 'vllm';

export interface LocalServerCandidate {
  readonly kind: LocalServerKind;
  /** Server root, no trailing slash, e.g. http://127.0.0.1:11434. */
  readonly url: string;
}

export interface LocalServer extends LocalServerCandidate {
  readonly models: readonly string[];
}

export const LOCAL_SERVERS: readonly LocalServerCandidate[] = [
  { kind: 'ollama', url: 'http://127.0.0.1:11434' },
  { kind: 'llamacpp', url: 'http://127.0.0.1:8080' },
  { kind: 'lmstudio', url: 'http://127.0.0.1:1234' },
  { kind: 'vllm', url: 'http://127.0.0.1:8000' },
];

export const LOCAL_SERVER_LABELS: Record<LocalServerKind, string> = { ollama: 'Ollama', llamacpp: 'llama.cpp server', lmstudio: 'LM Studio', vllm: 'vLLM' };

const PROBE_TIMEOUT_MS = 1500;

/** The candidates that answer, in the order given. Never rejects. */
export async function probeLocalServers(
  candidates: readonly LocalServerCandidate[] = LOCAL_SERVERS,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<LocalServer[]> {
  const found = await Promise.all(candidates.map((c) => probe(c, fetchImpl, timeoutMs)));
  return found.filter((s): s is LocalServer => s !== undefined);
}

async function probe(candidate: LocalServerCandidate, fetchImpl: typeof fetch, timeoutMs: number): Promise<LocalServer | undefined> {
  // Ollama lists its models at /api/tags; llama.cpp's server (and Ollama too) at /v1/models, and
  // LM Studio and vLLM only there. Ports 1234 and 8000 are also common for other servers (a web
  // app in development): there only an OpenAI model list counts as found.
  const openAiOnly = candidate.kind === 'lmstudio' || candidate.kind === 'vllm';
  const paths = candidate.kind === 'ollama' ? ['/api/tags', '/v1/models'] : openAiOnly ? ['/v1/models'] : ['/v1/models', '/health'];
  for (const path of paths) {
    try {
      const response = await fetchImpl(`${candidate.url}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) {
        await response.body?.cancel();
        continue;
      }
      const body: unknown = await response.json().catch(() => undefined);
      if (openAiOnly && !Array.isArray((body as { data?: unknown } | undefined)?.data)) continue;
      return { ...candidate, models: modelIds(body) };
    } catch {
      // Nothing listening, or too slow: try the next path, then give up on this server.
    }
  }
  return undefined;
}

/** Model ids from an Ollama /api/tags or an OpenAI-style /v1/models body. */
export function modelIds(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const list = (body as { models?: unknown; data?: unknown }).models ?? (body as { data?: unknown }).data;
  if (!Array.isArray(list)) return [];
  return list
    .map((m: unknown) => (typeof m === 'object' && m !== null ? ((m as { name?: unknown; id?: unknown }).name ?? (m as { id?: unknown }).id) : undefined))
    .filter((id): id is string => typeof id === 'string' && id.trim() !== '');
}

export interface EndpointChoice {
  readonly provider: ProviderKind;
  readonly baseUrl: string;
  readonly model: string | undefined;
}

/** Settings for each role on a found server: models that look made for code go to completion. */
export function endpointsFor(server: LocalServer, current: { completion: string; chat: string }): { completion: EndpointChoice; chat: EndpointChoice } {
  // The configured model when the server has it, else the first model matching the first
  // preference that any matches, else the server's first.
  const pick = (configured: string, preferences: readonly ((model: string) => boolean)[]): string | undefined =>
    server.models.includes(configured)
      ? configured
      : (preferences.map((prefer) => server.models.find(prefer)).find((m) => m !== undefined) ?? server.models[0]);
  const completionModel = pick(current.completion, [(m) => /code|coder|starcoder|fim|base/i.test(m)]);
  // A base (completion-only) model is no chat model, even when its family is.
  const chatModel = pick(current.chat, [(m) => /instruct|chat/i.test(m), (m) => /coder|llama|qwen|mistral|gemma|phi/i.test(m) && !/\bbase\b|fim/i.test(m)]);
  if (server.kind !== 'llamacpp') {
    // Ollama, LM Studio and vLLM: their OpenAI-compatible API for both.
    const baseUrl = `${server.url}/v1`;
    return {
      completion: { provider: 'openai-compatible', baseUrl, model: completionModel },
      chat: { provider: 'openai-compatible', baseUrl, model: chatModel },
    };
  }
  // llama.cpp serves one model: /infill for completion, its OpenAI-compatible API for chat.
  return {
    completion: { provider: 'llamacpp', baseUrl: server.url, model: completionModel },
    chat: { provider: 'openai-compatible', baseUrl: `${server.url}/v1`, model: chatModel },
  };
}
