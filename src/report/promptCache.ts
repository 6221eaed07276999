// What the server's prompt cache did for completions, from the servers' own figures (llama.cpp's
// timings, OpenAI-style cached_tokens): prompt tokens reused and evaluated per request, so a user
// can see the cache working (latency report, status bar tooltip). Pure.
import type { PromptCacheSummary } from '../protocol/latencyReport';
import { percentile } from './percentile';

/** What a record must say for its prompt to count. */
export interface CacheCounted {
  readonly tokensIn: number | undefined;
  readonly tokensCached?: number | undefined;
}

/** Over the records whose server reported both the prompt's size and the part reused; undefined for none. */
export function promptCacheSummary(records: readonly CacheCounted[]): PromptCacheSummary | undefined {
  const counted = records.filter((r): r is { tokensIn: number; tokensCached: number } => r.tokensIn !== undefined && r.tokensCached !== undefined && r.tokensIn > 0);
  if (counted.length === 0) return undefined;
  const promptTokens = counted.reduce((sum, r) => sum + r.tokensIn, 0);
  const reused = counted.reduce((sum, r) => sum + Math.min(r.tokensCached, r.tokensIn), 0);
  const evaluated = counted.map((r) => Math.max(0, r.tokensIn - r.tokensCached));
  const last = counted[counted.length - 1]!;
  return {
    requests: counted.length,
    promptTokens,
    reused,
    reusedShare: promptTokens > 0 ? reused / promptTokens : 0,
    evaluatedP50: percentile(evaluated, 50) ?? 0,
    evaluatedP90: percentile(evaluated, 90) ?? 0,
    last: { promptTokens: last.tokensIn, reused: Math.min(last.tokensCached, last.tokensIn), evaluated: Math.max(0, last.tokensIn - last.tokensCached) },
  };
}

/** One line for the status bar's tooltip; undefined when the server reports nothing about its cache. */
export function promptCacheLine(summary: PromptCacheSummary | undefined): string | undefined {
  if (!summary) return undefined;
  const { last } = summary;
  return `Prompt cache: the last completion reused ${last.reused} of ${last.promptTokens} prompt tokens (${last.evaluated} evaluated); last ${summary.requests}: ${Math.round(summary.reusedShare * 100)}% reused, p50 ${summary.evaluatedP50} evaluated`;
}
