// Server-sent events framing (https://html.spec.whatwg.org/multipage/server-sent-events.html):
// `event:` / `data:` / comment lines, an empty line after each event. The line terminator is a
// knob because real servers and proxies send LF, CRLF or (rarely) a lone CR, and parsers must
// accept all three.

export type LineEnding = 'lf' | 'crlf' | 'cr';

export interface SseEvent {
  /** `event: <name>` line (Anthropic); absent for OpenAI and llama.cpp. */
  readonly event?: string;
  /** The payload; a value containing newlines becomes several `data:` lines. */
  readonly data?: string;
  /** A `: <comment>` line, ignored by parsers (keep-alives). */
  readonly comment?: string;
}

const TERMINATORS: Record<LineEnding, string> = { lf: '\n', crlf: '\r\n', cr: '\r' };

/** The wire text of some events, each closed by an empty line. */
export function encodeSse(events: readonly SseEvent[], lineEnding: LineEnding = 'lf'): string {
  const eol = TERMINATORS[lineEnding];
  let out = '';
  for (const e of events) {
    if (e.comment !== undefined) out += `: ${e.comment}${eol}`;
    if (e.event !== undefined) out += `event: ${e.event}${eol}`;
    if (e.data !== undefined) {
      for (const line of e.data.split(/\r\n|\r|\n/)) out += `data: ${line}${eol}`;
    }
    out += eol;
  }
  return out;
}

/** `data: <json>` event. JSON.stringify never emits raw newlines, so it stays one line. */
export function dataEvent(payload: unknown, event?: string): SseEvent {
  return event === undefined ? { data: JSON.stringify(payload) } : { event, data: JSON.stringify(payload) };
}
