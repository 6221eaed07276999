// The openai SDK keeps only the `error` key of an error body. Gateways and OpenAI-compatible
// servers often answer in other shapes: FastAPI's {"detail": …}, a top-level {"message": …}, vLLM's
// {"object": "error", "message": …}. The SDK then reports "403 status code (no body)" and the
// server's words (which parameter, which model, which limit) never reach the user. This fetch
// wrapper hands such a body to the SDK under an `error` key, unchanged otherwise.

/** `fetch` whose error responses carry any JSON object body where the openai SDK reads it. */
export function keepErrorBodies(fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.ok || !/json/i.test(response.headers.get('content-type') ?? '')) return response;
    const text = await response.clone().text().catch(() => '');
    const body = parse(text);
    if (typeof body !== 'object' || body === null || Array.isArray(body) || 'error' in body) return response;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(JSON.stringify({ error: body }), { status: response.status, statusText: response.statusText, headers });
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
