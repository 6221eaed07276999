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
// Errors after a 200 come as `event: error` with {"type":"error","error":{"type":"overloaded_error",…}}.

import { streamErrorDocument } from '../errors';
import type { FakeFinish } from '../types';
import { requestIdOf, type Dialect, type Generation } from './dialect';
import { dataEvent, type SseEvent } from '../sse';

function stopReason(finish: FakeFinish, gen: Generation): string {
  if (finish === 'length') return 'max_tokens';
  if (finish === 'filtered') return 'refusal';
  return gen.toolCalls.length ? 'tool_use' : 'end_turn';
}

/** The text block is block 0; tool call `call` is block `call + 1`. */
const blockOf = (call: number): number => call + 1;

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
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      'content_block_start',
    ),
    PING,
  ],
  token: (gen, index) =>
    dataEvent(
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: gen.tokens[index] } },
      'content_block_delta',
    ),
  closing: (gen, outcome) => ({
    events: [
      // With tool calls the text block was closed before the first call's block opened.
      ...(gen.toolCalls.length ? [] : [dataEvent({ type: 'content_block_stop', index: 0 }, 'content_block_stop')]),
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
      ...(call === 0 ? [dataEvent({ type: 'content_block_stop', index: 0 }, 'content_block_stop')] : []),
      dataEvent(
        { type: 'content_block_start', index: blockOf(call), content_block: { type: 'tool_use', id: gen.toolCalls[call]?.id, name: gen.toolCalls[call]?.name, input: {} } },
        'content_block_start',
      ),
    ],
    piece: (gen, call, piece) =>
      dataEvent(
        { type: 'content_block_delta', index: blockOf(call), delta: { type: 'input_json_delta', partial_json: gen.toolCalls[call]?.pieces[piece] } },
        'content_block_delta',
      ),
    close: (_gen, call) => [dataEvent({ type: 'content_block_stop', index: blockOf(call) }, 'content_block_stop')],
  },
  complete: (gen, outcome) =>
    message(
      gen,
      [
        { type: 'text', text: outcome.text },
        ...gen.toolCalls.map((c) => ({ type: 'tool_use', id: c.id, name: c.name, input: JSON.parse(c.pieces.join('') || '{}') as unknown })),
      ],
      stopReason(outcome.finishReason, gen),
      outcome.inputTokens,
      outcome.outputTokens,
    ),
};
