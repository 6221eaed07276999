// The provider layer's vocabulary: one request shape per kind of call, one event stream back.
// Nothing here knows about VS Code.
import type { LlmErrorKind } from './errors';
import type { ModelDetails } from './modelDetails';
import type { FimChoice } from './fimChoice';

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  readonly role: ChatRole;
  readonly content: string;
  /** Assistant turns: the tools the model called, after its text. */
  readonly toolCalls?: readonly ToolCall[];
  /** User turns: the results of the previous turn's tool calls, sent before the text. */
  readonly toolResults?: readonly ToolResult[];
}

/** A tool the model may call: its name, what it does, and a JSON schema of its input. */
export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  readonly inputSchema?: Readonly<Record<string, unknown>>;
}

/** One call of a tool, as the model made it; `id` pairs it with its result. */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/** What a tool call gave back, sent to the model in the next user turn. */
export interface ToolResult {
  readonly callId: string;
  readonly content: string;
  readonly isError?: boolean;
}

/** A piece of another file offered to the model as context. */
export interface ContextSnippet {
  readonly path: string;
  readonly text: string;
}

interface RequestOptions {
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly stop?: readonly string[];
}

/**
 * A conversation turn: the model answers the last user message. When the last message is the
 * assistant's, the model is asked to continue that message from exactly where it ends (a partial
 * answer cut by a dropped connection or the token limit); each adapter sends it the way its
 * server supports (see continuation.ts).
 */
export interface ChatRequest extends RequestOptions {
  readonly kind: 'chat';
  readonly messages: readonly ChatMessage[];
  /** Tools the model may call; its calls come back as `tool-call` events. */
  readonly tools?: readonly ToolSpec[];
  /** `required`: the model must call one of `tools` (default `auto`: it decides). */
  readonly toolChoice?: 'auto' | 'required';
}

/** Fill-in-the-middle: the model writes the text that goes between prefix and suffix. */
export interface FimRequest extends RequestOptions {
  readonly kind: 'fim';
  readonly prefix: string;
  readonly suffix: string;
  /** Workspace-relative path of the file, shown to the model. */
  readonly path?: string;
  readonly language?: string;
  readonly snippets?: readonly ContextSnippet[];
  /** llama.cpp `n_indent`: the indentation (in whitespace characters, a tab is one) a new line must at least have. */
  readonly indent?: number;
  /** llama.cpp `t_max_predict_ms`: stop generating after this long once a newline was produced. */
  readonly maxPredictMs?: number;
}

export type LlmRequest = ChatRequest | FimRequest;

export type FinishReason = 'stop' | 'length' | 'aborted' | 'other';

export type StreamEvent =
  | { readonly type: 'text'; readonly text: string }
  | ToolCallDelta
  | { readonly type: 'tool-call'; readonly index: number; readonly call: ToolCall }
  | {
      readonly type: 'usage';
      /** Prompt tokens in all (read from the server's cache or evaluated anew). */
      readonly inputTokens?: number;
      readonly outputTokens?: number;
      /** Of the prompt tokens, how many the server reused from its cache (llama.cpp timings, OpenAI cached_tokens). */
      readonly cachedInputTokens?: number;
    }
  | { readonly type: 'end'; readonly finishReason: FinishReason }
  /**
   * The model is reasoning (Anthropic's thinking, DeepSeek's `reasoning_content`, OpenRouter's
   * `reasoning`): not shown, but the model at work, so no stall deadline runs out while it thinks.
   */
  | { readonly type: 'reasoning' }
  /** The request failed before any text and is asked again after `waitMs` (a rate limit, a drop). */
  | { readonly type: 'retrying'; readonly waitMs: number; readonly kind: LlmErrorKind };

/**
 * A piece of a tool call while it streams: `index` is the call's place in this answer; the first
 * piece of a call carries its `id` and `name`, later ones more of the input's JSON text. The
 * whole call follows as one `tool-call` event once its input is complete and parsed.
 */
export interface ToolCallDelta {
  readonly type: 'tool-call-delta';
  readonly index: number;
  readonly id?: string;
  readonly name?: string;
  readonly inputJson: string;
}

/**
 * One model behind one wire protocol. `stream` yields text (and, for a chat request with tools,
 * tool calls) as it arrives and ends with an `end` event. Aborting `signal` closes the socket at once and ends the iteration with
 * `{type:'end', finishReason:'aborted'}` and no error. Failures are thrown as `LlmError`.
 */
export interface LlmProvider {
  /** Short human label, e.g. "openai-compatible · qwen2.5-coder:1.5b". */
  readonly label: string;
  readonly model: string;
  stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<StreamEvent>;
  /** The model ids the server reports, when it can list them. */
  listModels(signal?: AbortSignal): Promise<string[]>;
  /** The same list with what the server says about each model (context window, longest answer). */
  listModelDetails?(signal?: AbortSignal): Promise<ModelDetails[]>;
  /** What `stream(request)` would send: URL and JSON body, secrets masked as on the wire (no headers). */
  describe?(request: LlmRequest): WireRequest;
  /**
   * Lets the server read a FIM prompt into its cache without generating (llama.cpp `n_predict: 0`,
   * one token elsewhere), so that the next request sharing its start is quick. Never rejects.
   */
  warmUp?(request: FimRequest, signal: AbortSignal): Promise<WarmUpOutcome>;
}

/** How a warm-up went: `read` (the server has the prompt), or why not. */
export type WarmUpOutcome = 'read' | 'not-supported' | 'aborted' | 'failed';

export interface WireRequest {
  readonly url: string;
  readonly body: unknown;
  /** For FIM requests: how fill-in-the-middle is sent to this server, and why. */
  readonly fim?: { readonly mode: Exclude<FimMode, 'auto'>; readonly source: string; readonly fits: boolean; readonly reason: string };
}

export type ProviderKind = 'openai' | 'openai-compatible' | 'anthropic' | 'llamacpp';

/** How fill-in-the-middle requests are sent. */
export type FimMode = 'auto' | 'completions' | 'template' | 'infill' | 'chat';

/** Everything needed to talk to one endpoint. Built by the VS Code adapter from settings + SecretStorage. */
export interface EndpointConfig {
  readonly provider: ProviderKind;
  /** Empty or undefined: the provider's official URL. */
  readonly baseUrl?: string;
  readonly model: string;
  readonly apiKey?: string;
  /** `apiKey` is the one stored with Set API Key… (it wins over the environment's, so a refusal names only the command). */
  readonly apiKeyStored?: boolean;
  /** The gateway's own key, for the `${gatewayKey}` a header value writes (see llm/keyPlacement.ts). */
  readonly gatewayKey?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly fimMode?: FimMode;
  /** For fimMode `template`: a FIM family name, or `auto` (from the model name). */
  readonly fimTemplate?: string;
  /** Retries before any output (rate limit, overload, network). Completion uses 0. */
  readonly maxRetries: number;
  /** No text for this long after the request: `stalled`. */
  readonly firstTokenTimeoutMs: number;
  /** No text for this long between two text events: `stalled`. */
  readonly idleTimeoutMs: number;
  /** Upper bound on one Retry-After wait when retrying; longer waits fail at once instead. */
  readonly maxRetryWaitMs?: number;
  /** Overrides the global fetch (proxies, tests). */
  readonly fetch?: typeof fetch;
  /** Requests go through a proxy (`http.proxy`): a stall says what a buffering proxy does. */
  readonly viaProxy?: boolean;
  /**
   * How fill-in-the-middle is sent (asked of the server in `auto`, see llm/capabilityCache.ts);
   * awaited before each FIM request. Absent: `fimMode`, else the fixed rule for the provider.
   */
  readonly fimChoice?: () => Promise<FimChoice>;
  /**
   * The server refused a FIM request sent the way it had reported (its model cannot fill in the
   * middle, or is not there): what it reported is out of date (a local server restarted with
   * another model), so the next `fimChoice` asks it again.
   */
  readonly fimChoiceStale?: () => void;
  /** A line for the log about how requests were adapted to the model (a parameter it refused is left out from then on). */
  readonly note?: (line: string) => void;
}
