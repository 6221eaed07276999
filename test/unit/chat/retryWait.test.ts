// A server's Retry-After as the chat shows it: the wait before a request is asked again is sent to
// the page as what is left of it (the page counts it down), and an answer refused with a
// Retry-After too long to wait out keeps when Retry can work again, so the page disables Retry
// until then instead of offering a Retry that meets the limit again.
import * as assert from 'node:assert/strict';
import { ChatSession } from '../../../src/chat/chatSession';
import { ChatHistory } from '../../../src/chat/history';
import { toTurnView } from '../../../src/chat/viewState';
import { LlmError } from '../../../src/llm/errors';
import { describeLeft, retryingNote } from '../../../src/protocol/retryWait';
import { FakeChatProvider, settle } from './fakeProvider';
import { MemoryStore } from './memoryStore';

function setup() {
  const provider = new FakeChatProvider();
  const time = { now: 1_000_000 };
  let ids = 0;
  const session = new ChatSession({
    provider: () => Promise.resolve(provider),
    requestOptions: () => ({}),
    history: new ChatHistory(new MemoryStore()),
    now: () => time.now,
    newId: () => `id${++ids}`,
  });
  /** The last turn as the page is sent it now. */
  const view = () => {
    const t = session.conversation.turns.at(-1);
    assert.ok(t);
    return toTurnView(t, time.now);
  };
  return { provider, session, time, view };
}

describe('Retry-After in the chat: counted down, and Retry held until it passed', () => {
  it('a 6 s wait before asking again reaches the page as what is left of it, until text comes', async () => {
    const { provider, session, time, view } = setup();
    const answered = session.send('Explain the Cart class in detail');
    const stream = await provider.nth(0);
    stream.event({ type: 'retrying', waitMs: 6000, kind: 'rate-limited' });
    await settle();
    assert.equal(view().progress, 'The server is rate limiting requests; asking again in 6 s…');
    assert.deepEqual(view().retrying, { why: 'The server is rate limiting requests', inMs: 6000 });
    // A snapshot sent 4 s later (the panel shown again, a reloaded page) says what is left.
    time.now += 4000;
    assert.deepEqual(view().retrying, { why: 'The server is rate limiting requests', inMs: 2000 });
    stream.text('The Cart class');
    await settle();
    assert.equal(view().retrying, undefined);
    assert.equal(view().progress, undefined);
    stream.end();
    await answered;
  });

  it('a 429 whose 45 s Retry-After is not waited out: the message leaves its wait to the countdown, and Retry is held 45 s', async () => {
    const { provider, session, time, view } = setup();
    const answered = session.send('Explain the Cart class in detail');
    const message = 'The chat server is rate limiting requests (HTTP 429). Retry in 45 s. (Rate limit reached)';
    (await provider.nth(0)).fail(new LlmError('rate-limited', message, { status: 429, retryAfterMs: 45_000 }));
    await answered;
    assert.equal(session.conversation.turns.at(-1)?.error?.message, message, 'the stored message is as it came');
    assert.deepEqual(view().error, {
      kind: 'rate-limited',
      message: 'The chat server is rate limiting requests (HTTP 429). (Rate limit reached)',
      remedy: undefined,
      retryInMs: 45_000,
    });
    time.now += 30_000;
    assert.equal(view().error?.retryInMs, 15_000);
    time.now += 15_000;
    assert.equal(view().error?.retryInMs, undefined, 'Retry is offered once the wait passed');
    assert.equal(view().error?.message, 'The chat server is rate limiting requests (HTTP 429). (Rate limit reached)');
  });

  it('an error without a Retry-After is shown as it came, Retry at once', async () => {
    const { provider, session, view } = setup();
    const answered = session.send('q');
    (await provider.nth(0)).fail(new LlmError('network', 'The connection was lost.'));
    await answered;
    assert.deepEqual(view().error, { kind: 'network', message: 'The connection was lost.', remedy: undefined });
  });
});

describe('retryWait: how a wait left is told', () => {
  const cases: Array<[number, string]> = [
    [45_000, '45 s'],
    [44_001, '45 s'],
    [44_000, '44 s'],
    [300, '1 s'],
    [119_000, '119 s'],
    [300_000, '5 min'],
    [3 * 3_600_000, '3 h'],
  ];
  for (const [ms, told] of cases) {
    it(`${ms} ms is "${told}"`, () => assert.equal(describeLeft(ms), told));
  }

  it('the note says "again…" once its time has come (the request is on its way)', () => {
    assert.equal(retryingNote('The server is overloaded', 1500), 'The server is overloaded; asking again in 2 s…');
    assert.equal(retryingNote('The server is overloaded', 0), 'The server is overloaded; asking again…');
  });
});
