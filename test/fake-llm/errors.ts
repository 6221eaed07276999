// Error bodies in each provider family's own shape, so the SDKs map them to their typed errors
// exactly as they would for the real service.
//   OpenAI:    {"error":{"message","type","param","code"}}
//   Anthropic: {"type":"error","error":{"type","message"},"request_id"}
//   llama.cpp: {"error":{"code":<status>,"message","type"}}

export type ErrorFamily = 'openai' | 'anthropic' | 'llamacpp';

interface ErrorFields {
  readonly message: string;
  readonly type: string;
  readonly code: string | null;
}

function openAiDefaults(status: number): ErrorFields {
  switch (status) {
    case 400: return { message: 'Invalid request.', type: 'invalid_request_error', code: null };
    case 401: return { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' };
    case 403: return { message: 'You are not allowed to sample from this model.', type: 'invalid_request_error', code: null };
    case 404: return { message: 'The model does not exist or you do not have access to it.', type: 'invalid_request_error', code: 'model_not_found' };
    case 429: return { message: 'Rate limit reached for requests. Please try again later.', type: 'requests', code: 'rate_limit_exceeded' };
    case 503: return { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null };
    default: return { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', code: null };
  }
}

function anthropicType(status: number): string {
  switch (status) {
    case 400: return 'invalid_request_error';
    case 401: return 'authentication_error';
    case 403: return 'permission_error';
    case 404: return 'not_found_error';
    case 413: return 'request_too_large';
    case 429: return 'rate_limit_error';
    case 529: return 'overloaded_error';
    default: return 'api_error';
  }
}

const ANTHROPIC_MESSAGES: Record<string, string> = {
  invalid_request_error: 'Invalid request.',
  authentication_error: 'invalid x-api-key',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'The requested resource could not be found.',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit.',
  overloaded_error: 'Overloaded',
  api_error: 'Internal server error',
};

function llamaType(status: number): string {
  switch (status) {
    case 400: return 'invalid_request_error';
    case 401: return 'authentication_error';
    case 403: return 'permission_error';
    case 404: return 'not_found_error';
    case 501: return 'not_supported_error';
    case 503: return 'unavailable_error';
    default: return 'server_error';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `body` already is a complete error document of some provider. */
function isErrorDocument(body: Record<string, unknown>): boolean {
  return isRecord(body.error) || body.type === 'error';
}

function pick(override: Record<string, unknown>, key: string): string | undefined {
  const v = override[key];
  return typeof v === 'string' ? v : undefined;
}

/**
 * The JSON error document for `status`. `override` is FakeReply.body: a complete document is
 * returned untouched; otherwise its message / type / code fields replace the defaults.
 */
export function errorDocument(family: ErrorFamily, status: number, override: unknown, requestId: string): unknown {
  const fields = isRecord(override) ? override : {};
  if (isRecord(override) && isErrorDocument(override)) return override;
  switch (family) {
    case 'openai': {
      const d = openAiDefaults(status);
      const code = fields.code === null ? null : pick(fields, 'code') ?? d.code;
      return {
        error: {
          message: pick(fields, 'message') ?? d.message,
          type: pick(fields, 'type') ?? d.type,
          param: pick(fields, 'param') ?? null,
          code,
        },
      };
    }
    case 'anthropic': {
      const type = pick(fields, 'type') ?? anthropicType(status);
      return {
        type: 'error',
        error: { type, message: pick(fields, 'message') ?? ANTHROPIC_MESSAGES[type] ?? 'Error' },
        request_id: requestId,
      };
    }
    case 'llamacpp':
      return {
        error: {
          code: status,
          message: pick(fields, 'message') ?? (status === 503 ? 'Loading model' : 'Internal server error'),
          type: pick(fields, 'type') ?? llamaType(status),
        },
      };
  }
}

/** The in-stream error each family sends after a 200 (what `error-event-after-tokens` plays). */
export function streamErrorDocument(family: ErrorFamily, requestId: string): unknown {
  switch (family) {
    case 'openai': return errorDocument('openai', 500, undefined, requestId);
    case 'anthropic': return errorDocument('anthropic', 529, undefined, requestId);
    case 'llamacpp': return errorDocument('llamacpp', 500, undefined, requestId);
  }
}

/** OpenAI's answer to an unknown route. */
export function notFoundDocument(method: string, path: string): unknown {
  return { error: { message: `Invalid URL (${method} ${path})`, type: 'invalid_request_error', param: null, code: null } };
}

/**
 * An error event in the shape some OpenAI-compatible servers send, with no `error` key: vLLM's
 * ErrorResponse (`{"object":"error","message","type","param","code"}`).
 */
export function bareErrorDocument(): unknown {
  return { object: 'error', message: 'The server ran out of memory while generating.', type: 'InternalServerError', param: null, code: 500 };
}

/** OpenAI's in-stream error line, whatever the endpoint (a proxy in front of Anthropic may send it). */
export function openAiErrorLineDocument(): unknown {
  return { error: { message: 'The upstream server closed the stream with an error.', type: 'server_error', param: null, code: null } };
}
