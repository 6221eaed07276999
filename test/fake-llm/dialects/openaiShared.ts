// Pieces both OpenAI dialects (chat and legacy completions) share: headers, usage, errors.

import { streamErrorDocument } from '../errors';
import { requestIdOf, type Generation, type Outcome } from './dialect';

export function openAiHeaders(requestId: string, stream: boolean): Record<string, string> {
  return {
    'content-type': stream ? 'text/event-stream; charset=utf-8' : 'application/json',
    'x-request-id': requestId,
    'openai-version': '2020-10-01',
    'openai-processing-ms': '1',
  };
}

export function openAiUsage(outcome: Outcome, gen?: Generation): Record<string, unknown> {
  return {
    prompt_tokens: outcome.inputTokens,
    completion_tokens: outcome.outputTokens,
    total_tokens: outcome.inputTokens + outcome.outputTokens,
    // Cache mode: the prompt tokens served from the cache, as OpenAI, vLLM and llama.cpp report them.
    ...(gen?.cache ? { prompt_tokens_details: { cached_tokens: gen.cache.reused } } : {}),
  };
}

export function errorDocumentFor(gen: Generation): unknown {
  return streamErrorDocument('openai', requestIdOf(gen));
}
