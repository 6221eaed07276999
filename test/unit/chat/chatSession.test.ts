import * as assert from 'node:assert/strict';
import { type AnswerAppend, ChatSession } from '../../../src/chat/chatSession';
import { ChatHistory, type HistoryLimits } from '../../../src/chat/history';
import type { ContextItem, Turn } from '../../../src/chat/model';
import { LlmError } from '../../../src/llm/errors';
import type { ChatRequest } from '../../../src/llm/types';
import { FakeChatProvider, settle } from './fakeProvider';
import { MemoryStore } from './memoryStore';

function setup(options: { limits?: HistoryLimits; providerFails?: Error; logged?: string[] } = {}) {
  const provider = new FakeChatProvider();
  const store = new MemoryStore();
  const history = new ChatHistory(store, options.limits);
  let ids = 0;
  let clock = 1000;
  const session = new ChatSession({
    provider: () => (options.providerFails ? Promise.reject(options.providerFails) : Promise.resolve(provider)),
    requestOptions: () => ({ maxTokens: 100, temperature: 0.1 }),
    history,
    now: () => clock++,
    newId: () => `id${++ids}`,
    log: { trace: () => {}, debug: () => {}, info: () => {}, warn: (m) => options.logged?.push(`warn ${m}`), error: (m) => options.logged?.push(`error ${m}`) },
  });
  const appends: AnswerAppend[] = [];
  session.onDidAppend((a) => appends.push(a));
  let changes = 0;
  session.onDidChange(() => changes++);
  const turn = (i = -1): Turn => {
    const turns = session.conversation.turns;
    const t = turns[i < 0 ? turns.length + i : i];
    assert.ok(t, 'turn exists');
    return t;
  };
  return { provider, store, history, session, appends, turn, changes: () => changes };
}

function messagesOf(request: { kind: string }): ChatRequest['messages'] {
  assert.equal(request.kind, 'chat');
  return (request as ChatRequest).messages;
}

describe('ChatSession', () => {
  it('streams the answer token by token, then ends done', async () => {
    const { session, provider, appends, turn } = setup();
    const answered = session.send('What is Rill?');
    const stream = await provider.nth(0);
    assert.deepEqual(messagesOf(stream.request).slice(1), [{ role: 'user', content: 'What is Rill?' }]);
    assert.equal((stream.request as ChatRequest).maxTokens, 100);
    assert.equal(turn().status, 'streaming');
    assert.equal(session.isStreaming, true);

    stream.text('A ');
    await settle();
    assert.equal(turn().answer, 'A ');
    stream.text('stream');
    await settle();
    assert.equal(turn().answer, 'A stream');
    assert.deepEqual(
      appends.map((a) => [a.offset, a.text]),
      [
        [0, 'A '],
        [2, 'stream'],
      ],
    );

    stream.end();
    await answered;
    assert.equal(turn().status, 'done');
    assert.equal(turn().finishReason, 'stop');
    assert.equal(turn().model, 'fake-model');
    assert.equal(turn().outputTokens, 7);
    assert.equal(session.isStreaming, false);
    assert.equal(session.conversation.title, 'What is Rill?');
  });

  it('names the answer\'s model as soon as the request goes out, with a change event (the header shows it mid-stream)', async () => {
    const { session, provider, turn, changes } = setup();
    const seen: string[] = [];
    session.onDidChange(() => seen.push(turn().model));
    const answered = session.send('Which model?');
    const stream = await provider.nth(0);
    await settle();
    assert.equal(turn().status, 'streaming');
    assert.equal(turn().model, 'fake-model');
    assert.ok(seen.includes('fake-model'), `no change event carried the model before the first text: ${JSON.stringify(seen)}`);
    const before = changes();
    stream.text('Fake.');
    stream.end();
    await answered;
    assert.ok(changes() > before, 'the end is a change too');
  });

  it('stop aborts the socket at once and keeps the partial answer, marked stopped', async () => {
    const { session, provider, turn, history } = setup();
    const answered = session.send('Long answer please');
    const stream = await provider.nth(0);
    stream.text('The first part');
    await settle();

    session.stop();
    // Synchronous: the UI shows "stopped" without waiting for the socket to close.
    assert.equal(turn().status, 'stopped');
    assert.equal(stream.signal.aborted, true);
    assert.equal(session.isStreaming, false);
    await answered;
    assert.equal(turn().answer, 'The first part');
    assert.equal(turn().finishReason, 'aborted');
    assert.equal(history.get(session.conversation.id)?.turns[0]?.status, 'stopped');
  });

  it('a failing stream keeps the text that arrived, with the error to show (and in the log)', async () => {
    const logged: string[] = [];
    const { session, provider, turn } = setup({ logged });
    const answered = session.send('q');
    const stream = await provider.nth(0);
    stream.text('partial ');
    await settle();
    stream.fail(new LlmError('overloaded', 'The server is overloaded. Try again in a moment.'));
    await answered;
    assert.equal(turn().status, 'error');
    assert.equal(turn().answer, 'partial ');
    assert.deepEqual(turn().error, { kind: 'overloaded', message: 'The server is overloaded. Try again in a moment.' });
    assert.equal(stream.signal.aborted, true, 'the socket is released');
    assert.deepEqual(logged, ['warn Chat request failed (overloaded): The server is overloaded. Try again in a moment.']);
  });

  it('a provider that cannot be built fails the answer with its message', async () => {
    const { session, turn } = setup({ providerFails: new LlmError('auth', 'No API key: run Rill: Set API Key…') });
    await session.send('q');
    assert.equal(turn().status, 'error');
    assert.equal(turn().error?.kind, 'auth');
  });

  it('an unexpected exception becomes an internal error, not a stuck answer', async () => {
    const { session, provider, turn } = setup();
    const answered = session.send('q');
    (await provider.nth(0)).fail(new TypeError('boom'));
    await answered;
    assert.equal(turn().status, 'error');
    assert.equal(turn().error?.kind, 'internal');
    assert.match(turn().error?.message ?? '', /boom/);
  });

  it('retry after an error streams a fresh answer to the same question', async () => {
    const { session, provider, turn } = setup();
    const first = session.send('q');
    const s0 = await provider.nth(0);
    s0.text('half');
    await settle();
    s0.fail(new LlmError('network', 'Connection lost.'));
    await first;
    const id = turn().id;

    const retried = session.regenerate(id);
    const s1 = await provider.nth(1);
    assert.deepEqual(messagesOf(s1.request), messagesOf(s0.request));
    assert.equal(turn().answer, '', 'the partial answer is replaced');
    assert.equal(turn().status, 'streaming');
    assert.equal(turn().error, undefined);
    s1.text('whole');
    s1.end();
    await retried;
    assert.equal(session.conversation.turns.length, 1);
    assert.equal(turn().id, id);
    assert.equal(turn().answer, 'whole');
    assert.equal(turn().status, 'done');
  });

  it('regenerate re-runs only the last answer, and not while one is streaming', async () => {
    const { session, provider, turn } = setup();
    const a = session.send('one');
    (await provider.nth(0)).end();
    await a;
    const firstId = turn().id;
    const b = session.send('two');
    await session.regenerate(firstId); // ignored: streaming, and not the last turn
    (await provider.nth(1)).end();
    await b;
    await session.regenerate(firstId); // ignored: not the last turn
    assert.equal(provider.streams.length, 2);

    const c = session.regenerate(turn().id);
    const s2 = await provider.nth(2);
    s2.text('again');
    s2.end();
    await c;
    assert.equal(turn().answer, 'again');
    assert.equal(turn().question, 'two');
  });

  it('edit and resend replaces the last question and asks again', async () => {
    const { session, provider, turn } = setup();
    const a = session.send('wrong question');
    const s0 = await provider.nth(0);
    s0.text('answer to the wrong one');
    s0.end();
    await a;
    const edited = session.editAndResend(turn().id, 'right question');
    const s1 = await provider.nth(1);
    assert.deepEqual(messagesOf(s1.request).slice(1), [{ role: 'user', content: 'right question' }]);
    s1.end();
    await edited;
    assert.equal(turn().question, 'right question');
    assert.equal(session.conversation.title, 'right question');
    assert.equal(session.conversation.turns.length, 1);
  });

  it('earlier turns go into the prompt; a turn that produced no text is left out', async () => {
    const { session, provider } = setup();
    const a = session.send('first');
    const s0 = await provider.nth(0);
    s0.text('first answer');
    s0.end();
    await a;
    const b = session.send('second');
    (await provider.nth(1)).fail(new LlmError('network', 'down'));
    await b;
    const c = session.send('third');
    const s2 = await provider.nth(2);
    assert.deepEqual(
      messagesOf(s2.request).map((m) => [m.role, m.content]),
      [
        ['system', messagesOf(s2.request)[0]?.content],
        ['user', 'first'],
        ['assistant', 'first answer'],
        ['user', 'third'],
      ],
    );
    s2.end();
    await c;
  });

  it('a new question while an answer streams stops that answer and keeps it', async () => {
    const { session, provider, turn } = setup();
    const a = session.send('one');
    const s0 = await provider.nth(0);
    s0.text('partial one');
    await settle();
    const b = session.send('two');
    assert.equal(s0.signal.aborted, true);
    assert.equal(turn(0).status, 'stopped');
    assert.equal(turn(0).answer, 'partial one');
    const s1 = await provider.nth(1);
    assert.deepEqual(messagesOf(s1.request).slice(1).map((m) => m.content), ['one', 'partial one', 'two']);
    s1.end();
    await Promise.all([a, b]);
  });

  it('attached context is sent in fences the context itself cannot close', async () => {
    const { session, provider, turn } = setup();
    const context: ContextItem[] = [{ id: 'c1', label: 'a.md:1-2', text: 'x ``` y', language: 'markdown', tokens: 2 }];
    const a = session.send('explain', context);
    const s0 = await provider.nth(0);
    assert.equal(messagesOf(s0.request)[1]?.content, 'a.md:1-2:\n````markdown\nx ``` y\n````\n\nexplain');
    assert.deepEqual(turn().context, context);
    s0.end();
    await a;
  });

  it('new chat stops the answer, keeps the old conversation in history, and it can be reopened', async () => {
    const { session, provider, history } = setup();
    const a = session.send('keep me');
    const s0 = await provider.nth(0);
    s0.text('partial');
    await settle();
    const oldId = session.conversation.id;
    session.newConversation();
    await a;
    assert.equal(s0.signal.aborted, true);
    assert.equal(session.conversation.turns.length, 0);
    assert.notEqual(session.conversation.id, oldId);
    assert.deepEqual(
      history.list().map((c) => [c.id, c.title, c.turnCount]),
      [[oldId, 'keep me', 1]],
    );

    assert.equal(session.open(oldId), true);
    assert.equal(session.conversation.id, oldId);
    assert.equal(session.conversation.turns[0]?.answer, 'partial');
    assert.equal(session.open('missing'), false);
  });

  it('text and events arriving after stop are ignored', async () => {
    const { session, provider, turn, appends } = setup();
    const a = session.send('q');
    const s0 = await provider.nth(0);
    s0.text('kept');
    await settle();
    session.stop();
    s0.text('late');
    await a;
    assert.equal(turn().answer, 'kept');
    assert.equal(appends.length, 1);
  });
});
