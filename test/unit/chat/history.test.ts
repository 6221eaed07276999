import * as assert from 'node:assert/strict';
import { ChatHistory } from '../../../src/chat/history';
import type { Conversation } from '../../../src/chat/model';
import { MemoryStore } from './memoryStore';

function conversation(id: string, answerChars = 10): Conversation {
  return {
    id,
    title: `title ${id}`,
    createdAt: 1,
    updatedAt: 2,
    turns: [
      { id: `${id}-t`, question: 'q', context: [], answer: 'a'.repeat(answerChars), status: 'done', model: 'm', askedAt: 1 },
    ],
  };
}

describe('ChatHistory', () => {
  it('two windows on the same workspace (one store, kept in step) keep each other\'s conversations, and a delete in one removes only that one', async () => {
    const store = new MemoryStore();
    const first = new ChatHistory(store);
    const second = new ChatHistory(store);
    assert.deepEqual(second.list(), []);
    await first.save(conversation('a'));
    await second.save(conversation('b'));
    await first.save(conversation('c'));
    assert.deepEqual(first.list().map((c) => c.id), ['c', 'b', 'a']);
    assert.deepEqual(second.list().map((c) => c.id), ['c', 'b', 'a']);
    await second.delete('a');
    assert.deepEqual(first.list().map((c) => c.id), ['c', 'b']);
  });

  it('restore (Undo of a delete) puts a conversation back at its place, or last when history got shorter', async () => {
    const history = new ChatHistory(new MemoryStore());
    for (const id of ['a', 'b', 'c', 'd']) await history.save(conversation(id));
    const b = history.get('b');
    assert.ok(b);
    await history.delete('b');
    await history.restore(b, 2);
    assert.deepEqual(history.list().map((c) => c.id), ['d', 'c', 'b', 'a']);
    await history.delete('b');
    await history.delete('a');
    await history.delete('c');
    await history.restore(b, 2);
    assert.deepEqual(history.list().map((c) => c.id), ['d', 'b']);
  });

  it('keeps the newest conversations up to the count limit, newest first', async () => {
    const store = new MemoryStore();
    const history = new ChatHistory(store, { maxConversations: 3, maxChars: 1e9 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await history.save(conversation(id));
    assert.deepEqual(history.list().map((c) => c.id), ['e', 'd', 'c']);
    assert.equal(history.get('a'), undefined);
  });

  it('saving an existing conversation moves it to the front instead of duplicating it', async () => {
    const history = new ChatHistory(new MemoryStore());
    await history.save(conversation('a'));
    await history.save(conversation('b'));
    await history.save(conversation('a'));
    assert.deepEqual(history.list().map((c) => c.id), ['a', 'b']);
  });

  it('drops the oldest conversations beyond the character limit, but always keeps the newest', async () => {
    const history = new ChatHistory(new MemoryStore(), { maxConversations: 100, maxChars: 250 });
    await history.save(conversation('a', 100));
    await history.save(conversation('b', 100));
    await history.save(conversation('c', 100));
    assert.deepEqual(history.list().map((c) => c.id), ['c', 'b']);
    await history.save(conversation('huge', 1000));
    assert.deepEqual(history.list().map((c) => c.id), ['huge']);
  });

  it('survives a reload from the store, and ignores stored entries of the wrong shape', async () => {
    const store = new MemoryStore();
    await new ChatHistory(store).save(conversation('a'));
    const [key] = [...store.values.keys()];
    assert.ok(key);
    // One whose attached context has no text: kept, it made every later save throw (its size is counted).
    const damaged = { ...conversation('damaged'), turns: conversation('damaged').turns.map((t) => ({ ...t, context: [{ id: 'x', label: 'x.ts' }] })) };
    store.values.set(key, [...(store.get<unknown[]>(key) ?? []), { id: 5 }, null, 'junk', damaged]);
    const reloaded = new ChatHistory(store);
    assert.deepEqual(reloaded.list(), [{ id: 'a', title: 'title a', updatedAt: 2, turnCount: 1 }]);
    assert.equal(reloaded.get('a')?.turns[0]?.answer, 'a'.repeat(10));
    await reloaded.save(conversation('b'));
    assert.deepEqual(reloaded.list().map((c) => c.id), ['b', 'a']);
  });

  it('does not store a conversation without turns; delete and clear persist', async () => {
    const store = new MemoryStore();
    const history = new ChatHistory(store);
    await history.save({ id: 'empty', title: 'x', createdAt: 1, updatedAt: 1, turns: [] });
    assert.equal(store.writes, 0);
    await history.save(conversation('a'));
    await history.save(conversation('b'));
    await history.delete('a');
    assert.deepEqual(new ChatHistory(store).list().map((c) => c.id), ['b']);
    await history.clear();
    assert.deepEqual(new ChatHistory(store).list(), []);
  });
});
