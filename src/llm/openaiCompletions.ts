// Fill-in-the-middle through OpenAI-compatible `/v1/completions`: with `suffix` (Ollama, vLLM,
// DeepSeek's beta endpoint), where the server applies the model's FIM template; or, given a
// template, as one raw prompt with the family's FIM tokens (servers that apply none themselves).
import type OpenAI from 'openai';
import { assertEventStream } from './eventStreamCheck';
import { toFinishReason } from './finishReason';
import type { FimTemplate } from './fimTemplates';
import type { OpenStream } from './guardedStream';
import { snippetsAsComments } from './snippetComments';
import type { FimRequest, FinishReason } from './types';

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

export function openAiCompletionsStream(client: OpenAI, request: FimRequest, o: CompletionsOptions): OpenStream {
  return async function* (signal) {
    const { data: stream, response } = await client.completions.create(completionsBody(request, o.model, o.template), { signal }).withResponse();
    assertEventStream(response, o.who, o.baseUrl);
    let finish: FinishReason | undefined;
    let ended = false;
    for await (const chunk of stream) {
      const choice = chunk.choices?.[0];
      if (choice?.text) yield { type: 'text', text: choice.text };
      finish = toFinishReason(choice?.finish_reason) ?? finish;
      if (chunk.usage) {
        yield { type: 'usage', inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
        if (finish && !ended) {
          ended = true;
          yield { type: 'end', finishReason: finish };
        }
      }
    }
    if (signal.aborted || ended) return;
    yield { type: 'end', finishReason: finish ?? 'other' };
  };
}
