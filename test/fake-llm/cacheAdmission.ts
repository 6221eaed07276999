// Cache mode for one request: wait for a slot, record what the cache reused and what is evaluated,
// and move the token schedule so that the first token comes after the evaluation plus the reply's
// own ttftMs (the server's generation start). A warm-up (n_predict 0) generates nothing, so it pays
// the evaluation only.
import type { PlannedGeneration } from './generation';
import type { PromptCacheModel } from './promptCache';
import type { FakeReply, RecordedRequest } from './types';

export interface Admitted {
  readonly planned: PlannedGeneration;
  readonly reply: FakeReply;
  /** Where the token schedule starts. */
  readonly startAt: number;
  /** Frees the slot once the response is over (or the client left). */
  release(): void;
}

export async function admitToCache(cache: PromptCacheModel, record: RecordedRequest, planned: PlannedGeneration, reply: FakeReply, signal: AbortSignal): Promise<Admitted | undefined> {
  const admission = await cache.admit(record.endpoint, record.body, signal);
  if (!admission) return undefined;
  const { release, ...figures } = admission;
  record.cache = figures;
  const generates = planned.gen.request.maxTokens !== 0;
  const gen = { ...planned.gen, inputTokens: reply.usage?.input ?? figures.promptTokens, cache: figures };
  return {
    planned: { ...planned, gen },
    reply: { ...reply, ttftMs: figures.evalMs + (generates ? (reply.ttftMs ?? 0) : 0) },
    startAt: figures.evalStartAt,
    release: () => release({ closedAt: record.closedByClientAt ?? record.destroyedByServerAt, generated: gen.tokens.slice(0, record.tokensSent).join('') }),
  };
}
