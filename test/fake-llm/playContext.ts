// What every way of answering (streamed, complete, fixed) is given to work with.

import { performance } from 'node:perf_hooks';
import { sleepUntil } from './clock';
import type { Dialect, Generation, Outcome } from './dialects/dialect';
import type { FakeReply, RecordedRequest } from './types';
import type { ResponseWriter } from './writer';
import type { FakeFinish } from './types';

export interface PlayContext {
  readonly dialect: Dialect;
  readonly reply: FakeReply;
  readonly gen: Generation;
  readonly finishReason: FakeFinish;
  readonly finishFixed: boolean;
  readonly writer: ResponseWriter;
  readonly record: RecordedRequest;
  /** Where the token schedule starts: the request's arrival, or (cache mode) when its slot began evaluating. */
  readonly startAt: number;
  /** Aborted when the connection is gone. */
  readonly signal: AbortSignal;
}

/** Where the *-after-tokens faults strike. */
export function faultPosition(reply: FakeReply): number {
  return Math.max(0, reply.faultAfterTokens ?? 1);
}

export const KEEPALIVE_INTERVAL_MS = 200;

/** Writes `next()` every 200 ms until the connection goes away (keepalive-only). */
export async function repeatUntilClosed(ctx: PlayContext, next: () => Promise<void>): Promise<void> {
  let at = performance.now();
  for (;;) {
    at += KEEPALIVE_INTERVAL_MS;
    if (!(await sleepUntil(at, ctx.signal)) || !ctx.writer.open) return;
    await next();
  }
}

/**
 * The outcome after `sent` tokens, with the reply's usage overrides applied. Timings are the
 * measured ones of a stream, or `timings` for a complete answer (whose tokens are never
 * written one by one).
 */
export function outcomeOf(
  ctx: PlayContext,
  sent: number,
  finishReason: FakeFinish,
  timings?: { promptMs: number; predictedMs: number },
  text?: string,
): Outcome {
  const r = ctx.record;
  const first = r.firstTokenAt;
  const last = r.lastTokenAt;
  return {
    finishReason,
    inputTokens: ctx.gen.inputTokens,
    outputTokens: ctx.reply.usage?.output ?? sent,
    text: text ?? ctx.gen.tokens.slice(0, sent).join(''),
    promptMs: timings?.promptMs ?? (first ?? performance.now()) - r.receivedAt,
    predictedMs: timings?.predictedMs ?? (first !== undefined && last !== undefined ? last - first : 0),
  };
}
