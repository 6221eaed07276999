// Streams server-sent events at a model's pace: the first token after a time-to-first-token, the
// rest at a steady tokens-per-second, so Rill meets the demo model as it would a real one. Stops
// the moment the client goes away, as a real server stops generating when its socket closes.
import type { ServerResponse } from 'node:http';

export interface Pace {
  readonly ttftMs: number;
  readonly tokensPerSecond: number;
}

/** One SSE event and whether it carries a token (tokens are paced; the closing events are not). */
export interface PacedEvent {
  readonly data: string;
  readonly token: boolean;
}

/** Writes `events`; resolves with how many token events went out before the end or the abort. */
export async function writePaced(res: ServerResponse, events: readonly PacedEvent[], pace: Pace, signal: AbortSignal): Promise<number> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  const start = performance.now();
  const interval = 1000 / pace.tokensPerSecond;
  let tokens = 0;
  for (const event of events) {
    if (event.token) {
      // Times are measured from the start so that timer lateness does not add up.
      const due = start + pace.ttftMs + tokens * interval;
      if (!(await sleep(due - performance.now(), signal))) return tokens;
      tokens++;
    }
    if (signal.aborted) return tokens - (event.token ? 1 : 0);
    res.write(`data: ${event.data}\n\n`);
  }
  res.end();
  return tokens;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
