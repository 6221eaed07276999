// A server that runs one request at a time (a local llama.cpp or Ollama slot) serves a new request
// only after the stream in flight closes. When the user types past the state of a stream that has
// sent no token yet, its answer may still begin with what they typed, or may not: waiting for it
// costs the rest of its time to first token, and a whole new request's time on top when it does
// not agree; closing it for a request for what was typed costs one time to first token. With even
// odds, waiting pays only once the stream is at least half way to its expected first token (the
// slower of the model's average and its last one: a model that just got slower is taken at its word).

/** Whether a stream `ageMs` old, with no token yet, is worth waiting for rather than replaced. */
export function worthWaitingForFirstToken(ageMs: number, expectedTtftMs: number): boolean {
  return ageMs >= expectedTtftMs / 2;
}
