// The faults the reliability suites play through Rill's real completion engine and chat service,
// and what the user must end up with for each: the error kind, a message that says what to do,
// the partial text kept, whether Continue is offered, and how many requests the server saw (a
// retry after output is a bug; a transient drop after output is continued once from the partial
// text, and the fault, played on every request, cuts the continuation too).
// Plain data: the host tests, the browser tests and the README table read the same list.
import type { FakeReply } from '../fake-llm/server';
import type { ChatWireId, CompletionWireId } from './faultWires';

/** The text every fault's stream would have sent; partial text is a prefix of it. */
export const FAULT_ANSWER = 'Hello from the fake model, friend.';

export type ExpectedKind = 'auth' | 'rate-limited' | 'quota' | 'overloaded' | 'bad-request' | 'not-found' | 'network' | 'stalled' | 'server';

/** What a failing fault must leave the user with. */
export interface ExpectedError {
  readonly kind: ExpectedKind;
  /** The message must say what happened and what to do about it. */
  readonly message: RegExp;
  /**
   * The chat panel's alert, where it differs from `message`: a server's wait (Retry-After) is not
   * told there but counted down beside a disabled Retry (`retryHeld`: what that countdown says
   * when a test reads it; only for a wait too long to have passed by then).
   */
  readonly inPanel?: RegExp;
  readonly retryHeld?: RegExp;
}

export interface ChatExpectation {
  /** Undefined: the answer completes with `text`. */
  readonly error?: ExpectedError;
  /** The answer's text at the end (kept next to the error). */
  readonly text: string | ((answer: string) => boolean);
  /**
   * Generation requests the server sees for one question, with the fault played on every attempt:
   * 1 when chat must not retry (a permanent error, or a server that did not stream), 2 when a
   * transient drop after some text is continued once by itself (rill.chat.autoResume, on by
   * default: the continuation meets the same fault), 3 when it retries twice before any output
   * (rill.chat.maxRetries = 2).
   */
  readonly requests: 1 | 2 | 3;
  /** The alert offers Continue (some text arrived and the failure allows going on from it). */
  readonly continueOffered: boolean;
}

export interface CompletionExpectation {
  /** Undefined: ghost text appears. */
  readonly error?: ExpectedError;
}

export interface FaultCase {
  readonly id: string;
  /** What the server does, in words (the README's first column). */
  readonly label: string;
  /** The server's answer to every generation request; `refused` points Rill at a closed port. */
  readonly reply: FakeReply | 'refused';
  /** Over OpenAI chat completions and, unless `wires` says otherwise, every other chat wire. */
  readonly chat: ChatExpectation;
  /** Over OpenAI completions and, unless `wires` says otherwise, every other completion wire. */
  readonly completion: CompletionExpectation;
  /**
   * Where a wire format legitimately differs (its provider's name or base URL in the message, its
   * own error bodies and events): the expectation over that wire. Every fault applies to every wire.
   */
  readonly wires?: {
    readonly [W in ChatWireId]?: ChatExpectation;
  } & {
    readonly [W in CompletionWireId]?: CompletionExpectation;
  };
}

/** What `fault` must leave in chat over `wire`. */
export function chatExpectation(fault: FaultCase, wire: ChatWireId): ChatExpectation {
  return fault.wires?.[wire] ?? fault.chat;
}

/** What `fault` must leave in completion over `wire`. */
export function completionExpectation(fault: FaultCase, wire: CompletionWireId): CompletionExpectation {
  return fault.wires?.[wire] ?? fault.completion;
}

const HTML_502 = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';
const SPLIT_UTF8 = 'Grüße, 世界 🌊 naïve café';

/** Failures after which the partial answer can be continued (src/chat/resume.ts). */
const CONTINUABLE: readonly ExpectedKind[] = ['network', 'stalled', 'server', 'overloaded', 'rate-limited'];

const full = (text = FAULT_ANSWER) => ({ text, requests: 1 as const, continueOffered: false });
const failed = (error: ExpectedError, requests: 1 | 2 | 3, text = '') => ({ error, text, requests, continueOffered: text !== '' && CONTINUABLE.includes(error.kind) });

export const FAULT_CASES: readonly FaultCase[] = [
  {
    id: 'status-400',
    label: 'HTTP 400 with a JSON error body',
    reply: { status: 400, body: { message: 'Unrecognized request argument supplied: frobnicate' } },
    chat: failed({ kind: 'bad-request', message: /rejected the request \(HTTP 400\): Unrecognized request argument/ }, 1),
    completion: { error: { kind: 'bad-request', message: /HTTP 400/ } },
  },
  {
    id: 'status-401',
    label: 'HTTP 401 (no or bad key)',
    reply: { status: 401 },
    chat: failed({ kind: 'auth', message: /API key for OpenAI-compatible server \(HTTP 401\)\. Set (one|a valid key) with "Rill: Set API Key…"/ }, 1),
    completion: { error: { kind: 'auth', message: /Rill: Set API Key…/ } },
    // Anthropic's key is its own, with its own environment variable.
    wires: { anthropic: failed({ kind: 'auth', message: /No API key for Anthropic \(HTTP 401\)\. Set one with "Rill: Set API Key…" or the ANTHROPIC_API_KEY environment variable/ }, 1) },
  },
  {
    id: 'status-403',
    label: 'HTTP 403 (key may not use the model)',
    reply: { status: 403 },
    chat: failed({ kind: 'auth', message: /refused access \(HTTP 403\).*Check that your key may use model "/ }, 1),
    completion: { error: { kind: 'auth', message: /HTTP 403/ } },
    // Anthropic's 403 (permission_error) speaks of the API key: with none stored, Rill asks for one.
    wires: { anthropic: failed({ kind: 'auth', message: /No API key for Anthropic \(HTTP 403\)\. Set one with "Rill: Set API Key…"/ }, 1) },
  },
  {
    id: 'status-404',
    label: 'HTTP 404 (unknown model or wrong base URL)',
    reply: { status: 404 },
    chat: failed({ kind: 'not-found', message: /not found at http:\/\/127\.0\.0\.1:\d+\/v1 \(HTTP 404\).*Check the model name and base URL/ }, 1),
    completion: { error: { kind: 'not-found', message: /Check the model name and base URL/ } },
    // Anthropic's base URL is the server root (as https://api.anthropic.com), without /v1.
    wires: { anthropic: failed({ kind: 'not-found', message: /not found at http:\/\/127\.0\.0\.1:\d+ \(HTTP 404\).*Check the model name and base URL/ }, 1) },
  },
  {
    id: 'status-408',
    label: 'HTTP 408 (request timeout)',
    reply: { status: 408 },
    chat: failed({ kind: 'network', message: /timed out waiting for the request \(HTTP 408\)\. Try again/ }, 3),
    completion: { error: { kind: 'network', message: /HTTP 408/ } },
  },
  {
    id: 'status-413',
    label: 'HTTP 413 (request too large)',
    reply: { status: 413 },
    chat: failed({ kind: 'bad-request', message: /prompt is too long for model ".*" \(HTTP 413\).*Send less: attach or select less text, or start a new chat/ }, 1),
    completion: { error: { kind: 'bad-request', message: /too long/ } },
  },
  {
    id: 'status-429-ra1',
    label: 'HTTP 429 with Retry-After: 1',
    reply: { status: 429, headers: { 'retry-after': '1' } },
    chat: failed({ kind: 'rate-limited', message: /rate limiting requests \(HTTP 429\)\. Retry in 1 s/, inPanel: /rate limiting requests \(HTTP 429\)\. \(/ }, 3),
    completion: { error: { kind: 'rate-limited', message: /Retry in 1 s/ } },
  },
  {
    id: 'status-429-ra300',
    label: 'HTTP 429 with Retry-After: 300',
    reply: { status: 429, headers: { 'retry-after': '300' } },
    chat: failed({ kind: 'rate-limited', message: /rate limiting requests \(HTTP 429\)\. Retry in 5 min/, inPanel: /rate limiting requests \(HTTP 429\)\. \(/, retryHeld: /^Retry in 5 min\.$/ }, 1),
    completion: { error: { kind: 'rate-limited', message: /Retry in 5 min/ } },
  },
  {
    id: 'status-429-ms',
    label: 'HTTP 429 with retry-after-ms: 1500',
    reply: { status: 429, headers: { 'retry-after-ms': '1500' } },
    chat: failed({ kind: 'rate-limited', message: /Retry in 2 s/, inPanel: /rate limiting requests \(HTTP 429\)\. \(/ }, 3),
    completion: { error: { kind: 'rate-limited', message: /Retry in 2 s/ } },
  },
  {
    // OpenAI's answer when the account has no quota left: a 429 that no wait fixes.
    id: 'status-429-quota',
    label: 'HTTP 429 insufficient_quota (out of quota or credit)',
    reply: { status: 429, body: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', code: 'insufficient_quota' } },
    chat: failed({ kind: 'quota', message: /refused the request: the account's quota, credit or spending limit is used up \(HTTP 429\): You exceeded your current quota.*Retrying will not help: add credit or raise the limit in the plan and billing settings of the account your .* key belongs to/ }, 1),
    completion: { error: { kind: 'quota', message: /quota, credit or spending limit is used up/ } },
  },
  {
    id: 'status-500',
    label: 'HTTP 500',
    reply: { status: 500 },
    chat: failed({ kind: 'server', message: /failed \(HTTP 500\): The server had an error/ }, 3),
    completion: { error: { kind: 'server', message: /HTTP 500/ } },
    // The server's own text follows the status: Anthropic's is "Internal server error".
    wires: { anthropic: failed({ kind: 'server', message: /failed \(HTTP 500\): Internal server error/ }, 3) },
  },
  {
    id: 'status-502-html',
    label: 'HTTP 502 with an nginx HTML page',
    reply: { status: 502, body: HTML_502, headers: { 'content-type': 'text/html' } },
    chat: failed({ kind: 'server', message: /failed \(HTTP 502\): the server answered with an HTML page, not JSON/ }, 3),
    completion: { error: { kind: 'server', message: /HTTP 502/ } },
  },
  {
    id: 'status-503',
    label: 'HTTP 503',
    reply: { status: 503 },
    chat: failed({ kind: 'overloaded', message: /\(HTTP 503\).*Try again in a moment/ }, 3),
    completion: { error: { kind: 'overloaded', message: /HTTP 503/ } },
  },
  {
    id: 'status-503-ra1',
    label: 'HTTP 503 with Retry-After: 1',
    reply: { status: 503, headers: { 'retry-after': '1' } },
    chat: failed({ kind: 'overloaded', message: /\(HTTP 503\).*Retry in 1 s\.$/, inPanel: /is overloaded \(HTTP 503\)\.$/ }, 3),
    completion: { error: { kind: 'overloaded', message: /HTTP 503.*Retry in 1 s/ } },
  },
  {
    id: 'status-529',
    label: 'HTTP 529 (overloaded)',
    reply: { status: 529 },
    chat: failed({ kind: 'overloaded', message: /is overloaded \(HTTP 529\)\. Try again in a moment/ }, 3),
    completion: { error: { kind: 'overloaded', message: /HTTP 529/ } },
  },
  {
    id: 'html-200',
    label: 'HTTP 200 with an HTML page (captive portal)',
    reply: { fault: 'html-200' },
    chat: failed({ kind: 'server', message: /answered with a web page \(text\/html\) instead of an event stream\. Check the base URL/ }, 3),
    completion: { error: { kind: 'server', message: /web page.*Check the base URL/ } },
  },
  {
    id: 'refused',
    label: 'connection refused (nothing listens)',
    reply: 'refused',
    chat: failed({ kind: 'network', message: /Could not complete the request to http:\/\/127\.0\.0\.1:\d+\/v1: connection refused: is the server running\?/ }, 3),
    completion: { error: { kind: 'network', message: /connection refused: is the server running\?/ } },
    wires: { anthropic: failed({ kind: 'network', message: /Could not complete the request to http:\/\/127\.0\.0\.1:\d+: connection refused: is the server running\?/ }, 3) },
  },
  {
    id: 'reset-before-headers',
    label: 'TCP reset before the response headers',
    reply: { fault: 'reset-before-headers' },
    chat: failed({ kind: 'network', message: /Could not complete the request to .*(reset|closed|lost)/ }, 3),
    completion: { error: { kind: 'network', message: /(reset|closed|lost)/ } },
  },
  {
    id: 'reset-after-headers',
    label: 'TCP reset after 200 + headers',
    reply: { fault: 'reset-after-headers' },
    chat: failed({ kind: 'network', message: /Could not complete the request to .*(reset|closed|lost)/ }, 3),
    completion: { error: { kind: 'network', message: /(reset|closed|lost)/ } },
  },
  {
    id: 'reset-after-tokens',
    label: 'TCP reset after 3 tokens',
    reply: { text: FAULT_ANSWER, fault: 'reset-after-tokens', faultAfterTokens: 3 },
    chat: failed({ kind: 'network', message: /(lost mid-answer|reset|closed)/ }, 2, 'Hello from the fake model,'),
    completion: { error: { kind: 'network', message: /(lost mid-answer|reset|closed)/ } },
  },
  {
    id: 'silence-after-headers',
    label: '200 + headers, then silence',
    reply: { fault: 'silence-after-headers' },
    chat: failed({ kind: 'stalled', message: /sent no text for [\d.]+ s, so Rill stopped the request\. A slow local model can need longer than that to read the prompt, and a reasoning model to think before it writes: raise "rill\.network\.firstTokenTimeoutMs"/ }, 1),
    completion: { error: { kind: 'stalled', message: /sent no text for [\d.]+ s/ } },
  },
  {
    id: 'keepalive-only',
    label: '200 + keep-alive comments only, forever',
    reply: { fault: 'keepalive-only' },
    chat: failed({ kind: 'stalled', message: /sent no text for [\d.]+ s, so Rill stopped the request/ }, 1),
    completion: { error: { kind: 'stalled', message: /sent no text for [\d.]+ s/ } },
  },
  {
    id: 'error-event-after-tokens',
    label: 'an error event after 2 tokens',
    reply: { text: FAULT_ANSWER, fault: 'error-event-after-tokens', faultAfterTokens: 2 },
    chat: failed({ kind: 'server', message: /stopped the answer with an error/ }, 2, 'Hello from the fake'),
    completion: { error: { kind: 'server', message: /stopped the answer/ } },
    // Anthropic's in-stream error is an overloaded_error: it says so, and when to try again.
    wires: { anthropic: failed({ kind: 'overloaded', message: /is overloaded and stopped the answer: Overloaded.* Try again in a moment\./ }, 2, 'Hello from the fake') },
  },
  {
    id: 'invalid-json-event',
    label: 'invalid JSON in an event after 2 tokens',
    reply: { text: FAULT_ANSWER, fault: 'invalid-json-event', faultAfterTokens: 2 },
    chat: failed({ kind: 'server', message: /sent malformed data \(invalid JSON in the event stream\)/ }, 2, 'Hello from the fake'),
    completion: { error: { kind: 'server', message: /malformed data/ } },
  },
  {
    id: 'missing-done',
    label: 'the stream ends without [DONE] (after the finish reason)',
    reply: { text: FAULT_ANSWER, fault: 'missing-done' },
    chat: full(),
    completion: {},
    // /infill's `stop: true` event is both its finish reason and its end: without it the suggestion was cut.
    wires: { infill: { error: { kind: 'network', message: /closed before the answer was complete/ } } },
  },
  {
    id: 'cut-after-tokens',
    label: 'the body ends after 3 tokens (no finish reason, no [DONE], no message_stop)',
    reply: { text: FAULT_ANSWER, fault: 'cut-after-tokens', faultAfterTokens: 3 },
    chat: failed({ kind: 'network', message: /closed before the answer was complete \(the stream ended without its end marker\)\. A proxy or the server may have dropped it; try again\./ }, 2, 'Hello from the fake model,'),
    completion: { error: { kind: 'network', message: /closed before the answer was complete/ } },
  },
  {
    id: 'error-event-no-error-key',
    label: 'an error event without an `error` key (vLLM) after 2 tokens',
    reply: { text: FAULT_ANSWER, fault: 'error-event-no-error-key', faultAfterTokens: 2 },
    chat: failed({ kind: 'server', message: /stopped the answer with an error: The server ran out of memory while generating\./ }, 2, 'Hello from the fake'),
    completion: { error: { kind: 'server', message: /stopped the answer with an error/ } },
  },
  {
    id: 'openai-error-line',
    label: 'an OpenAI-style {"error": …} line after 2 tokens (any wire)',
    reply: { text: FAULT_ANSWER, fault: 'openai-error-line', faultAfterTokens: 2 },
    chat: failed({ kind: 'server', message: /stopped the answer with an error: The upstream server closed the stream with an error\./ }, 2, 'Hello from the fake'),
    completion: { error: { kind: 'server', message: /stopped the answer with an error/ } },
  },
  {
    id: 'json-not-streamed',
    label: 'a 200 with the whole answer as JSON where a stream was asked for',
    reply: { text: FAULT_ANSWER, stream: false },
    chat: failed({ kind: 'server', message: /did not stream: it sent the whole answer at once as JSON\. Check that the server .*supports streaming/ }, 1, FAULT_ANSWER),
    completion: { error: { kind: 'server', message: /did not stream/ } },
  },
  {
    id: 'empty-200',
    label: 'a 200 with no body at all',
    reply: { fault: 'empty-200' },
    // Nothing arrived, so chat retries it as it retries any server fault before output.
    chat: failed({ kind: 'server', message: /answered with an empty response \(HTTP 200, no data\)\. Check the base URL/ }, 3),
    completion: { error: { kind: 'server', message: /empty response/ } },
  },
  {
    id: 'never-close-after-done',
    label: '[DONE] sent, connection never closed',
    reply: { text: FAULT_ANSWER, fault: 'never-close-after-done' },
    chat: full(),
    completion: {},
  },
  {
    id: 'giant-line',
    label: 'a 1 MiB token in one SSE line',
    reply: { text: FAULT_ANSWER, fault: 'giant-line', faultAfterTokens: 2 },
    chat: { text: (a) => a.startsWith('Hello from') && a.length > 1_048_576 && a.endsWith('friend.'), requests: 1, continueOffered: false },
    completion: {},
  },
  {
    id: 'split-utf8',
    label: 'every byte its own TCP write (UTF-8 split mid-character)',
    reply: { text: SPLIT_UTF8, splitEveryByte: true },
    chat: full(SPLIT_UTF8),
    completion: {},
  },
  {
    id: 'slow-drip',
    label: 'one token a second',
    reply: { text: 'Slow but sure.', fault: 'slow-drip' },
    chat: full('Slow but sure.'),
    completion: {},
  },
];

/** Deadlines the fault suites set, so that stalls end in seconds (the setting's minimum is 1 s). */
export const FAULT_DEADLINES = { firstTokenTimeoutMs: 1500, idleTimeoutMs: 1500 } as const;
