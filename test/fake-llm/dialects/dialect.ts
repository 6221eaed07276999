// A dialect is one provider's wire format: which events frame a generation and what a complete
// (non-streamed) answer looks like. The player (player.ts) owns timing and faults and asks the
// dialect only for shapes, so every fault behaves the same way on every endpoint.

import type { ErrorFamily } from '../errors';
import type { CacheFigures } from '../promptCache';
import type { RequestInfo, JsonObject } from '../requestInfo';
import type { SseEvent } from '../sse';
import type { EndpointKind } from '../types';
import type { FakeFinish } from '../types';

/** Everything known before the first byte of a generated answer. */
export interface Generation {
  readonly requestId: number;
  /** The provider's id for this answer: chatcmpl-…, cmpl-…, msg_… */
  readonly responseId: string;
  /** Unix seconds. */
  readonly created: number;
  readonly model: string;
  readonly tokens: readonly string[];
  readonly request: RequestInfo;
  readonly body: JsonObject;
  /** Input tokens to report. */
  readonly inputTokens: number;
  /** Tool calls after the text, in order (empty for none). */
  readonly toolCalls: readonly PlannedToolCall[];
  /** OpenAI chat: the text is a refusal (`delta.refusal`, `message.refusal`). */
  readonly refusal?: boolean;
  /** Reasoning pieces streamed before the text (empty for none). */
  readonly thinking: readonly string[];
  /** Cache mode: the slot, and how much of the prompt its cache held. */
  readonly cache?: CacheFigures;
}

export interface PlannedToolCall {
  readonly id: string;
  readonly name: string;
  /** The input's JSON text in the pieces it is streamed in. */
  readonly pieces: readonly string[];
}

/** What happened, known when the answer closes. */
export interface Outcome {
  readonly finishReason: FakeFinish;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** The text actually sent. */
  readonly text: string;
  /** From the request's arrival to the first token, and from the first token to the last. */
  readonly promptMs: number;
  readonly predictedMs: number;
}

export interface Dialect {
  readonly endpoint: EndpointKind;
  readonly errorFamily: ErrorFamily;
  /** Headers of a 200 response, streamed or not (content-type decided here). */
  headers(gen: Generation, stream: boolean): Record<string, string>;
  /** Events written right after the headers, before the first token. */
  preamble(gen: Generation, emptyChoicesFirst: boolean): SseEvent[];
  /** The event carrying token `index` (0-based). */
  token(gen: Generation, index: number): SseEvent;
  /** Events after the last token; `terminator` is what `missing-done` leaves out. */
  closing(gen: Generation, outcome: Outcome): { events: SseEvent[]; terminator: SseEvent };
  keepAlive(): SseEvent;
  /** The in-stream error after a 200 (error-event-after-tokens). */
  errorEvent(gen: Generation): SseEvent;
  /** The whole answer as one JSON document (stream: false). */
  complete(gen: Generation, outcome: Outcome): unknown;
  /** Streamed reasoning, for the dialects that have it: each piece, then what closes it. */
  readonly thinking?: {
    piece(gen: Generation, index: number): SseEvent;
    end(gen: Generation): SseEvent[];
  };
  /** Streamed tool calls, for the dialects that have them: `call` is the index in `gen.toolCalls`. */
  readonly toolCall?: {
    /** Events that start call `call` (its id and name). */
    open(gen: Generation, call: number): SseEvent[];
    /** The event carrying piece `piece` of the call's input. */
    piece(gen: Generation, call: number, piece: number): SseEvent;
    /** Events that end the call. */
    close(gen: Generation, call: number): SseEvent[];
  };
}

/** x-request-id style value shared by headers and bodies. */
export function requestIdOf(gen: Pick<Generation, 'requestId'>): string {
  return `req_fake${String(gen.requestId).padStart(6, '0')}`;
}
