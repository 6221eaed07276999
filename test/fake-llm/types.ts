// The vocabulary of the fake LLM server: what a test asks it to answer (FakeReply), how it can
// misbehave (FakeFault) and what it remembers about each request (RecordedRequest).
// Others code against these names; add fields, never rename.
import type { CacheFigures } from './promptCache';

/**
 * How an answer ends. `filtered`: the provider's safety system ended it, as OpenAI's
 * `finish_reason: "content_filter"` ("content was omitted due to a flag from our content filters")
 * and Anthropic's `stop_reason: "refusal"` (its streaming classifiers intervened); /infill has none
 * and says `eos`. `context-full`: the context window filled up, Anthropic's documented
 * `stop_reason: "model_context_window_exceeded"` (OpenAI says `length`, /infill `limit`).
 */
export type FakeFinish = 'stop' | 'length' | 'filtered' | 'context-full';

/**
 * One scripted answer. Every field is optional: `{}` streams a default sentence at full speed.
 * Timing knobs are measured from the moment the request arrived (`RecordedRequest.receivedAt`).
 */
export interface FakeReply {
  /**
   * The answer. A string is split by `splitTokens` (see tokenize.ts): each token is an optional
   * run of whitespace followed by either a run of word characters or one other character, so
   * whitespace travels with the token after it ("a, b" -> "a" "," " b"). An array is taken as the
   * tokens, unchanged.
   */
  text?: string | readonly string[];
  /** Delay before the first content token. Headers (and the provider's preamble events) go at once. */
  ttftMs?: number;
  /** Pace of later tokens; Infinity or undefined = as fast as possible. */
  tokensPerSec?: number;
  /**
   * Default 'stop', or 'length' when the request's own limit (max_tokens, n_predict...) cut the
   * text short; an explicit value always wins.
   */
  finishReason?: FakeFinish;
  /**
   * OpenAI chat: the answer is a refusal, its text sent in `delta.refusal` (and `message.refusal`)
   * with `content` null, as the API documents for a model that declines a request.
   */
  refusal?: boolean;
  /**
   * Reasoning a model streams before its text, its pieces spread evenly over `ttftMs` (a reasoning
   * model thinks before it writes). Anthropic: a `thinking` block first (`thinking_delta` per piece,
   * then `signature_delta`), the text block after it, as extended thinking streams. OpenAI chat:
   * `delta.reasoning_content` per piece, the field DeepSeek's reasoner (and vLLM) stream it in.
   */
  thinking?: readonly string[];
  /** Default: input = rough token count of the request's text, output = tokens actually sent. */
  usage?: { input: number; output: number };
  /**
   * A fixed response instead of a generated one. Non-2xx: `body` as an object is sent as JSON, in
   * the provider's error shape unless it already is one (`{error:{...}}` / `{type:'error',...}`);
   * its `message`, `type`, `code` fields fill that shape. A string is sent as is. No body: the
   * provider's usual error for that status. 2xx with a body: the body as is.
   */
  status?: number;
  body?: unknown;
  /** Extra response headers, on any kind of reply (e.g. retry-after, retry-after-ms, x-should-retry). */
  headers?: Record<string, string>;
  /** Default: what the request asked for (`stream: true`). */
  stream?: boolean;
  fault?: FakeFault;
  /** Where the *-after-tokens faults, the error-line faults, `invalid-json-event` and `giant-line` strike; default 1. */
  faultAfterTokens?: number;
  /** Line terminator of the SSE framing; default 'lf'. */
  lineEnding?: 'lf' | 'crlf' | 'cr';
  /** Write each byte in its own TCP write (flushed between), splitting UTF-8 characters too. */
  splitEveryByte?: boolean;
  /**
   * Interleave keep-alives: `: keep-alive` comments (OpenAI, /infill) or `event: ping`
   * (Anthropic), one halfway before each token (before the first only when ttftMs > 0).
   */
  keepAlive?: boolean;
  /** OpenAI chat and completions: a first chunk with `choices: []`, as Azure sends. */
  emptyChoicesFirst?: boolean;
  /**
   * OpenAI chat and Anthropic Messages: tool calls the model makes after its text (if any), each
   * streamed as a head (id, name) and its input in pieces, on the same schedule as text tokens.
   * The answer then ends with `finish_reason: "tool_calls"` / `stop_reason: "tool_use"`.
   */
  toolCalls?: readonly FakeToolCall[];
  /**
   * A chat request whose last message is the assistant's is a prefill (Anthropic; vLLM's
   * `continue_final_message`; llama.cpp): when `text` starts with that message, only the rest of
   * `text` is sent, as a model continuing from there would. With `repeatOnContinue` the
   * continuation first repeats that many of the prefill's last words (models sometimes do).
   */
  repeatOnContinue?: number;
  /**
   * Also continue when the prefill is followed by one user message (the instruction a client sends
   * to a server without prefill, e.g. OpenAI's own API): the assistant message before it is the prefix.
   */
  continueAfterInstruction?: boolean;
}

/** One tool call of a scripted answer. */
export interface FakeToolCall {
  /** Default `call_fake<request><n>` (OpenAI) / `toolu_fake<request><n>` (Anthropic). */
  id?: string;
  name: string;
  /**
   * The input as JSON text. A string is sent in pieces of 8 characters (so a value is split
   * mid-word, as real servers do); an array is taken as the pieces, unchanged.
   */
  input: string | readonly string[];
}

export type FakeFault =
  | 'reset-before-headers' // destroy the socket (TCP RST) without a response
  | 'reset-after-headers' // 200 + headers, then RST
  | 'reset-after-tokens' // RST after faultAfterTokens tokens
  | 'silence-after-headers' // 200 + headers, then nothing, never ends (until the client closes)
  | 'keepalive-only' // 200 + headers, then only keep-alive comments / pings every 200 ms, forever
  | 'error-event-after-tokens' // provider's in-stream error after faultAfterTokens tokens, then end
  | 'missing-done' // end the body without the terminal event ([DONE] / message_stop / stop:true)
  | 'never-close-after-done' // send everything incl. the terminal event, then keep the connection open
  | 'html-200' // 200 with an HTML page body (text/html)
  | 'invalid-json-event' // a `data:` line with broken JSON after faultAfterTokens tokens
  | 'giant-line' // one extra token of 1 MiB in a single event, after faultAfterTokens tokens
  | 'slow-drip' // one token per second regardless of tokensPerSec
  | 'cut-after-tokens' // N tokens, then the body ends cleanly (FIN): no finish reason, no closing events, no terminator
  | 'error-event-no-error-key' // N tokens, then `event: error` whose JSON has no `error` key (vLLM's {"object":"error","message",...}), then end
  | 'openai-error-line' // N tokens, then an OpenAI-style `data: {"error":{...}}` line with no event name (on every endpoint), then end
  | 'empty-200'; // 200 with the stream's headers and an empty body

/** Which wire format a request was answered in. */
export type EndpointKind =
  | 'openai-chat'
  | 'openai-completions'
  | 'anthropic-messages'
  | 'llamacpp-infill'
  | 'models'
  | 'ollama-tags'
  /** Ollama's POST /api/show (answered from the server's persona). */
  | 'ollama-show'
  /** llama.cpp's GET /props (answered from the server's persona). */
  | 'llamacpp-props'
  | 'not-found';

/** One write of response body bytes. */
export interface RecordedChunk {
  /** performance.now() just before the write. */
  at: number;
  bytes: number;
  /** Content tokens completed by this write. */
  tokens: number;
}

export interface RecordedRequest {
  readonly id: number;
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  /** The query string, without `?` ('' when none). */
  readonly query: string;
  /** Parsed JSON, or the raw string when it is not JSON ('' for no body). */
  readonly body: unknown;
  /** Lower-case names; authorization / x-api-key / api-key (and cookies) are "<redacted>". */
  readonly headers: Record<string, string>;
  /** Each credential header's fingerprint (`credentialFingerprint` of its value), by lower-case name. */
  readonly credentials: Record<string, string>;
  /** performance.now() of the server process when the request line and headers arrived. */
  readonly receivedAt: number;
  readonly chunks: RecordedChunk[];
  tokensSent: number;
  /** The server ended the response normally (all bytes handed to the OS). */
  finishedAt?: number;
  /** The client closed the connection before the server finished. */
  closedByClientAt?: number;
  // Additions beyond the agreed API:
  /** Which wire format answered. */
  readonly endpoint: EndpointKind;
  /** Whether the request asked for a stream. */
  readonly streamRequested: boolean;
  /** Status sent, once headers went out. */
  status?: number;
  headersSentAt?: number;
  /** When the first / last content token was written. */
  firstTokenAt?: number;
  lastTokenAt?: number;
  /** The server itself destroyed the connection (reset faults, or close()). */
  destroyedByServerAt?: number;
  /** The fault that was played, if any. */
  fault?: FakeFault;
  /** Cache mode: the slot it ran on, tokens reused from its cache and evaluated anew, time queued. */
  cache?: CacheFigures;
}
