// "Delete from history" in Show Chat History, on the conversation the chat shows: it must stay
// deleted. Left open in the chat, the next question (or the text of an answer still streaming)
// saved it back into history, with every turn.
import * as assert from 'node:assert/strict';
import { chatWindowOn } from './chatWindow';
import { MemoryStore } from './memoryStore';

const chatOn = (store: MemoryStore) => chatWindowOn(store);

async function askAndAnswer(c: ReturnType<typeof chatOn>, question: string, answer: string): Promise<void> {
  const answered = c.session.send(question);
  const stream = await c.provider.nth(c.provider.streams.length);
  stream.text(answer);
  stream.end();
  await answered;
}

describe('ChatSession: deleting a conversation from history', () => {
  it('the open one deleted, the next question starts a new conversation and the deleted one stays out of history', async () => {
    const c = chatOn(new MemoryStore());
    await askAndAnswer(c, 'secret plan', 'ok');
    const deleted = c.session.conversation.id;

    await c.session.forget(deleted);
    assert.equal(c.session.conversation.turns.length, 0, 'the chat still shows the deleted conversation');
    await askAndAnswer(c, 'something else', 'fine');

    assert.deepEqual(
      c.history.list().map((s) => s.title),
      ['something else'],
    );
    assert.equal(c.history.get(deleted), undefined, 'the deleted conversation came back into history');
  });

  it('deleted while its answer streams, the answer is stopped and its text does not save it back', async () => {
    const c = chatOn(new MemoryStore());
    const answered = c.session.send('long story');
    const stream = await c.provider.nth(0);
    stream.text('Once upon');
    const deleted = c.session.conversation.id;

    await c.session.forget(deleted);
    await answered;
    stream.text(' a time');
    await c.clock.advance(10_000);

    assert.equal(c.session.isStreaming, false);
    assert.equal(c.history.get(deleted), undefined, 'the streaming answer saved the deleted conversation back');
    assert.deepEqual(c.history.list(), []);
  });

  it('another conversation deleted leaves the open one as it is', async () => {
    const c = chatOn(new MemoryStore());
    await askAndAnswer(c, 'older', 'a');
    const older = c.session.conversation.id;
    c.session.newConversation();
    await askAndAnswer(c, 'newer', 'b');
    const open = c.session.conversation.id;

    await c.session.forget(older);
    assert.equal(c.session.conversation.id, open);
    assert.deepEqual(
      c.history.list().map((s) => s.id),
      [open],
    );
  });

  describe('Undo', () => {
    it('brings the open conversation back exactly: messages, title, place in history, and reopens it', async () => {
      const c = chatOn(new MemoryStore());
      await askAndAnswer(c, 'oldest question', 'a');
      c.session.newConversation();
      await askAndAnswer(c, 'Explain the Cart class', 'It holds items.');
      const open = c.session.conversation;
      c.session.newConversation();
      await askAndAnswer(c, 'newest question', 'c');
      c.session.open(open.id);
      const before = c.history.list();
      assert.deepEqual(before.map((s) => s.title), ['newest question', 'Explain the Cart class', 'oldest question']);
      const stored = c.history.get(open.id);

      const deleted = await c.session.forget(open.id);
      assert.ok(deleted);
      assert.equal(c.session.conversation.turns.length, 0);
      assert.equal(await c.session.undoForget(deleted), true, 'reopened');

      assert.deepEqual(c.history.list(), before, 'back in its place, with its title');
      assert.deepEqual(c.history.get(open.id), stored, 'every message as it was');
      assert.equal(c.session.conversation.id, open.id);
      assert.deepEqual(c.session.conversation.turns.map((t) => [t.question, t.answer]), [['Explain the Cart class', 'It holds items.']]);
    });

    it('a conversation that was not open comes back into history and the open one stays', async () => {
      const c = chatOn(new MemoryStore());
      await askAndAnswer(c, 'older', 'a');
      const older = c.session.conversation.id;
      c.session.newConversation();
      await askAndAnswer(c, 'newer', 'b');
      const open = c.session.conversation.id;

      const deleted = await c.session.forget(older);
      assert.ok(deleted);
      assert.equal(await c.session.undoForget(deleted), false);
      assert.equal(c.session.conversation.id, open);
      assert.deepEqual(c.history.list().map((s) => s.id), [open, older]);
    });

    it('a question asked after the delete stays on screen: the undone conversation is back in history only', async () => {
      const c = chatOn(new MemoryStore());
      await askAndAnswer(c, 'deleted one', 'a');
      const deletedId = c.session.conversation.id;
      const deleted = await c.session.forget(deletedId);
      assert.ok(deleted);
      await askAndAnswer(c, 'asked since', 'b');
      const since = c.session.conversation.id;

      assert.equal(await c.session.undoForget(deleted), false);
      assert.equal(c.session.conversation.id, since);
      assert.deepEqual(c.history.list().map((s) => s.title), ['deleted one', 'asked since']);
    });

    it('deleted mid-answer, Undo brings back the answer as it was stopped', async () => {
      const c = chatOn(new MemoryStore());
      const answered = c.session.send('long story');
      const stream = await c.provider.nth(0);
      stream.text('Once upon');
      await c.clock.flush();
      const deleted = await c.session.forget(c.session.conversation.id);
      await answered;
      assert.ok(deleted);
      await c.session.undoForget(deleted);
      assert.deepEqual(c.session.conversation.turns.map((t) => [t.answer, t.status]), [['Once upon', 'stopped']]);
    });
  });
});
