// What a server's model list says about a model beyond its id: a display name, the context window
// and the longest answer, under whichever field name that server uses. Nothing is guessed: a field
// no server sent stays undefined.

/** One model as its server lists it. */
export interface ModelDetails {
  readonly id: string;
  /** Anthropic's `display_name`. */
  readonly displayName?: string;
  /** Tokens the model accepts (prompt and answer), when the server says. */
  readonly contextWindow?: number;
  /** Tokens one answer may have, when the server says. */
  readonly maxOutputTokens?: number;
}

// vLLM `max_model_len`, OpenRouter `context_length`, LM Studio `max_context_length`, Groq
// `context_window`, Anthropic `max_input_tokens`.
const CONTEXT_FIELDS = ['max_model_len', 'context_length', 'max_context_length', 'context_window', 'max_input_tokens'] as const;
// OpenRouter `top_provider.max_completion_tokens`, Anthropic `max_tokens`.
const OUTPUT_FIELDS = ['max_completion_tokens', 'max_output_tokens', 'max_tokens'] as const;

/** An entry of `/v1/models` (OpenAI-style, Anthropic) or Ollama's `/api/tags`; undefined without an id. */
export function modelDetailsOf(entry: unknown): ModelDetails | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const e = entry as Record<string, unknown>;
  const id = typeof e.id === 'string' ? e.id : typeof e.name === 'string' ? e.name : undefined;
  if (!id?.trim()) return undefined;
  const top = typeof e.top_provider === 'object' && e.top_provider !== null ? (e.top_provider as Record<string, unknown>) : {};
  const contextWindow = firstCount(e, CONTEXT_FIELDS) ?? firstCount(top, ['context_length']);
  const maxOutputTokens = firstCount(e, OUTPUT_FIELDS) ?? firstCount(top, ['max_completion_tokens']);
  return {
    id,
    ...(typeof e.display_name === 'string' && e.display_name.trim() ? { displayName: e.display_name } : {}),
    ...(contextWindow === undefined ? {} : { contextWindow }),
    ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
  };
}

function firstCount(o: Record<string, unknown>, fields: readonly string[]): number | undefined {
  for (const field of fields) {
    const value = o[field];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  }
  return undefined;
}
