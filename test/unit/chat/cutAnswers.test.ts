// An answer whose stream did not end properly is never shown as complete.
import * as assert from 'node:assert/strict';
import { ChatSession } from '../../../src/chat/chatSession';
import { ChatHistory } from '../../../src/chat/history';
import { FakeChatProvider, settle } from './fakeProvider';
import { MemoryStore } from './memoryStore';

describe('ChatSession: cut answers', () => {
  it('a stream that stops without saying how the answer ended is an error, its text kept', async () => {
    const provider = new FakeChatProvider();
    let ids = 0;
    const session = new ChatSession({
      provider: () => Promise.resolve(provider),
      requestOptions: () => ({}),
      history: new ChatHistory(new MemoryStore()),
      now: () => 1,
      newId: () => `id${++ids}`,
    });
    const answered = session.send('Tell me');
    const stream = await provider.nth(0);
    stream.text('Half an ans');
    await settle();
    stream.cut();
    await answered;
    const turn = session.conversation.turns[0];
    assert.equal(turn?.status, 'error');
    assert.equal(turn?.error?.kind, 'network');
    assert.match(turn?.error?.message ?? '', /closed before the answer was complete/);
    assert.equal(turn?.answer, 'Half an ans');
  });

  it('a token limit spent before any text (a reasoning model thinking) is an error that names the setting, not an empty answer', async () => {
    const provider = new FakeChatProvider();
    let ids = 0;
    const session = new ChatSession({
      provider: () => Promise.resolve(provider),
      requestOptions: () => ({ maxTokens: 4096 }),
      history: new ChatHistory(new MemoryStore()),
      now: () => 1,
      newId: () => `id${++ids}`,
    });
    const answered = session.send('Prove it');
    (await provider.nth(0)).end('length');
    await answered;
    const turn = session.conversation.turns[0];
    assert.equal(turn?.status, 'error');
    assert.equal(turn?.error?.kind, 'bad-request');
    assert.equal(
      turn?.error?.message,
      'The model used up the token limit of 4096 before writing any answer: a reasoning model spends tokens thinking first. Raise "rill.chat.maxTokens", then Retry.',
    );
  });
});
