import assert from 'node:assert/strict';
import { CompletionCache } from '../../../src/completion/completionCache';
import type { SuggestionSession } from '../../../src/completion/session';
import { doc } from './helpers/fixture';

/** Only what the cache reads of a session: what it holds. */
const holding = (chars: number) => ({ footprint: chars }) as unknown as SuggestionSession;

describe('completion cache: bounded in entries and in characters', () => {
  it('entries pointing at large sessions are dropped, least recently used first, once the characters would exceed the bound', () => {
    const cache = new CompletionCache(300, 50_000);
    const states = Array.from({ length: 10 }, (_, i) => doc(`const v${i} = █\n`));
    for (const state of states) cache.set(state, { session: holding(9_000), typed: '' });
    assert.ok(cache.chars <= 50_000, `${cache.chars} characters`);
    assert.ok(cache.size < 10 && cache.size >= 5, `${cache.size} entries`);
    assert.equal(cache.get(states[0]), undefined, 'the oldest went first');
    assert.ok(cache.get(states[9]), 'the newest is kept');
  });

  it('small entries are bounded by count as before', () => {
    const cache = new CompletionCache(3);
    for (let i = 0; i < 5; i++) cache.set(doc(`const v${i} = █\n`), { session: holding(10), typed: '' });
    assert.equal(cache.size, 3);
  });
});
