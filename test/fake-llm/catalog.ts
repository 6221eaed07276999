// Model listings: OpenAI's GET /v1/models (Anthropic's shape when the request carries
// `anthropic-version`, as the Anthropic SDK's models.list() sends) and Ollama's GET /api/tags.

import { createHash } from 'node:crypto';

// Fixed dates: listings are compared in tests, and "when" carries no meaning here.
const CREATED_UNIX = 1_700_000_000;
const CREATED_ISO = '2023-11-14T22:13:20Z';

export const DEFAULT_MODELS: readonly string[] = ['qwen2.5-coder:1.5b-base', 'qwen2.5-coder:7b'];

export function openAiModelList(models: readonly string[], owner = 'fake-llm'): unknown {
  return {
    object: 'list',
    data: models.map((id) => ({ id, object: 'model', created: CREATED_UNIX, owned_by: owner })),
  };
}

export function anthropicModelList(models: readonly string[]): unknown {
  return {
    data: models.map((id) => ({ type: 'model', id, display_name: id, created_at: CREATED_ISO })),
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models[models.length - 1] ?? null,
  };
}

export function ollamaTags(models: readonly string[]): unknown {
  return {
    models: models.map((name) => ({
      name,
      model: name,
      modified_at: CREATED_ISO,
      size: 986_061_892,
      digest: createHash('sha256').update(name).digest('hex'),
      details: {
        parent_model: '',
        format: 'gguf',
        family: 'qwen2',
        families: ['qwen2'],
        parameter_size: '1.5B',
        quantization_level: 'Q4_K_M',
      },
    })),
  };
}
