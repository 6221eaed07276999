// What the fake needs to know from a request body, read leniently: a test may send odd bodies
// on purpose, and the server must still answer (and record) them.

import { countTokens } from './tokenize';
import type { EndpointKind } from './types';

export type JsonObject = Readonly<Record<string, unknown>>;

export interface RequestInfo {
  readonly stream: boolean;
  readonly model: string | undefined;
  /** The most tokens the request allows (max_tokens, max_completion_tokens, n_predict >= 0). */
  readonly maxTokens: number | undefined;
  /** OpenAI `stream_options.include_usage`. */
  readonly includeUsage: boolean;
  /** llama.cpp /infill `t_max_predict_ms` (0 = off; other endpoints: 0). */
  readonly maxPredictMs: number;
  /** llama.cpp /infill `n_indent` (0 = off; other endpoints: 0). */
  readonly nIndent: number;
  /** Rough token count of all the text the request carries (prompt, messages, context). */
  readonly inputTokens: number;
}

export function asObject(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Every string found under the text-bearing fields, in order. */
function collectText(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectText(v, out);
  else if (typeof value === 'object' && value !== null) {
    const o = value as JsonObject;
    // Message parts: {role, content}, {type:'text', text}, llama.cpp input_extra {filename, text}.
    for (const key of ['content', 'text', 'filename']) if (key in o) collectText(o[key], out);
  }
}

export function readRequest(endpoint: EndpointKind, body: unknown): RequestInfo {
  const b = asObject(body);
  const text: string[] = [];
  const fields = ['system', 'messages', 'prompt', 'suffix', 'input_prefix', 'input_suffix', 'input_extra'];
  for (const key of fields) collectText(b[key], text);
  const nPredict = num(b.n_predict);
  const maxTokens =
    endpoint === 'llamacpp-infill'
      ? nPredict !== undefined && nPredict >= 0 ? nPredict : num(b.max_tokens)
      : num(b.max_completion_tokens) ?? num(b.max_tokens);
  return {
    stream: b.stream === true,
    model: typeof b.model === 'string' ? b.model : undefined,
    maxTokens,
    includeUsage: asObject(b.stream_options).include_usage === true,
    maxPredictMs: endpoint === 'llamacpp-infill' ? num(b.t_max_predict_ms) ?? 0 : 0,
    nIndent: endpoint === 'llamacpp-infill' ? num(b.n_indent) ?? 0 : 0,
    inputTokens: countTokens(text.join('\n')),
  };
}
