// Reads a fetch Response body as server-sent events with eventsource-parser (which handles CRLF,
// lone CR, comments and multi-line data); TextDecoder in stream mode keeps UTF-8 characters that
// are split across TCP chunks whole.
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<EventSourceMessage> {
  const queue: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => queue.push(event) });
  const decoder = new TextDecoder();
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    while (queue.length) yield queue.shift() as EventSourceMessage;
  }
  parser.feed(decoder.decode());
  // A final event without its blank line still counts, as in the SDKs' decoders.
  parser.feed('\n\n');
  while (queue.length) yield queue.shift() as EventSourceMessage;
}
