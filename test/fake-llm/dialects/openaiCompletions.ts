// OpenAI legacy completions (POST /v1/completions, `prompt` + optional `suffix` for
// fill-in-the-middle), the shape Ollama, vLLM and DeepSeek's FIM endpoint also speak:
//   data: {"id":"cmpl-…","object":"text_completion",…,"choices":[{"text":"Hello","index":0,"logprobs":null,"finish_reason":null}]}
//   data: {… "choices":[{"text":"","index":0,"logprobs":null,"finish_reason":"stop"}]}
//   data: {… "choices":[],"usage":{…}}        only with stream_options.include_usage
//   data: [DONE]
// There is no role chunk: the first event already carries text.

import { errorDocumentFor, openAiHeaders, openAiUsage } from './openaiShared';
import { azurePromptFilterChunk } from './openaiChat';
import { requestIdOf, type Dialect, type Generation, type Outcome } from './dialect';
import { dataEvent, type SseEvent } from '../sse';

function chunk(gen: Generation, choices: unknown[], extra: Record<string, unknown> = {}): SseEvent {
  const usage = gen.request.includeUsage ? { usage: null } : {};
  return dataEvent({
    id: gen.responseId,
    object: 'text_completion',
    created: gen.created,
    model: gen.model,
    system_fingerprint: 'fp_fake',
    choices,
    ...usage,
    ...extra,
  });
}

function choice(text: string, finishReason: string | null): Record<string, unknown> {
  return { text, index: 0, logprobs: null, finish_reason: finishReason };
}

export const openAiCompletions: Dialect = {
  endpoint: 'openai-completions',
  errorFamily: 'openai',
  headers: (gen, stream) => openAiHeaders(requestIdOf(gen), stream),
  preamble: (_gen, emptyChoicesFirst) => (emptyChoicesFirst ? [azurePromptFilterChunk()] : []),
  token: (gen, index) => chunk(gen, [choice(gen.tokens[index] ?? '', null)]),
  closing(gen, outcome) {
    const events = [chunk(gen, [choice('', finishReasonOf(outcome))])];
    if (gen.request.includeUsage) events.push(chunk(gen, [], { usage: openAiUsage(outcome, gen) }));
    return { events, terminator: { data: '[DONE]' } };
  },
  keepAlive: () => ({ comment: 'keep-alive' }),
  errorEvent: (gen) => dataEvent(errorDocumentFor(gen)),
  complete: (gen, outcome) => ({
    id: gen.responseId,
    object: 'text_completion',
    created: gen.created,
    model: gen.model,
    system_fingerprint: 'fp_fake',
    choices: [choice(outcome.text, finishReasonOf(outcome))],
    usage: openAiUsage(outcome, gen),
  }),
};

function finishReasonOf(outcome: Outcome): string {
  if (outcome.finishReason === 'filtered') return 'content_filter';
  return outcome.finishReason === 'context-full' ? 'length' : outcome.finishReason;
}
