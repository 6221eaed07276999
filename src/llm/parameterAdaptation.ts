// OpenAI's reasoning models (o1, o3, gpt-5...) refuse parameters older chat models take:
// `max_tokens` ("Unsupported parameter: 'max_tokens' ... Use 'max_completion_tokens' instead"),
// any temperature but the default ("Unsupported value: 'temperature' does not support 0.2 with
// this model") and stop sequences ("Unsupported parameter: 'stop' is not supported with this
// model"; completion's single-line rule ends the text at the line break by itself). Azure and gateways pass such a request on and the 400 back. Rather than fail every
// answer until the user finds the setting, the request is sent again without what was refused,
// and the provider remembers it for its model, so later requests go right the first time.

/** How the optional parameters go on the wire for one model. */
export interface WireParameters {
  /** The server wants no temperature (only its default). */
  readonly omitTemperature: boolean;
  /** The field that carries the token limit. */
  readonly maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** The server takes no stop sequences. */
  readonly omitStop?: boolean;
  /**
   * The model refused one of these parameters, as OpenAI's reasoning models do: it thinks before it
   * writes, and OpenAI's Chat Completions stream nothing at all meanwhile.
   */
  readonly reasoningModel?: boolean;
}

type Refused = 'temperature' | 'max_tokens' | 'stop';
const REFUSABLE: readonly unknown[] = ['temperature', 'max_tokens', 'stop'];

// OpenAI's wording, and the shorter one of other OpenAI-compatible servers ("invalid temperature:
// only 1 is allowed for this model").
const REFUSED_TEXT = /unsupported (?:parameter|value): '(temperature|max_tokens|stop)'|invalid (temperature)\b.{0,40}only/i;

/** The parameter a 400 refused, when it is one Rill can do without. */
export function refusedParameter(error: unknown): Refused | undefined {
  if (typeof error !== 'object' || error === null || (error as { status?: unknown }).status !== 400) return undefined;
  const body = (error as { error?: unknown }).error;
  const inner = typeof body === 'object' && body !== null ? ((body as { error?: unknown }).error ?? body) : undefined;
  const param = typeof inner === 'object' && inner !== null ? (inner as { param?: unknown }).param : undefined;
  const code = typeof inner === 'object' && inner !== null ? String((inner as { code?: unknown }).code ?? '') : '';
  if (REFUSABLE.includes(param) && /unsupported/.test(code)) return param as Refused;
  const message = typeof inner === 'object' && inner !== null ? (inner as { message?: unknown }).message : undefined;
  const text = typeof message === 'string' ? message : (error as { message?: unknown }).message;
  const match = typeof text === 'string' ? REFUSED_TEXT.exec(text) : null;
  const named = (match?.[1] ?? match?.[2])?.toLowerCase();
  return REFUSABLE.includes(named) ? (named as Refused) : undefined;
}

/** The parameters without the refused one, or undefined when they already do without it. */
export function withoutRefused(current: WireParameters, refused: Refused): WireParameters | undefined {
  const next = adapted(current, refused);
  return next && { ...next, reasoningModel: true };
}

function adapted(current: WireParameters, refused: Refused): WireParameters | undefined {
  if (refused === 'temperature') return current.omitTemperature ? undefined : { ...current, omitTemperature: true };
  if (refused === 'stop') return current.omitStop ? undefined : { ...current, omitStop: true };
  return current.maxTokensField === 'max_completion_tokens' ? undefined : { ...current, maxTokensField: 'max_completion_tokens' };
}

/** What the log says once a model's parameters were adapted. */
export function adaptationNote(model: string, refused: Refused): string {
  if (refused === 'temperature') return `Model "${model}" accepts only its default temperature: Rill sends none for it (the temperature setting is ignored for this model).`;
  if (refused === 'stop') return `Model "${model}" takes no stop sequences: Rill sends none for it and ends single-line suggestions itself.`;
  return `Model "${model}" refuses "max_tokens": Rill sends the token limit as "max_completion_tokens" for it.`;
}

/**
 * Runs `open` with the parameters `state` holds; when the server refuses one of them before any
 * output, adapts `state` and asks again (at most once per parameter). Other errors pass through.
 */
export async function* withParameterFallback<T extends { type: string }>(
  open: (parameters: WireParameters) => AsyncIterable<T>,
  state: { parameters: WireParameters },
  onAdapted: (refused: Refused) => void = () => undefined,
): AsyncGenerator<T> {
  for (;;) {
    let output = false;
    try {
      for await (const event of open(state.parameters)) {
        if (event.type !== 'usage') output = true;
        yield event;
      }
      return;
    } catch (error) {
      const refused = output ? undefined : refusedParameter(error);
      const next = refused && withoutRefused(state.parameters, refused);
      if (!refused || !next) throw error;
      state.parameters = next;
      onAdapted(refused);
    }
  }
}
