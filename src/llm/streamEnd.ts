// How a stream that did not end properly is reported. An answer is complete only when the server
// said why it ended (a finish reason, `message_stop`, llama.cpp's `stop: true`); a body that just
// stops (an HTTP/1.0 server closing mid-answer, a proxy dropping the connection), a 200 with no
// body, or a whole JSON answer where a stream was asked for each end with a typed error whose
// message says what happened, so that no cut answer is ever shown as a finished one.
import { LlmError } from './errors';

/** The response headers the checks read. */
interface ResponseHead {
  readonly headers: { get(name: string): string | null };
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The body ended before the server said the answer was complete. */
export function incompleteStream(who: string): LlmError {
  return new LlmError(
    'network',
    `The connection to ${who} closed before the answer was complete (the stream ended without its end marker). A proxy or the server may have dropped it; try again.`,
  );
}

/** A 200 that carried nothing at all. */
export function emptyResponse(who: string, url: string): LlmError {
  return new LlmError('server', `${cap(who)} answered with an empty response (HTTP 200, no data). Check the base URL (${url}) and that the server speaks this API.`, {
    status: 200,
  });
}

/** The server sent its whole answer as one JSON document although a stream was asked for. */
export function notStreamed(who: string): LlmError {
  return new LlmError(
    'server',
    `${cap(who)} did not stream: it sent the whole answer at once as JSON. Check that the server (or a proxy in between) supports streaming ("stream": true).`,
    { status: 200 },
  );
}

/** True when a response to a stream request is a JSON document rather than an event stream. */
export function isJsonBody(response: ResponseHead): boolean {
  const type = response.headers.get('content-type') ?? '';
  return /json/i.test(type) && !/event-stream/i.test(type);
}

/** Parses a complete JSON body; an unparsable one is the server's fault, as for a broken event. */
export function parseJsonBody(text: string, who: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new LlmError('server', `${cap(who)} sent malformed data (invalid JSON in a response that should have been a stream).`, { cause: error });
  }
}

/**
 * True for an error document where an answer was expected: OpenAI's `{"error": …}` (whatever the
 * wire), vLLM's `{"object":"error",…}` and Anthropic's `{"type":"error",…}`.
 */
export function isErrorDocument(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null) return false;
  const record = doc as { error?: unknown; object?: unknown; type?: unknown };
  return (record.error !== undefined && record.error !== null) || record.object === 'error' || record.type === 'error';
}

/**
 * An error document found inside a 200 answer. It has the shape of the SDKs' APIError for an
 * in-stream error (no status, the parsed body as `error`), so errorMapping reads it the same way.
 */
export class StreamErrorDocument extends Error {
  override readonly name = 'StreamErrorDocument';
  readonly status = undefined;
  readonly headers = undefined;

  constructor(readonly error: unknown) {
    super(typeof error === 'object' && error !== null ? JSON.stringify(error) : String(error));
  }
}
