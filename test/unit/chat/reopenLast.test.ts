// After a reload the chat shows the conversation the user had open, as VS Code's own chat does.
import * as assert from 'node:assert/strict';
import { chatWindowOn } from './chatWindow';
import { MemoryStore } from './memoryStore';

/** One window's chat over `store`, the workspace storage that outlives the window. */
const windowOn = (store: MemoryStore) => chatWindowOn(store);

async function askAndAnswer(w: ReturnType<typeof windowOn>, question: string, answer: string): Promise<void> {
  const answered = w.session.send(question);
  const stream = await w.provider.nth(w.provider.streams.length);
  stream.text(answer);
  stream.end();
  await answered;
}

describe('ChatSession: the conversation open at reload', () => {
  it('a reloaded window reopens the conversation that was open, all its questions', async () => {
    const store = new MemoryStore();
    const before = windowOn(store);
    for (let i = 1; i <= 10; i++) await askAndAnswer(before, `question ${i}`, `answer ${i}`);
    const id = before.session.conversation.id;

    const after = windowOn(store);
    assert.equal(after.session.reopenLast(), true);
    assert.equal(after.session.conversation.id, id);
    assert.deepEqual(
      after.session.conversation.turns.map((t) => t.question),
      Array.from({ length: 10 }, (_, i) => `question ${i + 1}`),
    );
  });

  it('one reopened from history is the one reopened next time', async () => {
    const store = new MemoryStore();
    const first = windowOn(store);
    await askAndAnswer(first, 'older', 'a');
    const olderId = first.session.conversation.id;
    first.session.newConversation();
    await askAndAnswer(first, 'newer', 'b');
    assert.equal(first.session.open(olderId), true);

    const after = windowOn(store);
    assert.equal(after.session.reopenLast(), true);
    assert.equal(after.session.conversation.id, olderId);
  });

  it('after New Chat the reloaded chat is empty; nothing stored, nothing reopened', async () => {
    const store = new MemoryStore();
    const before = windowOn(store);
    await askAndAnswer(before, 'done with this', 'ok');
    before.session.newConversation();
    const after = windowOn(store);
    assert.equal(after.session.reopenLast(), false);
    assert.equal(after.session.conversation.turns.length, 0);

    assert.equal(windowOn(new MemoryStore()).session.reopenLast(), false, 'a first window has nothing to reopen');
  });

  it('a conversation deleted from history leaves the reloaded chat empty', async () => {
    const store = new MemoryStore();
    const before = windowOn(store);
    await askAndAnswer(before, 'to delete', 'ok');
    await before.history.delete(before.session.conversation.id);
    const after = windowOn(store);
    assert.equal(after.session.reopenLast(), false);
    assert.equal(after.session.conversation.turns.length, 0);
  });
});
