// Fill-in-the-middle through OpenAI-compatible `/v1/completions`: with `suffix` (Ollama, vLLM,
// DeepSeek's beta endpoint), where the server applies the model's FIM template; or, given a
// template, as one raw prompt with the family's FIM tokens (servers that apply none themselves).
import type OpenAI from 'openai';
import { assertEventStream } from './eventStreamCheck';
import { toFinishReason } from './finishReason';
import type { FimTemplate } from './fimTemplates';
import type { OpenStream } from './guardedStream';
import { snippetsAsComments } from './snippetComments';
import { emptyResponse, incompleteStream, isErrorDocument, isJsonBody, notStreamed, parseJsonBody, StreamErrorDocument } from './streamEnd';
import type { FimRequest, FinishReason, StreamEvent, WarmUpOutcome } from './types';

export interface CompletionsOptions {
  readonly model: string;
  readonly who: string;
  readonly baseUrl: string;
  /** Send a raw prompt rendered by this template (no `suffix`). */
  readonly template?: FimTemplate;
}

/** The request body, exactly as sent. */
export function completionsBody(request: FimRequest, model: string, template?: FimTemplate): OpenAI.CompletionCreateParamsStreaming {
  const stop = [...(template?.stop ?? []), ...(request.stop ?? [])];
  return {
    model,
    prompt: template ? template.render(request) : snippetsAsComments(request.snippets, request.language) + request.prefix,
    ...(template ? {} : { suffix: request.suffix }),
    stream: true,
    stream_options: { include_usage: true },
    ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(stop.length ? { stop } : {}),
  };
}

/** The warm-up body: the same prompt, one token, not streamed (Ollama reads a max_tokens of 0 as "no limit"). */
export function completionsWarmUpBody(request: FimRequest, model: string, template?: FimTemplate): OpenAI.CompletionCreateParamsNonStreaming {
  const { stream: _stream, stream_options: _options, ...body } = completionsBody(request, model, template);
  return { ...body, max_tokens: 1, stream: false };
}

/** Has the server read `request` into its cache, generating one token at most. */
export async function openAiCompletionsWarmUp(client: OpenAI, request: FimRequest, o: CompletionsOptions, signal: AbortSignal): Promise<WarmUpOutcome> {
  try {
    await client.completions.create(completionsWarmUpBody(request, o.model, o.template), { signal });
    return 'read';
  } catch {
    return signal.aborted ? 'aborted' : 'failed';
  }
}

/** Prompt tokens reused from the server's cache: OpenAI's cached_tokens, or llama.cpp's timings.cache_n. */
function cachedTokens(chunk: { usage?: { prompt_tokens_details?: { cached_tokens?: number } } | null; timings?: { cache_n?: number } }): number | undefined {
  return chunk.usage?.prompt_tokens_details?.cached_tokens ?? chunk.timings?.cache_n;
}

export function openAiCompletionsStream(client: OpenAI, request: FimRequest, o: CompletionsOptions): OpenStream {
  return async function* (signal) {
    const { data: stream, response } = await client.completions.create(completionsBody(request, o.model, o.template), { signal }).withResponse();
    assertEventStream(response, o.who, o.baseUrl);
    if (isJsonBody(response)) return yield* completeAnswer(parseJsonBody(await response.text(), o.who), o);
    let finish: FinishReason | undefined;
    let ended = false;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      if (!Array.isArray(chunk.choices) && isErrorDocument(chunk)) throw new StreamErrorDocument(chunk);
      const choice = chunk.choices?.[0];
      if (choice?.text) yield { type: 'text', text: choice.text };
      finish = toFinishReason(choice?.finish_reason) ?? finish;
      if (chunk.usage) {
        const cached = cachedTokens(chunk as typeof chunk & { timings?: { cache_n?: number } });
        yield { type: 'usage', inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens, ...(cached === undefined ? {} : { cachedInputTokens: cached }) };
        if (finish && !ended) {
          ended = true;
          yield { type: 'end', finishReason: finish };
        }
      }
    }
    if (signal.aborted || ended) return;
    // Without a finish reason the body just stopped: a cut suggestion is not a suggestion.
    if (!finish) throw chunks === 0 ? emptyResponse(o.who, o.baseUrl) : incompleteStream(o.who);
    yield { type: 'end', finishReason: finish };
  };
}

/** A whole `text_completion` document where a stream was asked for: its text, then the error that says so. */
async function* completeAnswer(doc: unknown, o: CompletionsOptions): AsyncGenerator<StreamEvent> {
  if (doc === undefined) throw emptyResponse(o.who, o.baseUrl);
  if (isErrorDocument(doc)) throw new StreamErrorDocument(doc);
  const text = (doc as { choices?: { text?: unknown }[] }).choices?.[0]?.text;
  if (typeof text === 'string' && text) yield { type: 'text', text };
  throw notStreamed(o.who);
}
