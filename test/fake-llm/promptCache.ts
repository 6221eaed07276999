// The fake server's prompt cache, modelled on llama.cpp's server: each slot keeps the tokens of its
// last prompt (and what it generated); a request runs on one slot at a time (others wait for a free
// one, or for the slot `id_slot` names), reuses the longest common prefix with that slot's tokens
// (`cache_prompt`), optionally also shifted chunks of at least `n_cache_reuse` tokens (llama.cpp's
// --cache-reuse / per-request n_cache_reuse), and pays `promptMsPerToken` for every other token,
// always evaluating at least one. A request that leaves during evaluation leaves the part evaluated
// so far in the slot, as llama.cpp does. Ollama keeps one cache per loaded model: a 1-slot server.
import { performance } from 'node:perf_hooks';
import { commonPrefix, promptTokens } from './promptTokens';
import { asObject } from './requestInfo';
import { splitTokens } from './tokenize';
import type { EndpointKind } from './types';

export interface CacheModelOptions {
  /** Slots (llama.cpp --parallel, `total_slots`), each with its own cache. Default 1. */
  readonly slots?: number;
  /** Time to evaluate one prompt token; the laptop profile is 1 ms. */
  readonly promptMsPerToken: number;
  /** Server-wide --cache-reuse (minimum chunk to shift); a request's `n_cache_reuse` overrides. Default 0 (off). */
  readonly cacheReuse?: number;
  /** llama.cpp --spm-infill: /infill puts the suffix before the prefix. */
  readonly spmInfill?: boolean;
}

/** What the cache did for one request (also recorded on the request). */
export interface CacheFigures {
  readonly slot: number;
  /** Tokens of the prompt in all. */
  readonly promptTokens: number;
  /** Taken from the slot's cache (common prefix, plus shifted chunks with n_cache_reuse). */
  readonly reused: number;
  /** Evaluated anew. */
  readonly evaluated: number;
  /** evaluated x promptMsPerToken. */
  readonly evalMs: number;
  /** Time spent waiting for the slot. */
  readonly queuedMs: number;
  /** When evaluation started (performance.now()). */
  readonly evalStartAt: number;
}

export interface Admission extends CacheFigures {
  /** Frees the slot: what it holds now depends on how far the request got. */
  release(outcome: { closedAt?: number; generated: string }): void;
}

/** llama.cpp's default --slot-prompt-similarity. */
const SLOT_SIMILARITY = 0.5;

interface Slot {
  tokens: string[];
  busy: boolean;
  lastUsed: number;
}

export class PromptCacheModel {
  private readonly slots: Slot[];
  private readonly waiters: Array<() => void> = [];

  constructor(readonly options: CacheModelOptions) {
    this.slots = Array.from({ length: Math.max(1, options.slots ?? 1) }, () => ({ tokens: [], busy: false, lastUsed: 0 }));
  }

  get totalSlots(): number {
    return this.slots.length;
  }

  /** A copy of what each slot holds (for tests). */
  slotTokens(index: number): readonly string[] {
    return [...(this.slots[index]?.tokens ?? [])];
  }

  /** Waits for a slot, then works out what the prompt costs. Undefined when the client left while waiting. */
  async admit(endpoint: EndpointKind, body: unknown, signal: AbortSignal): Promise<Admission | undefined> {
    const b = asObject(body);
    const prompt = promptTokens(endpoint, body, this.options.spmInfill === true);
    const pinned = typeof b.id_slot === 'number' && b.id_slot >= 0 && b.id_slot < this.slots.length ? b.id_slot : undefined;
    const queuedFrom = performance.now();
    let index: number | undefined;
    while ((index = this.pick(prompt, pinned)) === undefined) {
      if (!(await this.waitForFreeSlot(signal))) return undefined;
    }
    const slot = this.slots[index]!;
    slot.busy = true;
    const cachePrompt = b.cache_prompt !== false;
    const minChunk = typeof b.n_cache_reuse === 'number' ? b.n_cache_reuse : (this.options.cacheReuse ?? 0);
    let reused = cachePrompt ? commonPrefix(slot.tokens, prompt) : 0;
    if (cachePrompt && minChunk > 0) reused = shiftedReuse(slot.tokens, prompt, reused, minChunk);
    // A fully cached prompt still evaluates its last token: the logits come from there.
    if (reused >= prompt.length) reused = Math.max(0, prompt.length - 1);
    const evaluated = prompt.length - reused;
    const evalStartAt = performance.now();
    const figures: CacheFigures = {
      slot: index,
      promptTokens: prompt.length,
      reused,
      evaluated,
      evalMs: evaluated * this.options.promptMsPerToken,
      queuedMs: evalStartAt - queuedFrom,
      evalStartAt,
    };
    let released = false;
    return {
      ...figures,
      release: ({ closedAt, generated }) => {
        if (released) return;
        released = true;
        const ms = this.options.promptMsPerToken;
        const done = closedAt === undefined ? evaluated : Math.min(evaluated, ms > 0 ? Math.floor((closedAt - evalStartAt) / ms) : evaluated);
        slot.tokens = done === evaluated ? [...prompt, ...splitTokens(generated)] : prompt.slice(0, reused + Math.max(0, done));
        slot.busy = false;
        slot.lastUsed = performance.now();
        this.waiters.splice(0).forEach((wake) => wake());
      },
    };
  }

  /**
   * The pinned slot if free; else, as llama.cpp (--slot-prompt-similarity 0.5), the free slot whose
   * cache covers the largest share of the prompt if that share is at least half, else the least
   * recently used free slot.
   */
  private pick(prompt: readonly string[], pinned: number | undefined): number | undefined {
    if (pinned !== undefined) return this.slots[pinned]!.busy ? undefined : pinned;
    const free = this.slots.map((slot, i) => ({ slot, i })).filter(({ slot }) => !slot.busy);
    if (free.length === 0) return undefined;
    const similar = free
      .map(({ slot, i }) => ({ i, shared: commonPrefix(slot.tokens, prompt) }))
      .filter(({ shared }) => prompt.length > 0 && shared / prompt.length >= SLOT_SIMILARITY)
      .sort((a, b) => b.shared - a.shared);
    if (similar[0]) return similar[0].i;
    return free.sort((a, b) => a.slot.lastUsed - b.slot.lastUsed)[0]!.i;
  }

  private waitForFreeSlot(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = () => resolve(false);
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      });
    });
  }
}

/**
 * llama.cpp's chunk reuse: after the common prefix, walk the old tokens looking for runs of at
 * least `minChunk` that match the new prompt where it continues, and keep them (shifted in place).
 * Returns how many tokens of the new prompt are then cached (the new n_past).
 */
export function shiftedReuse(cache: readonly string[], prompt: readonly string[], prefix: number, minChunk: number): number {
  let headC = prefix;
  let headP = prefix;
  while (headC < cache.length && headP < prompt.length) {
    let n = 0;
    while (headC + n < cache.length && headP + n < prompt.length && cache[headC + n] === prompt[headP + n]) n++;
    if (n >= minChunk) {
      headC += n;
      headP += n;
    } else {
      headC += 1;
    }
  }
  return headP;
}
