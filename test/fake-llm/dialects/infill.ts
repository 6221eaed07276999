// llama.cpp server fill-in-the-middle (POST /infill; request fields input_prefix, input_suffix,
// input_extra [{filename,text}], prompt, n_predict, n_indent, t_max_predict_ms, cache_prompt,
// stream). Shapes follow tools/server/server-task.cpp (non-OAI-compatible results):
//   data: {"index":0,"content":"Hello","tokens":[id],"stop":false,"id_slot":0,"tokens_predicted":1,"tokens_evaluated":M}   one per token
//   data: {"index":0,"content":"","tokens":[],"id_slot":0,"stop":true,"model":…,"tokens_predicted":N,
//          "tokens_evaluated":M,"generation_settings":{…},"prompt":…,"has_new_line":…,"truncated":false,
//          "stop_type":"eos"|"limit","stopping_word":"","tokens_cached":0,"timings":{…}}
// There is no [DONE]: the stop:true event is the end. Keep-alives are SSE comments.

import { streamErrorDocument } from '../errors';
import { requestIdOf, type Dialect, type Generation, type Outcome } from './dialect';
import { dataEvent } from '../sse';

/** A stable fake vocabulary id for a token's text (the value is irrelevant, its presence is not). */
function tokenId(text: string): number {
  let h = 7;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) % 151_643;
  return h;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The prompt llama.cpp would build for a Qwen2.5-Coder-style FIM template. */
function processedPrompt(gen: Generation): string {
  const b = gen.body;
  return `<|fim_prefix|>${str(b.input_prefix)}<|fim_suffix|>${str(b.input_suffix)}<|fim_middle|>${str(b.prompt)}`;
}

function timings(gen: Generation, o: Outcome): Record<string, number> {
  const perToken = (ms: number, n: number): number => (n > 0 ? ms / n : 0);
  const perSecond = (ms: number, n: number): number => (ms > 0 ? (n * 1000) / ms : 0);
  // Cache mode: prompt_n counts only the tokens evaluated anew, cache_n those reused (llama.cpp's meaning).
  const evaluated = gen.cache?.evaluated ?? gen.inputTokens;
  const promptMs = gen.cache?.evalMs ?? o.promptMs;
  return {
    cache_n: gen.cache?.reused ?? 0,
    prompt_n: evaluated,
    prompt_ms: promptMs,
    prompt_per_token_ms: perToken(promptMs, evaluated),
    prompt_per_second: perSecond(promptMs, evaluated),
    predicted_n: o.outputTokens,
    predicted_ms: o.predictedMs,
    predicted_per_token_ms: perToken(o.predictedMs, o.outputTokens),
    predicted_per_second: perSecond(o.predictedMs, o.outputTokens),
  };
}

function finalResult(gen: Generation, o: Outcome, stream: boolean): Record<string, unknown> {
  const b = gen.body;
  return {
    index: 0,
    content: stream ? '' : o.text,
    tokens: [],
    id_slot: gen.cache?.slot ?? 0,
    stop: true,
    model: gen.model,
    tokens_predicted: o.outputTokens,
    tokens_evaluated: gen.inputTokens,
    generation_settings: {
      n_predict: typeof b.n_predict === 'number' ? b.n_predict : -1,
      n_indent: typeof b.n_indent === 'number' ? b.n_indent : 0,
      t_max_predict_ms: typeof b.t_max_predict_ms === 'number' ? b.t_max_predict_ms : 0,
      stream,
      temperature: typeof b.temperature === 'number' ? b.temperature : 0.8,
    },
    prompt: processedPrompt(gen),
    has_new_line: o.text.includes('\n'),
    truncated: false,
    stop_type: o.finishReason === 'length' || o.finishReason === 'context-full' ? 'limit' : 'eos',
    stopping_word: '',
    // What the slot holds at the end: the prompt and what was generated.
    tokens_cached: gen.cache ? gen.inputTokens + o.outputTokens : 0,
    timings: timings(gen, o),
  };
}

export const llamaInfill: Dialect = {
  endpoint: 'llamacpp-infill',
  errorFamily: 'llamacpp',
  headers: (gen, stream) => ({
    'content-type': stream ? 'text/event-stream' : 'application/json; charset=utf-8',
    server: 'llama.cpp',
    'x-request-id': requestIdOf(gen),
  }),
  preamble: () => [],
  token: (gen, index) =>
    dataEvent({
      index: 0,
      content: gen.tokens[index],
      tokens: [tokenId(gen.tokens[index] ?? '')],
      stop: false,
      id_slot: gen.cache?.slot ?? 0,
      tokens_predicted: index + 1,
      tokens_evaluated: gen.inputTokens,
    }),
  closing: (gen, outcome) => ({ events: [], terminator: dataEvent(finalResult(gen, outcome, true)) }),
  keepAlive: () => ({ comment: 'keep-alive' }),
  errorEvent: (gen) => dataEvent(streamErrorDocument('llamacpp', requestIdOf(gen))),
  complete: (gen, outcome) => finalResult(gen, outcome, false),
};
