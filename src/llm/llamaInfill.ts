// llama.cpp server's `/infill`: streamed fill-in-the-middle with the server's own FIM template,
// prompt caching, indentation and time limits. Spoken through fetch and an SSE parser (no SDK
// covers this endpoint).
import { type ErrorContext, fromStatus, fromStreamError } from './errorMapping';
import { assertEventStream } from './eventStreamCheck';
import { toFinishReason } from './finishReason';
import type { OpenStream } from './guardedStream';
import { sseEvents } from './sseEvents';
import { emptyResponse, incompleteStream, isErrorDocument, isJsonBody, notStreamed, parseJsonBody } from './streamEnd';
import type { FimRequest, FinishReason, StreamEvent, WarmUpOutcome } from './types';

export interface InfillOptions {
  /** The server's root, e.g. http://127.0.0.1:8080 (no /v1). */
  readonly serverUrl: string;
  readonly apiKey?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly fetch: typeof fetch;
  readonly ctx: ErrorContext;
  /** `id_slot`: pins requests to one slot of a server with several, so consecutive prompts meet their cache. */
  readonly slot?: number;
}

interface InfillChunk {
  content?: string;
  stop?: boolean;
  stop_type?: string;
  tokens_predicted?: number;
  tokens_evaluated?: number;
  /** Newer servers: cache_n = prompt tokens reused from the slot's cache, prompt_n = evaluated anew. */
  timings?: { cache_n?: number; prompt_n?: number };
  error?: { message?: string; type?: string };
}

/** The usage event of a final /infill chunk: prompt tokens in all, output tokens, and how many came from the cache. */
export function infillUsage(chunk: InfillChunk): Extract<StreamEvent, { type: 'usage' }> {
  const total = chunk.tokens_evaluated;
  const t = chunk.timings;
  const cached = typeof t?.cache_n === 'number' ? t.cache_n : typeof t?.prompt_n === 'number' && total !== undefined ? Math.max(0, total - t.prompt_n) : undefined;
  return { type: 'usage', inputTokens: total, outputTokens: chunk.tokens_predicted, ...(cached === undefined ? {} : { cachedInputTokens: cached }) };
}

/** The request body, exactly as sent. */
export function infillBody(request: FimRequest, slot?: number): Record<string, unknown> {
  return {
    ...(slot === undefined ? {} : { id_slot: slot }),
    input_prefix: request.prefix,
    input_suffix: request.suffix,
    input_extra: (request.snippets ?? []).map((s) => ({ filename: s.path, text: s.text })),
    prompt: '',
    stream: true,
    cache_prompt: true,
    ...(request.maxTokens === undefined ? {} : { n_predict: request.maxTokens }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.indent === undefined ? {} : { n_indent: request.indent }),
    ...(request.maxPredictMs === undefined ? {} : { t_max_predict_ms: request.maxPredictMs }),
    ...(request.stop?.length ? { stop: [...request.stop] } : {}),
  };
}

function headers(o: InfillOptions, accept: string): Record<string, string> {
  return { 'content-type': 'application/json', accept, ...o.headers, ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) };
}

/** The warm-up body: the same prompt, nothing generated (the server evaluates and caches it). */
export function infillWarmUpBody(request: FimRequest, slot?: number): Record<string, unknown> {
  return { ...infillBody(request, slot), n_predict: 0, stream: false };
}

/** Has the server read `request` into its cache: n_predict 0, no text back. */
export async function llamaInfillWarmUp(request: FimRequest, o: InfillOptions, signal: AbortSignal): Promise<WarmUpOutcome> {
  try {
    const response = await o.fetch(`${o.serverUrl}/infill`, { method: 'POST', headers: headers(o, 'application/json'), body: JSON.stringify(infillWarmUpBody(request, o.slot)), signal });
    await response.arrayBuffer();
    return response.ok ? 'read' : 'failed';
  } catch {
    return signal.aborted ? 'aborted' : 'failed';
  }
}

export function llamaInfillStream(request: FimRequest, o: InfillOptions): OpenStream {
  return async function* (signal) {
    const body = infillBody(request, o.slot);
    const response = await o.fetch(`${o.serverUrl}/infill`, {
      method: 'POST',
      headers: headers(o, 'text/event-stream'),
      body: JSON.stringify(body),
      signal,
    });
    if (!response.ok) throw fromStatus(response.status, await response.text().catch(() => ''), response.headers, o.ctx);
    assertEventStream(response, o.ctx.who, o.serverUrl);
    if (isJsonBody(response)) return yield* completeAnswer(parseJsonBody(await response.text(), o.ctx.who), o);
    if (!response.body) throw emptyResponse(o.ctx.who, o.serverUrl);
    let finish: FinishReason | undefined;
    let events = 0;
    for await (const event of sseEvents(response.body)) {
      events++;
      if (event.data === '[DONE]' || finish) continue;
      const chunk = JSON.parse(event.data) as InfillChunk;
      // llama.cpp's own {"error": …}, or an error event in another server's shape.
      if (event.event === 'error' || isErrorDocument(chunk)) throw fromStreamError(chunk, o.ctx);
      if (chunk.content) yield { type: 'text', text: chunk.content };
      if (chunk.stop) {
        finish = toFinishReason(chunk.stop_type) ?? 'stop';
        yield infillUsage(chunk);
        yield { type: 'end', finishReason: finish };
      }
    }
    if (signal.aborted || finish) return;
    // No `stop: true` event: the body just stopped, and the suggestion with it.
    throw events === 0 ? emptyResponse(o.ctx.who, o.serverUrl) : incompleteStream(o.ctx.who);
  };
}

/** llama.cpp's complete answer (the final object with the whole `content`) where a stream was asked for. */
async function* completeAnswer(doc: unknown, o: InfillOptions): AsyncGenerator<StreamEvent> {
  if (doc === undefined) throw emptyResponse(o.ctx.who, o.serverUrl);
  const chunk = doc as InfillChunk;
  if (isErrorDocument(chunk)) throw fromStreamError(chunk, o.ctx);
  if (typeof chunk.content === 'string' && chunk.content) yield { type: 'text', text: chunk.content };
  throw notStreamed(o.ctx.who);
}
