// Which endpoint a method + path is, and which dialect answers it.

import { anthropicMessages } from './dialects/anthropic';
import type { Dialect } from './dialects/dialect';
import { llamaInfill } from './dialects/infill';
import { openAiChat } from './dialects/openaiChat';
import { openAiCompletions } from './dialects/openaiCompletions';
import type { EndpointKind } from './types';

const GENERATION: Record<string, Dialect> = {
  'POST /v1/chat/completions': openAiChat,
  'POST /v1/completions': openAiCompletions,
  'POST /v1/messages': anthropicMessages,
  'POST /infill': llamaInfill,
};

/** Azure OpenAI's paths (a classic deployment's, the v1 API's) stand for OpenAI's own. */
const AZURE_PREFIX = /^\/openai\/(?:deployments\/[^/]+|v1)\//;

export function endpointOf(method: string, path: string): EndpointKind {
  const key = `${method} ${path.replace(AZURE_PREFIX, '/v1/')}`;
  const dialect = GENERATION[key];
  if (dialect) return dialect.endpoint;
  if (key === 'GET /v1/models') return 'models';
  if (key === 'GET /api/tags') return 'ollama-tags';
  if (key === 'POST /api/show') return 'ollama-show';
  if (key === 'GET /props') return 'llamacpp-props';
  return 'not-found';
}

/** The dialect for a generation endpoint; OpenAI chat's for the others (their errors are OpenAI-shaped). */
export function dialectOf(endpoint: EndpointKind): Dialect {
  for (const d of Object.values(GENERATION)) if (d.endpoint === endpoint) return d;
  return openAiChat;
}

export function isGeneration(endpoint: EndpointKind): boolean {
  return Object.values(GENERATION).some((d) => d.endpoint === endpoint);
}
