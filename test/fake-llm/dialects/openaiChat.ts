// OpenAI chat completions (POST /v1/chat/completions), as api.openai.com streams it:
//   data: {"id":"chatcmpl-…","object":"chat.completion.chunk",…,"choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}
//   data: {… "delta":{"content":"Hello"} …}                 one per token ("refusal" instead of "content" for a refusal)
//   data: {… "delta":{},"finish_reason":"stop"}]}            the last choice chunk
//   data: {… "choices":[],"usage":{…}}                        only with stream_options.include_usage
//   data: [DONE]
// With include_usage every earlier chunk carries "usage":null, as the real service does.
// Tool calls follow the text: a head chunk per call (index, id, type, name, "arguments":""), then
// its arguments in pieces ({"index":i,"function":{"arguments":"…"}}), and "finish_reason":"tool_calls".

import { errorDocumentFor, openAiHeaders, openAiUsage } from './openaiShared';
import { requestIdOf, type Dialect, type Generation, type Outcome } from './dialect';
import { dataEvent, type SseEvent } from '../sse';

function chunk(gen: Generation, choices: unknown[], extra: Record<string, unknown> = {}): SseEvent {
  const usage = gen.request.includeUsage ? { usage: null } : {};
  return dataEvent({
    id: gen.responseId,
    object: 'chat.completion.chunk',
    created: gen.created,
    model: gen.model,
    system_fingerprint: 'fp_fake',
    choices,
    ...usage,
    ...extra,
  });
}

function choice(delta: Record<string, unknown>, finishReason: string | null): Record<string, unknown> {
  return { index: 0, delta, logprobs: null, finish_reason: finishReason };
}

export const openAiChat: Dialect = {
  endpoint: 'openai-chat',
  errorFamily: 'openai',
  headers: (gen, stream) => openAiHeaders(requestIdOf(gen), stream),
  preamble(gen, emptyChoicesFirst) {
    const role = chunk(gen, [choice({ role: 'assistant', content: '', refusal: null }, null)]);
    return emptyChoicesFirst ? [azurePromptFilterChunk(), role] : [role];
  },
  token: (gen, index) => chunk(gen, [choice(gen.refusal ? { refusal: gen.tokens[index] } : { content: gen.tokens[index] }, null)]),
  closing(gen, outcome) {
    const events = [chunk(gen, [choice({}, finishReasonOf(gen, outcome))])];
    if (gen.request.includeUsage) events.push(chunk(gen, [], { usage: openAiUsage(outcome, gen) }));
    return { events, terminator: { data: '[DONE]' } };
  },
  keepAlive: () => ({ comment: 'keep-alive' }),
  thinking: {
    piece: (gen, index) => chunk(gen, [choice({ content: null, reasoning_content: gen.thinking[index] }, null)]),
    end: () => [],
  },
  errorEvent: (gen) => dataEvent(errorDocumentFor(gen)),
  toolCall: {
    open: (gen, call) => {
      const c = gen.toolCalls[call];
      return [chunk(gen, [choice({ tool_calls: [{ index: call, id: c?.id, type: 'function', function: { name: c?.name, arguments: '' } }] }, null)])];
    },
    piece: (gen, call, piece) => chunk(gen, [choice({ tool_calls: [{ index: call, function: { arguments: gen.toolCalls[call]?.pieces[piece] } }] }, null)]),
    close: () => [],
  },
  complete: (gen, outcome: Outcome) => ({
    id: gen.responseId,
    object: 'chat.completion',
    created: gen.created,
    model: gen.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: (gen.toolCalls.length && !outcome.text) || gen.refusal ? null : outcome.text,
          refusal: gen.refusal ? outcome.text : null,
          annotations: [],
          ...(gen.toolCalls.length ? { tool_calls: gen.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.pieces.join('') } })) } : {}),
        },
        logprobs: null,
        finish_reason: finishReasonOf(gen, outcome),
      },
    ],
    usage: openAiUsage(outcome, gen),
    system_fingerprint: 'fp_fake',
  }),
};

function finishReasonOf(gen: Generation, outcome: Outcome): string {
  if (outcome.finishReason === 'filtered') return 'content_filter';
  if (outcome.finishReason === 'context-full') return 'length';
  return gen.toolCalls.length && outcome.finishReason === 'stop' ? 'tool_calls' : outcome.finishReason;
}

/** Azure OpenAI's first chunk: no choices, only the prompt's content-filter verdict. */
export function azurePromptFilterChunk(): SseEvent {
  const safe = { filtered: false, severity: 'safe' };
  return dataEvent({
    choices: [],
    created: 0,
    id: '',
    model: '',
    object: '',
    prompt_filter_results: [
      { prompt_index: 0, content_filter_results: { hate: safe, self_harm: safe, sexual: safe, violence: safe } },
    ],
  });
}
