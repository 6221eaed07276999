// OpenAI chat completions (and every OpenAI-compatible server) through the official SDK.
import type OpenAI from 'openai';
import { type ContinueBy, messagesToSend, prefillFlags } from './continuation';
import { assertEventStream } from './eventStreamCheck';
import { stopAsError, toFinishReason } from './finishReason';
import type { OpenStream } from './guardedStream';
import type { WireParameters } from './parameterAdaptation';
import { emptyResponse, incompleteStream, isErrorDocument, isJsonBody, notStreamed, parseJsonBody, StreamErrorDocument } from './streamEnd';
import { ToolCallAssembler } from './toolCallAssembler';
import type { ChatMessage, ChatRequest, FinishReason, StreamEvent, ToolSpec } from './types';

export interface OpenAiChatOptions {
  readonly model: string;
  /** OpenAI's own API wants `max_completion_tokens`; compatible servers want `max_tokens`. */
  readonly officialApi: boolean;
  readonly who: string;
  readonly baseUrl: string;
  /** How a continuation is asked for; default: an instruction on OpenAI's own API, else a prefill. */
  readonly continueBy?: ContinueBy;
  /** The optional parameters as this model takes them (see parameterAdaptation.ts); default from `officialApi`. */
  readonly parameters?: WireParameters;
  /** The SDK's wait for the response headers, when not the client's own. */
  readonly headersTimeoutMs?: number;
}

/** vLLM's chat-template flags travel in the body next to OpenAI's own parameters. */
type ChatBody = OpenAI.ChatCompletionCreateParamsStreaming & { continue_final_message?: boolean; add_generation_prompt?: boolean };

/** The request body, exactly as sent. */
export function openAiChatBody(request: ChatRequest, o: Pick<OpenAiChatOptions, 'model' | 'officialApi' | 'continueBy' | 'parameters'>): ChatBody {
  const parameters = o.parameters ?? defaultParameters(o.officialApi);
  const limit = request.maxTokens === undefined ? {} : { [parameters.maxTokensField]: request.maxTokens };
  const by = o.continueBy ?? (o.officialApi ? 'instruction' : 'prefill');
  return {
    model: o.model,
    messages: messagesToSend(request, by).flatMap(openAiMessages),
    ...prefillFlags(request, by),
    stream: true,
    stream_options: { include_usage: true },
    ...limit,
    ...(request.tools?.length ? { tools: request.tools.map(openAiTool), ...(request.toolChoice === 'required' ? { tool_choice: 'required' as const } : {}) } : {}),
    ...(request.temperature === undefined || parameters.omitTemperature ? {} : { temperature: request.temperature }),
    ...(request.stop?.length && !parameters.omitStop ? { stop: [...request.stop] } : {}),
  };
}

/** OpenAI's own API wants `max_completion_tokens`; compatible servers want `max_tokens` until one refuses it. */
export function defaultParameters(officialApi: boolean): WireParameters {
  return { omitTemperature: false, maxTokensField: officialApi ? 'max_completion_tokens' : 'max_tokens' };
}

export function openAiChatStream(client: OpenAI, request: ChatRequest, o: OpenAiChatOptions): OpenStream {
  return async function* (signal) {
    const options = o.headersTimeoutMs === undefined ? { signal } : { signal, timeout: o.headersTimeoutMs };
    const { data: stream, response } = await client.chat.completions.create(openAiChatBody(request, o), options).withResponse();
    assertEventStream(response, o.who, o.baseUrl);
    if (isJsonBody(response)) return yield* completeAnswer(parseJsonBody(await response.text(), o.who), o);
    let finish: FinishReason | undefined;
    let ended = false;
    let chunks = 0;
    const toolCalls = new ToolCallAssembler(o.who);
    for await (const chunk of stream) {
      chunks++;
      // An error event without an `error` key (vLLM's {"object":"error",…}) passes the SDK's check.
      if (!Array.isArray(chunk.choices) && isErrorDocument(chunk)) throw new StreamErrorDocument(chunk);
      // Azure sends a first chunk with empty `choices`; the usage chunk has `choices: []` too.
      const choice = chunk.choices?.[0];
      // A model that declines says so in `refusal` instead of `content`: its words are the answer.
      const text = choice?.delta?.content ?? choice?.delta?.refusal;
      if (text) yield { type: 'text', text };
      else if (isReasoning(choice?.delta)) yield { type: 'reasoning' };
      // Calls arrive one after another by `index`; a call is whole once the next one starts.
      for (const piece of choice?.delta?.tool_calls ?? []) {
        yield* toolCalls.completeBefore(piece.index);
        yield toolCalls.piece(piece.index, { id: piece.id, name: piece.function?.name, json: piece.function?.arguments });
      }
      const stopped = stopAsError(choice?.finish_reason, o.who);
      if (stopped) throw stopped;
      if (choice?.finish_reason) yield* toolCalls.completeAll();
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
    // Without a finish reason the body just stopped: the answer was cut, whatever arrived.
    if (!finish) throw chunks === 0 ? emptyResponse(o.who, o.baseUrl) : incompleteStream(o.who);
    yield* toolCalls.completeAll();
    yield { type: 'end', finishReason: finish };
  };
}

/** A delta carrying reasoning: DeepSeek's and vLLM's `reasoning_content`, OpenRouter's `reasoning`. */
function isReasoning(delta: object | undefined): boolean {
  const { reasoning_content: content, reasoning } = (delta ?? {}) as { reasoning_content?: unknown; reasoning?: unknown };
  return (typeof content === 'string' && content !== '') || (typeof reasoning === 'string' && reasoning !== '');
}

/** A whole `chat.completion` document where a stream was asked for: its text, then the error that says so. */
async function* completeAnswer(doc: unknown, o: OpenAiChatOptions): AsyncGenerator<StreamEvent> {
  if (doc === undefined) throw emptyResponse(o.who, o.baseUrl);
  if (isErrorDocument(doc)) throw new StreamErrorDocument(doc);
  const choice = (doc as { choices?: { message?: { content?: unknown; refusal?: unknown } }[] }).choices?.[0];
  const text = choice?.message?.content ?? choice?.message?.refusal;
  if (typeof text === 'string' && text) yield { type: 'text', text };
  throw notStreamed(o.who);
}

/** One of our messages on the wire: tool results travel as `tool` messages before the user's text. */
function openAiMessages(m: ChatMessage): OpenAI.ChatCompletionMessageParam[] {
  if (m.role === 'assistant' && m.toolCalls?.length) {
    const calls = m.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: JSON.stringify(c.input) } }));
    return [{ role: 'assistant', content: m.content || null, tool_calls: calls }];
  }
  if (m.role === 'user' && m.toolResults?.length) {
    const results = m.toolResults.map((r): OpenAI.ChatCompletionToolMessageParam => ({ role: 'tool', tool_call_id: r.callId, content: r.content }));
    return m.content ? [...results, { role: 'user', content: m.content }] : results;
  }
  return [{ role: m.role, content: m.content }];
}

function openAiTool(tool: ToolSpec): OpenAI.ChatCompletionTool {
  return { type: 'function', function: { name: tool.name, description: tool.description, ...(tool.inputSchema ? { parameters: { ...tool.inputSchema } } : {}) } };
}
