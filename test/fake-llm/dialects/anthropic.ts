// Anthropic Messages (POST /v1/messages), as api.anthropic.com streams it: named events, each
// with a JSON `data:` line whose `type` repeats the event name.
//   event: message_start        {"type":"message_start","message":{…,"content":[],"usage":{"input_tokens":N,"output_tokens":1}}}
//   event: content_block_start  {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}
//   event: ping                 {"type": "ping"}
//   event: content_block_delta  {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}   one per token
//   event: content_block_stop   {"type":"content_block_stop","index":0}
//   event: message_delta        {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":N}}
//   event: message_stop         {"type":"message_stop"}
// Tool calls follow the text block: content_block_start {"type":"tool_use","id","name","input":{}},
// content_block_delta {"type":"input_json_delta","partial_json":"…"} per piece, content_block_stop,
// and "stop_reason":"tool_use".
// With extended thinking a `thinking` block (thinking_delta..., signature_delta) is block 0 and
// the text block comes after it.
// Errors after a 200 come as `event: error` with {"type":"error","error":{"type":"overloaded_error",…}}.

import { streamErrorDocument } from '../errors';
import type { FakeFinish } from '../types';
import { requestIdOf, type Dialect, type Generation } from './dialect';
import { dataEvent, type SseEvent } from '../sse';

function stopReason(finish: FakeFinish, gen: Generation): string {
  if (finish === 'length') return 'max_tokens';
  if (finish === 'filtered') return 'refusal';
  if (finish === 'context-full') return 'model_context_window_exceeded';
  return gen.toolCalls.length ? 'tool_use' : 'end_turn';
}

/** The text block: 0, or 1 after a thinking block (block 0). */
const textBlock = (gen: Generation): number => (gen.thinking.length ? 1 : 0);
/** Tool call `call` is the block after the text block's and the calls' before it. */
const blockOf = (gen: Generation, call: number): number => textBlock(gen) + call + 1;
const TEXT_BLOCK_START = { type: 'text', text: '' };

// The real service writes this one event with a space after the colon; keep it byte-identical.
const PING: SseEvent = { event: 'ping', data: '{"type": "ping"}' };

function message(gen: Generation, content: unknown[], stop: string | null, input: number, output: number): unknown {
  return {
    id: gen.responseId,
    type: 'message',
    role: 'assistant',
    model: gen.model,
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage: {
      input_tokens: input,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: output,
      service_tier: 'standard',
    },
  };
}

export const anthropicMessages: Dialect = {
  endpoint: 'anthropic-messages',
  errorFamily: 'anthropic',
  headers: (gen, stream) => ({
    'content-type': stream ? 'text/event-stream; charset=utf-8' : 'application/json',
    'cache-control': 'no-cache',
    'request-id': requestIdOf(gen),
    'anthropic-organization-id': '00000000-0000-0000-0000-000000000000',
  }),
  preamble: (gen) => [
    dataEvent({ type: 'message_start', message: message(gen, [], null, gen.inputTokens, 1) }, 'message_start'),
    dataEvent(
      { type: 'content_block_start', index: 0, content_block: gen.thinking.length ? { type: 'thinking', thinking: '' } : TEXT_BLOCK_START },
      'content_block_start',
    ),
    PING,
  ],
  // Extended thinking: the thinking block's deltas, its signature, then the text block opens.
  thinking: {
    piece: (gen, index) => dataEvent({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: gen.thinking[index] } }, 'content_block_delta'),
    end: (gen) => [
      dataEvent({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: signatureOf(gen) } }, 'content_block_delta'),
      dataEvent({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
      dataEvent({ type: 'content_block_start', index: 1, content_block: TEXT_BLOCK_START }, 'content_block_start'),
    ],
  },
  token: (gen, index) =>
    dataEvent(
      { type: 'content_block_delta', index: textBlock(gen), delta: { type: 'text_delta', text: gen.tokens[index] } },
      'content_block_delta',
    ),
  closing: (gen, outcome) => ({
    events: [
      // With tool calls the text block was closed before the first call's block opened.
      ...(gen.toolCalls.length ? [] : [dataEvent({ type: 'content_block_stop', index: textBlock(gen) }, 'content_block_stop')]),
      dataEvent(
        {
          type: 'message_delta',
          delta: { stop_reason: stopReason(outcome.finishReason, gen), stop_sequence: null },
          usage: { output_tokens: outcome.outputTokens },
        },
        'message_delta',
      ),
    ],
    terminator: dataEvent({ type: 'message_stop' }, 'message_stop'),
  }),
  keepAlive: () => PING,
  errorEvent: (gen) => dataEvent(streamErrorDocument('anthropic', requestIdOf(gen)), 'error'),
  toolCall: {
    open: (gen, call) => [
      ...(call === 0 ? [dataEvent({ type: 'content_block_stop', index: textBlock(gen) }, 'content_block_stop')] : []),
      dataEvent(
        { type: 'content_block_start', index: blockOf(gen, call), content_block: { type: 'tool_use', id: gen.toolCalls[call]?.id, name: gen.toolCalls[call]?.name, input: {} } },
        'content_block_start',
      ),
    ],
    piece: (gen, call, piece) =>
      dataEvent(
        { type: 'content_block_delta', index: blockOf(gen, call), delta: { type: 'input_json_delta', partial_json: gen.toolCalls[call]?.pieces[piece] } },
        'content_block_delta',
      ),
    close: (gen, call) => [dataEvent({ type: 'content_block_stop', index: blockOf(gen, call) }, 'content_block_stop')],
  },
  complete: (gen, outcome) =>
    message(
      gen,
      [
        ...(gen.thinking.length ? [{ type: 'thinking', thinking: gen.thinking.join(''), signature: signatureOf(gen) }] : []),
        { type: 'text', text: outcome.text },
        ...gen.toolCalls.map((c) => ({ type: 'tool_use', id: c.id, name: c.name, input: JSON.parse(c.pieces.join('') || '{}') as unknown })),
      ],
      stopReason(outcome.finishReason, gen),
      outcome.inputTokens,
      outcome.outputTokens,
    ),
};

/** An opaque stand-in for the signature that lets a client send the thinking back. */
function signatureOf(gen: Generation): string {
  return Buffer.from(`fake-signature-${gen.responseId}`).toString('base64');
}
