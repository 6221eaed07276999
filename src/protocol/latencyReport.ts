// The latency and usage report as plain data: computed in the extension host from the request
// records of completion, chat and Generate (src/report/aggregate.ts), drawn by the report webview. Only
// figures, never code or keys.

/** What a request was for: ghost text, the chat panel (Ask, Explain Selection and Ask About This File included), Generate at Cursor. */
export type RequestFeature = 'completion' | 'chat' | 'generate';

/** One time bucket of one metric: nearest-rank percentiles of the requests in it. */
export interface SeriesPoint {
  /** Bucket start, epoch ms. */
  readonly t: number;
  readonly p50: number;
  readonly p90: number;
  /** Requests measured in the bucket. */
  readonly n: number;
}

export interface MetricSummary {
  readonly p50: number;
  readonly p90: number;
  readonly count: number;
}

export type MetricName = 'ttftMs' | 'ghostMs' | 'tokensPerSec';

/** A model's figures for one feature, from the requests sent to it (a model serving both completion and chat has two). */
export interface ModelReport {
  readonly model: string;
  readonly feature: RequestFeature;
  /** Requests sent to the model. */
  readonly requests: number;
  /** Over time, per bucket; buckets without a measurement are left out. */
  readonly series: Readonly<Record<MetricName, readonly SeriesPoint[]>>;
  /** Over all of the model's requests; undefined when nothing was measured. */
  readonly overall: Readonly<Record<MetricName, MetricSummary | undefined>>;
}

export interface RequestCounts {
  /** Records of requests the engine wanted. */
  readonly total: number;
  /** Handed to the provider (a socket was opened). */
  readonly sent: number;
  /** Editor calls answered from a stream already running, instead of a new request. */
  readonly reused: number;
  /** Replaced by a newer keystroke before they were sent. */
  readonly notSent: number;
  /** The model ended its answer. */
  readonly completed: number;
  /** A rule ended the suggestion (the end of the block...) and closed the stream: not the user. */
  readonly stoppedByRule: number;
  readonly aborted: number;
  readonly failed: number;
  readonly streaming: number;
}

export interface TokenCounts {
  readonly input: number;
  readonly output: number;
  /** Output tokens whose text never reached the user. */
  readonly wasted: number;
}

export interface Acceptance {
  /** Requests whose ghost text was shown. */
  readonly shown: number;
  readonly accepted: number;
  /** accepted / shown, 0..1; undefined when nothing was shown. */
  readonly rate: number | undefined;
}

/** What one feature's requests cost and how they ended. */
export interface FeatureReport {
  readonly feature: RequestFeature;
  /** Records of the feature (sent or not). */
  readonly total: number;
  readonly sent: number;
  readonly completed: number;
  readonly stoppedByRule: number;
  readonly aborted: number;
  readonly failed: number;
  readonly tokens: TokenCounts;
}

/** What the server's prompt cache did for completions, from the figures servers send (llama.cpp timings, cached_tokens). */
export interface PromptCacheSummary {
  /** Completions whose server reported how much of the prompt it reused. */
  readonly requests: number;
  readonly promptTokens: number;
  /** Prompt tokens read from the server's cache instead of evaluated. */
  readonly reused: number;
  /** reused / promptTokens, 0..1. */
  readonly reusedShare: number;
  /** Prompt tokens evaluated per completion: median and 90th percentile. */
  readonly evaluatedP50: number;
  readonly evaluatedP90: number;
  /** The latest such completion. */
  readonly last: { readonly promptTokens: number; readonly reused: number; readonly evaluated: number };
}

export interface LatencyReport {
  /** Epoch ms of the first and last request in the report (undefined when empty). */
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly bucketMs: number;
  readonly requests: RequestCounts;
  /** Aborted requests per reason, most frequent first. */
  readonly abortReasons: readonly (readonly [string, number])[];
  readonly tokens: TokenCounts;
  /** Models that spent tokens, by name. */
  readonly tokensByModel: readonly (readonly [string, TokenCounts])[];
  readonly acceptance: Acceptance;
  /** Failed requests per error kind, most frequent first. */
  readonly errors: readonly (readonly [string, number])[];
  /** Models that were sent requests, per feature (completion, chat, generate), then by name. */
  readonly models: readonly ModelReport[];
  /** The features that made requests, in the order completion, chat, generate. */
  readonly features: readonly FeatureReport[];
  /** Completions' prompt cache figures; undefined when no server reported any. */
  readonly promptCache: PromptCacheSummary | undefined;
}
