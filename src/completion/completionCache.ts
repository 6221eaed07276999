// Prefix-keyed cache of the ghost text shown at a document state: the key is the document, the tail
// of the prefix and the head of the suffix. It answers states the sessions cannot (backspace to
// before a session's anchor, a return to an earlier state) with no request. Bounded in entries and
// in characters (keys plus what the sessions they point at hold), so a long session in large files
// cannot grow it.
import { LRUCache } from 'lru-cache';
import type { SuggestionSession } from './session';
import type { DocumentState } from './types';

/** At most this many characters (about 8 MB of strings), keys and sessions together. */
const MAX_CHARS = 4_000_000;

/** How much of the text around the cursor identifies a state. */
const PREFIX_KEY_CHARS = 1000;
const SUFFIX_KEY_CHARS = 200;

export interface CacheEntry {
  readonly session: SuggestionSession;
  /** What the user had typed after the session's anchor at that state. */
  readonly typed: string;
}

export function stateKey(state: DocumentState): string {
  return `${state.uri}\u0000${state.prefix.slice(-PREFIX_KEY_CHARS)}\u0000${state.suffix.slice(0, SUFFIX_KEY_CHARS)}`;
}

export class CompletionCache {
  // Entries point at sessions (not copies of their text) so that a state answered while its stream
  // was still running gets the whole text later.
  private readonly lru: LRUCache<string, CacheEntry>;

  constructor(max = 300, maxChars = MAX_CHARS) {
    // A session is counted once per entry pointing at it: the bound errs on the safe side.
    this.lru = new LRUCache({ max, maxSize: maxChars, sizeCalculation: (entry, key) => Math.max(1, key.length + entry.session.footprint) });
  }

  /** Characters the entries hold, as counted against the bound. */
  get chars(): number {
    return this.lru.calculatedSize;
  }

  get(state: DocumentState): CacheEntry | undefined {
    return this.lru.get(stateKey(state));
  }

  set(state: DocumentState, entry: CacheEntry): void {
    this.lru.set(stateKey(state), entry);
  }

  /** Drops every entry pointing at `session` (its text was deleted after a Tab). */
  forgetSession(session: SuggestionSession): void {
    const keys = [...this.lru.entries()].filter(([, entry]) => entry.session === session).map(([key]) => key);
    for (const key of keys) this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }

  get size(): number {
    return this.lru.size;
  }
}
