// A server that runs one request at a time (a local llama.cpp or Ollama slot) serves a new request
// only after the stream in flight closes. When the user types past the state of a stream that has
// sent no token yet, its answer may still begin with what they typed, or may not: waiting for it
// costs the rest of its time to first token, and a whole new request's time on top when it does
// not agree; closing it for a request for what was typed costs one time to first token. With even
// odds, waiting pays only once the stream is at least half way to its expected first token (the
// slower of the model's average and its last one: a model that just got slower is taken at its word).
// A rest of a wait under a second is always waited for: on a quick local server the stream mostly
// agrees with the typing, and replacing it there doubled the requests for no earlier ghost text
// (the local-server bench, `rill-waits` against `rill`).

/** The shortest rest of a wait worth a new request. */
export const REPLACE_ABOVE_MS = 1000;

/** Whether a stream `ageMs` old, with no token yet, is worth waiting for rather than replaced. */
export function worthWaitingForFirstToken(ageMs: number, expectedTtftMs: number): boolean {
  const rest = expectedTtftMs - ageMs;
  return rest <= REPLACE_ABOVE_MS || ageMs >= expectedTtftMs / 2;
}
