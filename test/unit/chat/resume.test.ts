// Continuing an answer from its partial text: Continue after a cut or a length limit, the automatic
// resume once after a transient drop (never after auth, bad request or a prompt too long), the
// continuation request (the partial answer as the assistant's last message) and the seam.
import * as assert from 'node:assert/strict';
import { ChatSession } from '../../../src/chat/chatSession';
import { ChatHistory } from '../../../src/chat/history';
import { canContinue } from '../../../src/chat/resume';
import { LlmError } from '../../../src/llm/errors';
import type { ChatRequest } from '../../../src/llm/types';
import { FakeChatProvider, settle } from './fakeProvider';
import { MemoryStore } from './memoryStore';

function setup(autoResume = true) {
  const provider = new FakeChatProvider();
  let ids = 0;
  const session = new ChatSession({
    provider: () => Promise.resolve(provider),
    requestOptions: () => ({ maxTokens: 100 }),
    history: new ChatHistory(new MemoryStore()),
    now: () => 1,
    newId: () => `id${++ids}`,
    autoResume: () => autoResume,
  });
  const turn = () => {
    const t = session.conversation.turns.at(-1);
    assert.ok(t);
    return t;
  };
  return { provider, session, turn };
}

const lastMessage = (request: { kind: string }) => (request as ChatRequest).messages.at(-1);
const dropped = () => new LlmError('network', 'Could not complete the request to http://x: the connection was lost mid-answer.');

describe('ChatSession: continuing a cut answer', () => {
  it('a dropped connection after some text resumes once by itself, and the answer ends whole', async () => {
    const { provider, session, turn } = setup();
    const answered = session.send('Explain rivers');
    const first = await provider.nth(0);
    first.text('Rivers carve canyons ');
    await settle();
    first.fail(dropped());
    const second = await provider.nth(1);
    // The continuation asks for the rest: the partial answer is the assistant's last message,
    // without its trailing space (Anthropic rejects one; tokenizers expect it in the next token).
    assert.deepEqual(lastMessage(second.request), { role: 'assistant', content: 'Rivers carve canyons' });
    assert.equal((second.request as ChatRequest).messages.at(-2)?.content, 'Explain rivers');
    assert.equal(turn().status, 'streaming', 'the reader never sees the drop as an error');
    second.text(' canyons slowly');
    second.text(', grain by grain.');
    second.end();
    await answered;
    assert.equal(turn().status, 'done');
    assert.equal(turn().answer, 'Rivers carve canyons slowly, grain by grain.', 'the repeated word at the seam is dropped');
    assert.equal(turn().continued, 1);
  });

  it('while it resumes by itself the answer says so, and Stop then keeps the cut with Continue offered', async () => {
    const { provider, session, turn } = setup();
    const answered = session.send('Explain rivers');
    const first = await provider.nth(0);
    first.text('Rivers carve canyons ');
    await settle();
    first.fail(dropped());
    await provider.nth(1);
    assert.equal(turn().status, 'streaming');
    assert.match(turn().progress ?? '', /connection .*lost.*continuing/i, 'the reader is told why the answer paused');
    session.stop();
    await answered;
    // The user stopped the retry, not the answer: it is still cut, and can be continued.
    assert.equal(turn().status, 'error');
    assert.equal(turn().error?.kind, 'network');
    assert.equal(turn().progress, undefined);
    assert.ok(canContinue(turn()), 'Continue is still offered');
    assert.equal(turn().answer, 'Rivers carve canyons ');
  });

  it('a wait before the request is asked again (a rate limit\'s Retry-After) is said, until text comes', async () => {
    const { provider, session, turn } = setup();
    const answered = session.send('Explain rivers');
    const stream = await provider.nth(0);
    stream.event({ type: 'retrying', waitMs: 500, kind: 'network' });
    await settle();
    assert.equal(turn().progress, undefined, 'half a second of backoff is no news');
    stream.event({ type: 'retrying', waitMs: 20_000, kind: 'rate-limited' });
    await settle();
    assert.equal(turn().progress, 'The server is rate limiting requests; asking again in 20 s…');
    stream.text('Rivers carve canyons.');
    await settle();
    assert.equal(turn().progress, undefined);
    stream.end();
    await answered;
    assert.equal(turn().status, 'done');
  });

  it('the note goes once the continuation brings text', async () => {
    const { provider, session, turn } = setup();
    const answered = session.send('Explain rivers');
    const first = await provider.nth(0);
    first.text('Rivers carve canyons ');
    await settle();
    first.fail(dropped());
    const second = await provider.nth(1);
    second.text(' slowly, grain by grain.');
    await settle();
    assert.equal(turn().progress, undefined);
    second.end();
    await answered;
    assert.equal(turn().status, 'done');
  });

  it('a second drop stops there: the partial answer, the error, and Continue offered', async () => {
    const { provider, session, turn } = setup();
    const answered = session.send('Explain');
    (await provider.nth(0)).text('One two');
    await settle();
    provider.streams[0]?.fail(dropped());
    const second = await provider.nth(1);
    second.text(' three');
    await settle();
    second.fail(new LlmError('stalled', 'The server stopped sending text for 15 s.'));
    await answered;
    assert.equal(provider.streams.length, 2, 'resumed by itself only once');
    assert.equal(turn().status, 'error');
    assert.equal(turn().error?.kind, 'stalled');
    assert.equal(turn().answer, 'One two three');
    assert.ok(canContinue(turn()));

    // Continue: the user asks for the rest.
    const continued = session.continue(turn().id);
    const third = await provider.nth(2);
    assert.deepEqual(lastMessage(third.request), { role: 'assistant', content: 'One two three' });
    third.text(' four.');
    third.end();
    await continued;
    assert.equal(turn().status, 'done');
    assert.equal(turn().answer, 'One two three four.');
    assert.equal(turn().error, undefined);
  });

  for (const [kind, message] of [
    ['auth', 'The server rejected the API key.'],
    ['bad-request', 'The prompt is too long for model "m" (HTTP 400).'],
    ['rate-limited', 'Rate limited. Retry in 30 s.'],
  ] as const) {
    it(`${kind} never resumes by itself`, async () => {
      const { provider, session, turn } = setup();
      const answered = session.send('Q');
      (await provider.nth(0)).text('Partial');
      await settle();
      provider.streams[0]?.fail(new LlmError(kind, message, { status: 400 }));
      await answered;
      assert.equal(provider.streams.length, 1);
      assert.equal(turn().status, 'error');
      assert.equal(canContinue(turn()), kind === 'rate-limited', 'Continue offered only for a rate limit (the user waits, then goes on)');
    });
  }

  it('a server that did not stream (a 200) is not resumed by itself', async () => {
    const { provider, session } = setup();
    const answered = session.send('Q');
    (await provider.nth(0)).text('The whole answer.');
    await settle();
    provider.streams[0]?.fail(new LlmError('server', 'The server did not stream.', { status: 200 }));
    await answered;
    assert.equal(provider.streams.length, 1);
  });

  it('nothing arrived: nothing to continue (Retry asks again)', async () => {
    const { provider, session, turn } = setup();
    const answered = session.send('Q');
    (await provider.nth(0)).fail(dropped());
    await answered;
    assert.equal(provider.streams.length, 1);
    assert.equal(canContinue(turn()), false);
  });

  it('with rill.chat.autoResume off, a drop shows Continue at once', async () => {
    const { provider, session, turn } = setup(false);
    const answered = session.send('Q');
    (await provider.nth(0)).text('Partial');
    await settle();
    provider.streams[0]?.fail(dropped());
    await answered;
    assert.equal(provider.streams.length, 1);
    assert.ok(canContinue(turn()));
  });

  it('a cut at the token limit keeps its message and gains Continue, which appends the rest', async () => {
    const { provider, session, turn } = setup();
    const answered = session.send('Long one');
    const first = await provider.nth(0);
    first.text('Part one,');
    first.end('length');
    await answered;
    assert.equal(turn().status, 'done');
    assert.equal(turn().finishReason, 'length');
    assert.ok(canContinue(turn()));
    const continued = session.continue(turn().id);
    const second = await provider.nth(1);
    assert.deepEqual(lastMessage(second.request), { role: 'assistant', content: 'Part one,' });
    second.text(' part two.');
    second.end();
    await continued;
    assert.equal(turn().answer, 'Part one, part two.');
    assert.equal(turn().finishReason, 'stop');
    assert.equal(canContinue(turn()), false);
  });

  it('a server that starts the answer over instead of continuing: its new answer replaces the cut one, not glued on', async () => {
    const { provider, session, turn } = setup();
    let changes = 0;
    session.onDidChange(() => changes++);
    const answered = session.send('What does the inventory module do?');
    const first = await provider.nth(0);
    first.text('The inventory module keeps a map of items. Each');
    await settle();
    first.fail(dropped());
    const second = await provider.nth(1);
    const changesBefore = changes;
    second.text('The inventory module stores a map of items. Each');
    await settle();
    assert.equal(turn().answer, 'The inventory module stores a map of items. Each');
    assert.ok(changes > changesBefore, 'a change event: the page redraws the answer from a snapshot');
    second.text(' item has a name.');
    second.end();
    await answered;
    assert.equal(turn().answer, 'The inventory module stores a map of items. Each item has a name.');
    assert.equal(turn().status, 'done');
    // Not "Continued from where it was cut off": nothing of the cut answer is left in it.
    assert.equal(turn().continued, undefined);
  });

  it('Continue is refused for a finished answer, a stopped one, or an earlier turn', async () => {
    const { provider, session, turn } = setup();
    const answered = session.send('Q');
    (await provider.nth(0)).text('Done.');
    provider.streams[0]?.end();
    await answered;
    await session.continue(turn().id);
    assert.equal(provider.streams.length, 1);
  });

  it('Stop during a continuation keeps everything so far', async () => {
    const { provider, session, turn } = setup(false);
    const answered = session.send('Q');
    (await provider.nth(0)).text('First half');
    await settle();
    provider.streams[0]?.fail(dropped());
    await answered;
    const continued = session.continue(turn().id);
    const second = await provider.nth(1);
    second.text(' and more words');
    await settle();
    session.stop();
    await continued;
    assert.equal(turn().status, 'stopped');
    assert.equal(turn().answer, 'First half and more words');
    assert.ok(second.aborted);
  });
});
