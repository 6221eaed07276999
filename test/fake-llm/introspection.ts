// The answers a server gives about itself (model lists, Ollama's /api/show, llama.cpp's /props)
// and the requests its persona refuses as the real server would (/infill without FIM tokens,
// a `suffix` on vLLM's /v1/completions, `max_tokens`, a temperature or `stop` for OpenAI's reasoning models).

import { anthropicModelList, ollamaTags, openAiModelList } from './catalog';
import { notFoundDocument } from './errors';
import { INFILL_NOT_SUPPORTED, llamaProps, MAX_TOKENS_UNSUPPORTED, ollamaShow, type ServerPersona, STOP_UNSUPPORTED, SUFFIX_NOT_SUPPORTED, temperatureUnsupported } from './personas';
import { asObject } from './requestInfo';
import type { FakeReply, RecordedRequest } from './types';

export interface Introspection {
  readonly status: number;
  readonly doc: unknown;
}

/** The answer to a non-generation request. */
export function introspect(record: RecordedRequest, persona: ServerPersona, models: readonly string[], anthropic: boolean): Introspection {
  switch (record.endpoint) {
    case 'models':
      return { status: 200, doc: anthropic ? anthropicModelList(models) : openAiModelList(models, persona.owner) };
    case 'ollama-tags':
      return { status: 200, doc: ollamaTags(models) };
    case 'ollama-show': {
      if (!persona.ollama) break;
      const model = asObject(record.body).model ?? asObject(record.body).name;
      const card = typeof model === 'string' ? persona.ollama[model] : undefined;
      // Ollama's own 404: a bare string error, not OpenAI's object.
      if (!card) return { status: 404, doc: { error: `model '${String(model)}' not found` } };
      return { status: 200, doc: ollamaShow(model as string, card) };
    }
    case 'llamacpp-props':
      if (persona.llamacpp) return { status: 200, doc: llamaProps(persona.llamacpp) };
      break;
    default:
      break;
  }
  return { status: 404, doc: notFoundDocument(record.method, record.path) };
}

/** A generation request the persona's server would refuse, as that server words it. */
export function personaRefusal(record: RecordedRequest, persona: ServerPersona): FakeReply | undefined {
  if (record.endpoint === 'llamacpp-infill' && persona.llamacpp && !persona.llamacpp.fimTokens) {
    return { status: 501, body: INFILL_NOT_SUPPORTED };
  }
  const suffix = asObject(record.body).suffix;
  if (record.endpoint === 'openai-completions' && persona.suffix === false && typeof suffix === 'string' && suffix !== '') {
    return { status: 400, body: SUFFIX_NOT_SUPPORTED };
  }
  const body = asObject(record.body);
  if (record.endpoint === 'openai-chat' && typeof body.model === 'string' && persona.reasoningModels?.includes(body.model)) {
    // Each answer names one parameter (here the token limit before the temperature): a client may meet both in turn.
    if (body.max_tokens !== undefined) return { status: 400, body: MAX_TOKENS_UNSUPPORTED };
    if (body.temperature !== undefined && body.temperature !== 1) return { status: 400, body: temperatureUnsupported(body.temperature) };
    if (body.stop !== undefined) return { status: 400, body: STOP_UNSUPPORTED };
  }
  return undefined;
}
