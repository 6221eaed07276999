// Runs a stream, retrying a failed attempt only while no text has been delivered, only for
// transient kinds, a bounded number of times, and never waiting longer than the cap: a
// Retry-After of minutes fails at once with a message that says when to retry.
import { type Clock, sleep, systemClock } from '../base/clock';
import { type ErrorContext, toLlmError } from './errorMapping';
import { type Deadlines, guardedStream, type OpenStream } from './guardedStream';
import type { LlmError } from './errors';
import { proxyIdleCut } from './proxyIdleCut';
import type { StreamEvent } from './types';

export interface RetryPolicy {
  readonly maxRetries: number;
  /** Longest wait we accept between attempts. */
  readonly maxRetryWaitMs: number;
}

const TRANSIENT = new Set(['rate-limited', 'overloaded', 'network', 'server']);

export async function* retryingStream(
  open: OpenStream,
  signal: AbortSignal,
  deadlines: Deadlines,
  policy: RetryPolicy,
  ctx: ErrorContext,
  clock: Clock = systemClock,
): AsyncGenerator<StreamEvent> {
  for (let attempt = 0; ; attempt++) {
    let delivered = false;
    // The model's last sign of work (text, a tool call, reasoning), for a connection lost after a silence.
    let lastOutputAt = clock.now();
    try {
      for await (const event of guardedStream(open, signal, deadlines, ctx.who, clock, ctx.viaProxy)) {
        const output = event.type === 'text' || event.type === 'tool-call-delta' || event.type === 'tool-call';
        if (output) delivered = true;
        if (output || event.type === 'reasoning') lastOutputAt = clock.now();
        yield event;
      }
      return;
    } catch (raw) {
      const error = proxyIdleCut(toLlmError(raw, ctx), clock.now() - lastOutputAt, ctx.viaProxy);
      const wait = backoff(error, attempt);
      if (delivered || attempt >= policy.maxRetries || !TRANSIENT.has(error.kind) || error.lasting || wait > policy.maxRetryWaitMs) throw error;
      // Said before the wait: a reader of a 20 s Retry-After is told why nothing comes.
      yield { type: 'retrying', waitMs: wait, kind: error.kind };
      if ((await sleep(clock, wait, signal)) === 'aborted') {
        yield { type: 'end', finishReason: 'aborted' };
        return;
      }
    }
  }
}

function backoff(error: LlmError, attempt: number): number {
  if (error.retryAfterMs !== undefined) return error.retryAfterMs;
  return Math.min(8000, 500 * 2 ** attempt);
}
