// Token n-gram counts with longest-context backoff: the whole "knowledge" of the demo model.
//
// For every context of 1..order-1 tokens seen in the training texts, the table counts which token
// came next. Prediction looks up the longest context that matches the end of the text so far and
// backs off to shorter ones when that context was never seen (or, for a half-typed token, was
// never followed by a token that extends it). Ties go to the continuation seen first, so the same
// texts in the same order always give the same predictions.

/** What followed one context: token -> count, in the order first seen. */
type Followers = Map<string, number>;

/** Joins context tokens into a map key; NUL never occurs in source text worth learning from. */
const SEP = '\u0000';

export class NgramCounts {
  /** contexts[k - 1] maps a context of k tokens to what followed it. */
  private readonly contexts: Map<string, Followers>[];
  /** Every token seen, with its count: the level below the shortest context. */
  private readonly unigrams: Followers = new Map();
  private tokenTotal = 0;

  constructor(readonly order: number) {
    if (!Number.isInteger(order) || order < 2) throw new RangeError(`n-gram order must be an integer >= 2 (got ${order})`);
    this.contexts = Array.from({ length: order - 1 }, () => new Map<string, Followers>());
  }

  /** Number of tokens counted so far. */
  get size(): number {
    return this.tokenTotal;
  }

  /** Counts one training text, already tokenized. Texts are independent: no n-gram spans two. */
  add(tokens: readonly string[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const next = tokens[i];
      bump(this.unigrams, next);
      for (let k = 1; k <= this.order - 1 && k <= i; k++) {
        const key = tokens.slice(i - k, i).join(SEP);
        const level = this.contexts[k - 1];
        let followers = level.get(key);
        if (!followers) {
          followers = new Map();
          level.set(key, followers);
        }
        bump(followers, next);
      }
    }
    this.tokenTotal += tokens.length;
  }

  /**
   * What followed the last `k` tokens of `history`, or undefined when that context was never seen.
   * `k = 0` gives the unigram counts.
   */
  followers(history: readonly string[], k: number): ReadonlyMap<string, number> | undefined {
    if (k === 0) return this.unigrams;
    if (k > history.length || k > this.order - 1) return undefined;
    return this.contexts[k - 1].get(history.slice(history.length - k).join(SEP));
  }
}

export interface Prediction {
  readonly token: string;
  /** How many context tokens the prediction rests on (0 = none: just a frequent token). */
  readonly contextLength: number;
  /** How often `token` followed that context, and how often anything did. */
  readonly count: number;
  readonly total: number;
  /** Every token seen after that context, with its count (the prediction is the largest). */
  readonly alternatives: ReadonlyMap<string, number>;
}

/**
 * The most likely next token after `history` over one or more count tables (their counts add up:
 * the workspace's table plus one built from the request's own text).
 *
 * `startsWith`: the token must start with this text and be longer (or equal, if `allowEqual`): the
 * user has typed part of it. `minContext`: do not back off below this many context tokens.
 */
export function predictNext(
  tables: readonly NgramCounts[],
  history: readonly string[],
  options: {
    readonly startsWith?: string;
    readonly allowEqual?: boolean;
    readonly minContext?: number;
    /** Compare `startsWith` without leading spaces: "(bas" may finish the " basket" of "let basket". */
    readonly bare?: boolean;
  } = {},
): Prediction | undefined {
  const order = Math.max(...tables.map((t) => t.order));
  const minContext = options.minContext ?? 1;
  for (let k = Math.min(order - 1, history.length); k >= minContext; k--) {
    const merged = new Map<string, number>();
    for (const table of tables) {
      const followers = table.followers(history, k);
      if (!followers) continue;
      for (const [token, count] of followers) {
        const candidate = options.bare ? token.trimStart() : token;
        const start = options.bare ? options.startsWith?.trimStart() : options.startsWith;
        if (start !== undefined && !extends_(candidate, start, options.allowEqual ?? false)) continue;
        merged.set(token, (merged.get(token) ?? 0) + count);
      }
    }
    const best = argmax(merged);
    if (best) return { ...best, contextLength: k, alternatives: merged };
  }
  return undefined;
}

function extends_(token: string, start: string, allowEqual: boolean): boolean {
  return token.startsWith(start) && (allowEqual || token.length > start.length);
}

/** The largest count; the first seen among equals (Map iteration is insertion order). */
function argmax(counts: ReadonlyMap<string, number>): { token: string; count: number; total: number } | undefined {
  let best: { token: string; count: number } | undefined;
  let total = 0;
  for (const [token, count] of counts) {
    total += count;
    if (!best || count > best.count) best = { token, count };
  }
  return best && { ...best, total };
}

function bump(map: Followers, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
