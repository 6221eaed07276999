// OpenAI chat completions (and every OpenAI-compatible server) through the official SDK.
import type OpenAI from 'openai';
import { assertEventStream } from './eventStreamCheck';
import { toFinishReason } from './finishReason';
import type { OpenStream } from './guardedStream';
import type { ChatRequest, FinishReason } from './types';

export interface OpenAiChatOptions {
  readonly model: string;
  /** OpenAI's own API wants `max_completion_tokens`; compatible servers want `max_tokens`. */
  readonly officialApi: boolean;
  readonly who: string;
  readonly baseUrl: string;
}

/** The request body, exactly as sent. */
export function openAiChatBody(request: ChatRequest, o: Pick<OpenAiChatOptions, 'model' | 'officialApi'>): OpenAI.ChatCompletionCreateParamsStreaming {
  const limit = request.maxTokens === undefined ? {} : o.officialApi ? { max_completion_tokens: request.maxTokens } : { max_tokens: request.maxTokens };
  return {
    model: o.model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    stream: true,
    stream_options: { include_usage: true },
    ...limit,
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.stop?.length ? { stop: [...request.stop] } : {}),
  };
}

export function openAiChatStream(client: OpenAI, request: ChatRequest, o: OpenAiChatOptions): OpenStream {
  return async function* (signal) {
    const { data: stream, response } = await client.chat.completions.create(openAiChatBody(request, o), { signal }).withResponse();
    assertEventStream(response, o.who, o.baseUrl);
    let finish: FinishReason | undefined;
    let ended = false;
    for await (const chunk of stream) {
      // Azure sends a first chunk with empty `choices`; the usage chunk has `choices: []` too.
      const choice = chunk.choices?.[0];
      const text = choice?.delta?.content;
      if (text) yield { type: 'text', text };
      finish = toFinishReason(choice?.finish_reason) ?? finish;
      if (chunk.usage) {
        yield { type: 'usage', inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
        // Finish reason and usage both known: the answer is complete even if [DONE] never comes.
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
