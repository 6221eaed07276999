// The completion engine's configuration, its dependencies, and the growth event it fires.
import type { Logger } from '../base/logger';
import type { LlmProvider } from '../llm/types';
import type { Clock } from '../base/clock';
import type { EnablementSettings } from './enablement';
import { defaultPromptOptions, type PromptOptions } from './prompt/buildRequest';
import { adaptiveStrategy, type Strategy } from './strategies';
import type { PromptContext } from './prompt/promptContext';
import type { ContextSource } from './types';

export interface EngineConfig {
  readonly strategy: Strategy;
  /** 2 for servers that run requests in parallel, 1 for a single-slot local server (llama.cpp). */
  readonly maxStreamsPerDocument: number;
  readonly prompt: PromptOptions;
  /** `rill.completion.exclude` globs, on top of the built-in deny-list. */
  readonly exclude: readonly string[];
  readonly enablement: EnablementSettings;
  readonly maxLifetimeMs: number;
}

export const defaultEngineConfig = (): EngineConfig => ({
  strategy: adaptiveStrategy(),
  maxStreamsPerDocument: 2,
  prompt: defaultPromptOptions,
  exclude: [],
  enablement: { enabled: true, languages: {} },
  maxLifetimeMs: 30_000,
});

export interface EngineDeps {
  readonly provider: () => LlmProvider | Promise<LlmProvider>;
  readonly clock: Clock;
  readonly logger?: Logger;
  readonly context?: ContextSource;
  /** Where prompts get extra context and window positions (the adapter's context ring); default: per-request similarity. */
  readonly promptContext?: PromptContext;
}

export interface GrowEvent {
  readonly uri: string;
  /** The stream has ended: this is the last growth. */
  readonly final: boolean;
  /** When what made it grow happened (text or the end of the stream arriving, the cut-off). */
  readonly receivedAt: number;
}
