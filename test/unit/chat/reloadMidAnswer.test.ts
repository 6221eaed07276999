// A window reloaded (or closed) while an answer streams: the question and the text so far must be
// in history already, since nothing runs at the end of a window that is going away.
import * as assert from 'node:assert/strict';
import { SAVE_EVERY_MS } from '../../../src/chat/conversationSaver';
import { ChatHistory } from '../../../src/chat/history';
import type { Conversation, Turn } from '../../../src/chat/model';
import { toTurnView } from '../../../src/chat/viewState';
import { FakeClock } from '../helpers/fakeClock';
import { chatWindowOn } from './chatWindow';
import { FakeChatProvider } from './fakeProvider';
import { MemoryStore } from './memoryStore';

/** One window's chat over `store`: the workspace storage that outlives the window. */
const windowOn = (store: MemoryStore, clock: FakeClock, provider = new FakeChatProvider()) => chatWindowOn(store, clock, provider);

/** What the storage holds now, as a new window would read it. */
function storedConversation(store: MemoryStore, id: string): Conversation | undefined {
  return new ChatHistory(store).get(id);
}

function lastTurnOf(conversation: Conversation | undefined): Turn | undefined {
  return conversation?.turns[conversation.turns.length - 1];
}

describe('ChatSession: a window reloaded mid-answer', () => {
  it('the question is in storage as soon as it is sent, before any text', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock();
    const { session, provider } = windowOn(store, clock);
    void session.send('reload mid stream');
    await provider.nth(0);
    const stored = lastTurnOf(storedConversation(store, session.conversation.id));
    assert.equal(stored?.question, 'reload mid stream');
    assert.equal(stored?.status, 'streaming');
  });

  it('the text is saved as it streams, at most once per SAVE_EVERY_MS, not once per token', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock();
    const { session, provider } = windowOn(store, clock);
    void session.send('reload mid stream');
    const stream = await provider.nth(0);
    const writesAtSend = store.writes;
    // 2 tokens a second for 4 s, as the server of the report streamed.
    for (let i = 0; i < 8; i++) {
      stream.text(`word${i} `);
      await clock.advance(500);
    }
    const writes = store.writes - writesAtSend;
    assert.ok(writes >= 2 && writes <= Math.ceil(4000 / SAVE_EVERY_MS), `${writes} writes for 8 tokens in 4 s`);
    const stored = lastTurnOf(storedConversation(store, session.conversation.id));
    // At most the last SAVE_EVERY_MS of text is missing.
    assert.match(stored?.answer ?? '', /^word0 word1 word2 word3 word4 /);
  });

  it('a new window reopens the turn with its partial text, cut off, and offers Continue', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock();
    const before = windowOn(store, clock);
    void before.session.send('reload mid stream');
    const stream = await before.provider.nth(0);
    stream.text('The inventory module stores ');
    await clock.advance(SAVE_EVERY_MS);
    const id = before.session.conversation.id;

    // The window goes away without its session ending the answer: a new one reads the storage.
    const after = windowOn(store, clock);
    assert.equal(after.session.open(id), true);
    const turn = lastTurnOf(after.session.conversation);
    assert.equal(turn?.question, 'reload mid stream');
    assert.equal(turn?.answer, 'The inventory module stores ');
    assert.equal(turn?.status, 'error');
    assert.equal(turn?.error?.kind, 'interrupted');
    assert.match(turn?.error?.message ?? '', /cut off when the window closed or reloaded/);
    assert.ok(turn && toTurnView(turn, 0).continuable, 'Continue is offered');

    // Continue goes on from the saved text.
    const continued = after.session.continue(turn!.id);
    const next = await after.provider.nth(0);
    next.text('a map of items.');
    next.end();
    await continued;
    assert.equal(lastTurnOf(after.session.conversation)?.answer, 'The inventory module stores a map of items.');
    assert.equal(lastTurnOf(after.session.conversation)?.status, 'done');
  });

  it('a question reloaded before any text reopens with Retry only (nothing to continue)', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock();
    const before = windowOn(store, clock);
    void before.session.send('reload before the first token');
    await before.provider.nth(0);
    const after = windowOn(store, clock);
    assert.equal(after.session.open(before.session.conversation.id), true);
    const turn = lastTurnOf(after.session.conversation);
    assert.equal(turn?.status, 'error');
    assert.equal(turn && toTurnView(turn, 0).continuable, false);
  });

  it('a session disposed mid-answer (the window closing) saves it as cut off, not as stopped by the user', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock();
    const { session, provider } = windowOn(store, clock);
    void session.send('closing');
    const stream = await provider.nth(0);
    stream.text('Half ');
    await clock.flush();
    const id = session.conversation.id;
    session.dispose();
    assert.equal(stream.signal.aborted, true);
    const stored = lastTurnOf(storedConversation(store, id));
    assert.equal(stored?.answer, 'Half ');
    assert.equal(stored?.error?.kind, 'interrupted');
    assert.equal(clock.pendingTimers, 0, 'no save left waiting');
  });

  it('reopening the conversation whose answer streams shows the answer as it ended, not an older save', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock();
    const { session, provider } = windowOn(store, clock);
    void session.send('q');
    const stream = await provider.nth(0);
    stream.text('saved ');
    await clock.advance(SAVE_EVERY_MS);
    stream.text('and more');
    await clock.flush();
    assert.equal(session.open(session.conversation.id), true);
    const turn = lastTurnOf(session.conversation);
    assert.equal(turn?.answer, 'saved and more');
    assert.equal(turn?.status, 'stopped');
  });
});
