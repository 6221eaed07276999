// Turns a FakeReply and the request into the Generation a dialect renders: which tokens, for
// which model, with which ids and usage. Pure, so the rules are easy to read in one place.

import { continuationPrefix, continuedTokens } from './continuation';
import { asObject, type RequestInfo } from './requestInfo';
import { splitTokens } from './tokenize';
import type { Generation } from './dialects/dialect';
import type { EndpointKind, FakeReply } from './types';
import type { FakeFinish } from './types';

export const DEFAULT_TEXT = 'Hello from the fake LLM. This answer was streamed one token at a time.';

/** Size of the single token `giant-line` inserts. */
export const GIANT_TOKEN_BYTES = 1024 * 1024;

export interface PlannedGeneration {
  readonly gen: Generation;
  /** The finish reason if nothing cuts the stream short at run time. */
  readonly finishReason: FakeFinish;
  /** True when finishReason came from the reply and must not be changed (t_max_predict_ms). */
  readonly finishFixed: boolean;
}

const ID_PREFIX: Record<string, string> = {
  'openai-chat': 'chatcmpl-fake',
  'openai-completions': 'cmpl-fake',
  'anthropic-messages': 'msg_fake',
  'llamacpp-infill': 'infill-fake',
};

const TOOL_ID_PREFIX: Record<string, string> = {
  'openai-chat': 'call_fake',
  'anthropic-messages': 'toolu_fake',
};

/** Size of the pieces a tool call's input is streamed in, when the reply gives it as one string. */
export const TOOL_INPUT_PIECE_CHARS = 8;

function piecesOf(json: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < json.length; i += TOOL_INPUT_PIECE_CHARS) pieces.push(json.slice(i, i + TOOL_INPUT_PIECE_CHARS));
  return pieces;
}

export function planGeneration(
  requestId: number,
  endpoint: string,
  reply: FakeReply,
  body: unknown,
  info: RequestInfo,
  fallbackModel: string,
): PlannedGeneration {
  let tokens = typeof reply.text === 'string' ? splitTokens(reply.text) : [...(reply.text ?? splitTokens(DEFAULT_TEXT))];
  // A prefilled answer goes on from the prefill; the limit counts only what is generated.
  const prefix = continuationPrefix(endpoint as EndpointKind, body, reply);
  if (prefix !== undefined) tokens = continuedTokens(tokens, prefix, reply.repeatOnContinue) ?? tokens;
  // The request's own limit applies, as it would on a real server.
  const truncated = info.maxTokens !== undefined && tokens.length > info.maxTokens;
  if (truncated) tokens = tokens.slice(0, Math.max(0, info.maxTokens ?? 0));
  if (reply.fault === 'giant-line') {
    const at = Math.min(reply.faultAfterTokens ?? 1, tokens.length);
    tokens = [...tokens.slice(0, at), 'x'.repeat(GIANT_TOKEN_BYTES), ...tokens.slice(at)];
  }
  const gen: Generation = {
    requestId,
    responseId: `${ID_PREFIX[endpoint] ?? 'fake'}${String(requestId).padStart(6, '0')}`,
    created: Math.floor(Date.now() / 1000),
    model: info.model ?? fallbackModel,
    tokens,
    request: info,
    body: asObject(body),
    inputTokens: reply.usage?.input ?? info.inputTokens,
    toolCalls: (reply.toolCalls ?? []).map((call, i) => ({
      id: call.id ?? `${TOOL_ID_PREFIX[endpoint] ?? 'call_fake'}${String(requestId).padStart(6, '0')}${i}`,
      name: call.name,
      pieces: typeof call.input === 'string' ? piecesOf(call.input) : [...call.input],
    })),
    ...(reply.refusal ? { refusal: true } : {}),
    thinking: [...(reply.thinking ?? [])],
  };
  const finishFixed = reply.finishReason !== undefined;
  return { gen, finishReason: reply.finishReason ?? (truncated ? 'length' : 'stop'), finishFixed };
}
