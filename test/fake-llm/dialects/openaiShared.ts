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

export function openAiUsage(outcome: Outcome): Record<string, number> {
  return {
    prompt_tokens: outcome.inputTokens,
    completion_tokens: outcome.outputTokens,
    total_tokens: outcome.inputTokens + outcome.outputTokens,
  };
}

export function errorDocumentFor(gen: Generation): unknown {
  return streamErrorDocument('openai', requestIdOf(gen));
}
