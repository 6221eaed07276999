// Anthropic Messages through the official SDK. System messages travel in `system`; unknown event
// types are ignored, as the API asks.
import type Anthropic from '@anthropic-ai/sdk';
import { assertEventStream } from './eventStreamCheck';
import { toFinishReason } from './finishReason';
import type { OpenStream } from './guardedStream';
import type { ChatRequest, FinishReason } from './types';

export interface AnthropicOptions {
  readonly model: string;
  readonly who: string;
  readonly baseUrl: string;
}

const DEFAULT_MAX_TOKENS = 4096;

/** The request body, exactly as sent. */
export function anthropicBody(request: ChatRequest, model: string): Anthropic.MessageCreateParamsStreaming {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
  const messages = request.messages
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));
  return {
    model,
    max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages,
    stream: true,
    ...(system ? { system } : {}),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.stop?.length ? { stop_sequences: [...request.stop] } : {}),
  };
}

export function anthropicStream(client: Anthropic, request: ChatRequest, o: AnthropicOptions): OpenStream {
  return async function* (signal) {
    const { data: stream, response } = await client.messages.create(anthropicBody(request, o.model), { signal }).withResponse();
    assertEventStream(response, o.who, o.baseUrl);
    let finish: FinishReason | undefined;
    let inputTokens: number | undefined;
    let ended = false;
    for await (const event of stream) {
      switch (event.type) {
        case 'message_start':
          inputTokens = event.message.usage?.input_tokens;
          break;
        case 'content_block_delta':
          if (event.delta.type === 'text_delta' && event.delta.text) yield { type: 'text', text: event.delta.text };
          break;
        case 'message_delta':
          finish = toFinishReason(event.delta.stop_reason) ?? finish;
          yield { type: 'usage', inputTokens, outputTokens: event.usage?.output_tokens };
          break;
        case 'message_stop':
          if (!ended) {
            ended = true;
            yield { type: 'end', finishReason: finish ?? 'other' };
          }
          break;
        default:
          break;
      }
    }
    if (signal.aborted || ended) return;
    yield { type: 'end', finishReason: finish ?? 'other' };
  };
}
