// OpenAI's wire format, as the official SDK parses it: request fields the demo server reads and
// the JSON bodies and stream chunks it sends back (`/v1/completions`, `/v1/chat/completions`,
// `/v1/models`).

export type FinishReason = 'stop' | 'length';

export interface Usage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

/** The fields of a completions or chat request that the demo model uses. */
export interface ParsedRequest {
  readonly model: string | undefined;
  readonly stream: boolean;
  readonly includeUsage: boolean;
  readonly maxTokens: number | undefined;
  readonly stop: readonly string[];
}

export interface CompletionRequest extends ParsedRequest {
  readonly prompt: string;
  readonly suffix: string;
}

export interface ChatRequest extends ParsedRequest {
  /** The text of the last user message. */
  readonly question: string;
  /** Characters of all messages, for the usage report. */
  readonly promptText: string;
}

/** A request the server refuses, with the message OpenAI's API would give. */
export class BadRequest extends Error {
  constructor(
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

export function parseCompletionRequest(body: unknown): CompletionRequest {
  const o = object(body);
  const prompt = o.prompt;
  const text = typeof prompt === 'string' ? prompt : Array.isArray(prompt) && typeof prompt[0] === 'string' ? prompt[0] : undefined;
  if (text === undefined) throw new BadRequest('`prompt` must be a string.', 'prompt');
  return { ...common(o), prompt: text, suffix: optionalString(o, 'suffix') ?? '' };
}

export function parseChatRequest(body: unknown): ChatRequest {
  const o = object(body);
  if (!Array.isArray(o.messages) || o.messages.length === 0) throw new BadRequest('`messages` must be a non-empty array.', 'messages');
  const messages = o.messages.map((m) => object(m));
  const texts = messages.map((m) => contentText(m.content));
  const lastUser = messages.map((m) => m.role).lastIndexOf('user');
  return {
    ...common(o),
    maxTokens: optionalNumber(o, 'max_completion_tokens') ?? optionalNumber(o, 'max_tokens'),
    question: lastUser >= 0 ? texts[lastUser] : '',
    promptText: texts.join('\n'),
  };
}

function common(o: Json): ParsedRequest {
  const stop = o.stop;
  return {
    model: optionalString(o, 'model'),
    stream: o.stream === true,
    includeUsage: typeof o.stream_options === 'object' && o.stream_options !== null && (o.stream_options as Json).include_usage === true,
    maxTokens: optionalNumber(o, 'max_tokens'),
    stop: typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop.filter((s): s is string => typeof s === 'string') : [],
  };
}

/** A message's `content`: a string, or an array of parts of which the text parts count. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (typeof part === 'object' && part !== null && typeof (part as Json).text === 'string' ? ((part as Json).text as string) : ''))
    .join('');
}

function object(value: unknown): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadRequest('The request body must be a JSON object.');
  return value as Json;
}

function optionalString(o: Json, key: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new BadRequest(`\`${key}\` must be a string.`, key);
  return v;
}

function optionalNumber(o: Json, key: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new BadRequest(`\`${key}\` must be a positive integer.`, key);
  return v;
}

/** Identity of one response: every chunk of a stream carries the same id, model and time. */
export interface ResponseHead {
  readonly id: string;
  readonly created: number;
  readonly model: string;
}

export function completionChunk(head: ResponseHead, text: string, finish: FinishReason | null): Json {
  return { id: head.id, object: 'text_completion', created: head.created, model: head.model, choices: [{ text, index: 0, logprobs: null, finish_reason: finish }] };
}

export function chatChunk(head: ResponseHead, delta: Json, finish: FinishReason | null): Json {
  return {
    id: head.id,
    object: 'chat.completion.chunk',
    created: head.created,
    model: head.model,
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  };
}

/** The last chunk of a stream asked with `stream_options.include_usage`: no choices, only usage. */
export function usageChunk(head: ResponseHead, object: 'text_completion' | 'chat.completion.chunk', usage: Usage): Json {
  return { id: head.id, object, created: head.created, model: head.model, choices: [], usage };
}

export function completionBody(head: ResponseHead, text: string, finish: FinishReason, usage: Usage): Json {
  return { ...completionChunk(head, text, finish), usage };
}

export function chatBody(head: ResponseHead, text: string, finish: FinishReason, usage: Usage): Json {
  return {
    id: head.id,
    object: 'chat.completion',
    created: head.created,
    model: head.model,
    system_fingerprint: null,
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: finish }],
    usage,
  };
}

export function modelObject(id: string, created: number): Json {
  return { id, object: 'model', created, owned_by: 'rill-demo' };
}

export function errorBody(message: string, type: string, param: string | null = null, code: string | null = null): Json {
  return { error: { message, type, param, code } };
}

export function usage(promptTokens: number, completionTokens: number): Usage {
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}
