// Anthropic Messages through the official SDK. System messages travel in `system`; unknown event
// types are ignored, as the API asks. The events are read with the SDK's own SSE decoder but
// before its filtering, which drops events without a name: an OpenAI-style `data: {"error": …}`
// line (a gateway in front of Anthropic) would otherwise vanish and the answer look complete.
import type Anthropic from '@anthropic-ai/sdk';
import { Stream } from '@anthropic-ai/sdk/core/streaming';
import { type ContinueBy, messagesToSend } from './continuation';
import { assertEventStream } from './eventStreamCheck';
import { stopAsError, toFinishReason } from './finishReason';
import type { OpenStream } from './guardedStream';
import { emptyResponse, incompleteStream, isErrorDocument, isJsonBody, notStreamed, parseJsonBody, StreamErrorDocument } from './streamEnd';
import { ToolCallAssembler } from './toolCallAssembler';
import type { ChatMessage, ChatRequest, FinishReason, StreamEvent, ToolSpec } from './types';

export interface AnthropicOptions {
  readonly model: string;
  readonly who: string;
  readonly baseUrl: string;
  /** How a continuation is asked for: a trailing assistant message (default) or an instruction. */
  readonly continueBy?: ContinueBy;
}

const DEFAULT_MAX_TOKENS = 4096;

/** The request body, exactly as sent. */
export function anthropicBody(request: ChatRequest, model: string, continueBy: ContinueBy = 'prefill'): Anthropic.MessageCreateParamsStreaming {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
  const messages = messagesToSend(request, continueBy)
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
    const response = await client.messages.create(anthropicBody(request, o.model, o.continueBy), { signal }).asResponse();
    assertEventStream(response, o.who, o.baseUrl);
    if (isJsonBody(response)) return yield* completeAnswer(parseJsonBody(await response.text(), o.who), o);
    if (!response.body) throw emptyResponse(o.who, o.baseUrl);
    let finish: FinishReason | undefined;
    let inputTokens: number | undefined;
    let ended = false;
    let events = 0;
    /** Text was shown and a new text block started: the next text begins a new paragraph. */
    let separate = false;
    let shown = '';
    const toolCalls = new ToolCallAssembler(o.who);
    for await (const sse of Stream.rawEvents(response)) {
      events++;
      if (sse.event === 'ping') continue;
      if (sse.event === 'error') throw new StreamErrorDocument(parseData(sse.data) ?? sse.data);
      if (!sse.data) continue;
      const data = JSON.parse(sse.data) as unknown;
      if (sse.event === null) {
        if (isErrorDocument(data)) throw new StreamErrorDocument(data);
        continue;
      }
      const event = data as Anthropic.MessageStreamEvent;
      switch (event.type) {
        case 'message_start':
          inputTokens = event.message.usage?.input_tokens;
          break;
        case 'content_block_start':
          if (event.content_block.type === 'tool_use') yield toolCalls.piece(event.index, { id: event.content_block.id, name: event.content_block.name });
          // Blocks (text, tool use, text) are separate paragraphs, not one glued sentence.
          else if (event.content_block.type === 'text' && shown) separate = true;
          break;
        case 'content_block_delta':
          if (event.delta.type === 'text_delta' && event.delta.text) {
            const text = separate ? paragraphBreak(shown) + event.delta.text : event.delta.text;
            separate = false;
            shown = (shown + text).slice(-2);
            yield { type: 'text', text };
          } else if (event.delta.type === 'input_json_delta' && toolCalls.has(event.index)) yield toolCalls.piece(event.index, { json: event.delta.partial_json });
          // Extended thinking: not shown, but the model at work.
          else if (event.delta.type === 'thinking_delta' || event.delta.type === 'signature_delta') yield { type: 'reasoning' };
          break;
        case 'content_block_stop':
          yield* toolCalls.complete(event.index);
          break;
        case 'message_delta': {
          const stopped = stopAsError(event.delta.stop_reason, o.who);
          if (stopped) throw stopped;
          finish = toFinishReason(event.delta.stop_reason) ?? finish;
          yield { type: 'usage', inputTokens, outputTokens: event.usage?.output_tokens };
          break;
        }
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
    // A stop reason without `message_stop` still says the answer ended; nothing at all says it was cut.
    if (!finish) throw events === 0 ? emptyResponse(o.who, o.baseUrl) : incompleteStream(o.who);
    yield { type: 'end', finishReason: finish };
  };
}

/** What separates the text so far (its last two characters) from a new block's: a blank line. */
function paragraphBreak(tail: string): string {
  if (tail.endsWith('\n\n')) return '';
  return tail.endsWith('\n') ? '\n' : '\n\n';
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

/** A whole `message` document where a stream was asked for: its text blocks, then the error that says so. */
async function* completeAnswer(doc: unknown, o: AnthropicOptions): AsyncGenerator<StreamEvent> {
  if (doc === undefined) throw emptyResponse(o.who, o.baseUrl);
  if (isErrorDocument(doc)) throw new StreamErrorDocument(doc);
  const blocks = (doc as { content?: { type?: unknown; text?: unknown }[] }).content ?? [];
  const text = blocks
    .filter((b) => b.type === 'text' && typeof b.text === 'string' && b.text)
    .map((b) => b.text as string)
    .join('\n\n');
  if (text) yield { type: 'text', text };
  throw notStreamed(o.who);
}
