// Reads an SSE body back into events with an independent, well-kept parser
// (eventsource-parser), for tests that check what the fake wrote.

import { createParser } from 'eventsource-parser';

export interface ReadEvent {
  readonly event?: string;
  readonly data: string;
}

export interface ReadSse {
  readonly events: ReadEvent[];
  readonly comments: string[];
}

export function readSse(text: string): ReadSse {
  const events: ReadEvent[] = [];
  const comments: string[] = [];
  const parser = createParser({
    onEvent: (e) => events.push(e.event === undefined ? { data: e.data } : { event: e.event, data: e.data }),
    onComment: (c) => comments.push(c.trim()),
  });
  parser.feed(text);
  // The body is complete, but the parser holds a trailing lone CR back in case an LF follows
  // (so a CR-framed stream's last event would never be dispatched): one more line end flushes
  // it, and is only an extra empty line for LF / CRLF bodies.
  parser.feed('\n');
  return { events, comments };
}

/** The JSON payloads of the events, skipping `[DONE]`. */
export function jsonEvents(text: string): Record<string, unknown>[] {
  return readSse(text)
    .events.filter((e) => e.data !== '[DONE]')
    .map((e) => JSON.parse(e.data) as Record<string, unknown>);
}
