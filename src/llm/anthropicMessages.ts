// Anthropic Messages through the official SDK. System messages travel in `system`; unknown event
// types are ignored, as the API asks.
import type Anthropic from '@anthropic-ai/sdk';
import { assertEventStream } from './eventStreamCheck';
import { toFinishReason } from './finishReason';
import type { OpenStream } from './guardedStream';
import { ToolCallAssembler } from './toolCallAssembler';
import type { ChatMessage, ChatRequest, FinishReason, ToolSpec } from './types';

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
    .map((m) => ({ role: m.role as 'user' | 'assistant', content: anthropicContent(m) }));
  return {
    model,
    max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages,
    stream: true,
    ...(system ? { system } : {}),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.stop?.length ? { stop_sequences: [...request.stop] } : {}),
    ...(request.tools?.length ? { tools: request.tools.map(anthropicTool), ...(request.toolChoice === 'required' ? { tool_choice: { type: 'any' as const } } : {}) } : {}),
  };
}

/** Plain text stays a string; tool results go first in a user turn, tool calls after an assistant's text. */
function anthropicContent(m: ChatMessage): string | Anthropic.ContentBlockParam[] {
  if (!m.toolCalls?.length && !m.toolResults?.length) return m.content;
  const results = (m.toolResults ?? []).map((r): Anthropic.ToolResultBlockParam => ({ type: 'tool_result', tool_use_id: r.callId, content: r.content, ...(r.isError ? { is_error: true } : {}) }));
  const text: Anthropic.TextBlockParam[] = m.content ? [{ type: 'text', text: m.content }] : [];
  const calls = (m.toolCalls ?? []).map((c): Anthropic.ToolUseBlockParam => ({ type: 'tool_use', id: c.id, name: c.name, input: c.input }));
  return [...results, ...text, ...calls];
}

function anthropicTool(tool: ToolSpec): Anthropic.Tool {
  // The Messages API requires a schema; a tool without one takes no input.
  const schema = tool.inputSchema ?? { type: 'object', properties: {} };
  return { name: tool.name, description: tool.description, input_schema: { ...schema, type: 'object' } };
}

export function anthropicStream(client: Anthropic, request: ChatRequest, o: AnthropicOptions): OpenStream {
  return async function* (signal) {
    const { data: stream, response } = await client.messages.create(anthropicBody(request, o.model), { signal }).withResponse();
    assertEventStream(response, o.who, o.baseUrl);
    let finish: FinishReason | undefined;
    let inputTokens: number | undefined;
    let ended = false;
    const toolCalls = new ToolCallAssembler(o.who);
    for await (const event of stream) {
      switch (event.type) {
        case 'message_start':
          inputTokens = event.message.usage?.input_tokens;
          break;
        case 'content_block_start':
          if (event.content_block.type === 'tool_use') yield toolCalls.piece(event.index, { id: event.content_block.id, name: event.content_block.name });
          break;
        case 'content_block_delta':
          if (event.delta.type === 'text_delta' && event.delta.text) yield { type: 'text', text: event.delta.text };
          else if (event.delta.type === 'input_json_delta' && toolCalls.has(event.index)) yield toolCalls.piece(event.index, { json: event.delta.partial_json });
          break;
        case 'content_block_stop':
          yield* toolCalls.complete(event.index);
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
