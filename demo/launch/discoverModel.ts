// For RILL_BASE_URL without RILL_MODEL: ask the server which models it has (`GET /v1/models`,
// which Ollama, vLLM, LM Studio and llama.cpp all answer) and use the first, rather than a
// default name the server may not know.

export async function firstServedModel(baseUrl: string, apiKey: string | undefined, timeoutMs = 3000): Promise<string | undefined> {
  const base = baseUrl.replace(/\/+$/, '');
  const url = /\/v\d+$/.test(base) ? `${base}/models` : `${base}/v1/models`;
  try {
    const response = await fetch(url, {
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { data?: { id?: unknown }[] };
    const id = body.data?.find((m) => typeof m.id === 'string')?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined; // not reachable or not OpenAI-shaped: Rill's settings default stays
  }
}
