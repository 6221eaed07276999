// The fake's shapes of streams that do not end properly (cut, error events in other servers'
// shapes, an empty 200) and its continuation of a prefilled answer, seen from a raw HTTP client.
import * as assert from 'node:assert/strict';
import { rawRequest, type RawResponse } from '../fake-llm/rawClient';
import { FakeLlmServer, splitTokens, type FakeReply, type RecordedRequest } from '../fake-llm/server';
import { readSse } from '../fake-llm/sseRead';
import { at, BODIES, ENDPOINTS, type TestEndpoint } from '../fake-llm/testEndpoints';

const TEXT = 'One two, three four five.';
const TOKENS = splitTokens(TEXT); // ['One', ' two', ',', ' three', ' four', ' five', '.']

describe('fake-llm: cut streams and continuations', function () {
  this.timeout(5000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  async function onEveryEndpoint(reply: FakeReply, check: (e: TestEndpoint, res: RawResponse, record: RecordedRequest) => void): Promise<void> {
    llm.route(() => reply);
    await Promise.all(
      ENDPOINTS.map(async (e) => {
        const res = await rawRequest(llm.url, { path: e.path, body: e.body });
        const record = llm.requests.find((r) => r.path === e.path);
        assert.ok(record, `${e.name}: recorded`);
        await llm.waitForClose(record, 1000);
        check(e, res, record);
      }),
    );
  }

  it('cut-after-tokens: N tokens, then the body ends cleanly with no closing events', () =>
    onEveryEndpoint({ fault: 'cut-after-tokens', faultAfterTokens: 3, text: TEXT }, (e, res, record) => {
      assert.deepEqual(e.tokensOf(res.text), TOKENS.slice(0, 3), e.name);
      assert.ok(res.ended && !res.error && !e.hasTerminal(res.text), e.name);
      assert.doesNotMatch(res.text, /finish_reason":"|stop_reason":"|"stop":true/, `${e.name}: no finish reason`);
      assert.ok(record.finishedAt !== undefined && record.destroyedByServerAt === undefined, e.name);
    }));

  it('error-event-no-error-key: `event: error` whose JSON has no `error` key (vLLM), then the end', () =>
    onEveryEndpoint({ fault: 'error-event-no-error-key', faultAfterTokens: 2, text: TEXT }, (e, res) => {
      assert.deepEqual(e.tokensOf(res.text), TOKENS.slice(0, 2), e.name);
      const last = readSse(res.text).events.at(-1);
      assert.equal(last?.event, 'error', e.name);
      const doc = JSON.parse(last?.data ?? '') as Record<string, unknown>;
      assert.equal(doc.error, undefined, e.name);
      assert.equal(doc.object, 'error', e.name);
      assert.ok(res.ended && !e.hasTerminal(res.text), e.name);
    }));

  it('openai-error-line: a `data: {"error": …}` line without an event name, on every endpoint', () =>
    onEveryEndpoint({ fault: 'openai-error-line', faultAfterTokens: 2, text: TEXT }, (e, res) => {
      assert.deepEqual(e.tokensOf(res.text), TOKENS.slice(0, 2), e.name);
      const last = readSse(res.text).events.at(-1);
      assert.equal(last?.event, undefined, e.name);
      assert.equal(at(JSON.parse(last?.data ?? ''), 'error', 'type'), 'server_error', e.name);
    }));

  it('empty-200: a 200 with the stream headers and no body', () =>
    onEveryEndpoint({ fault: 'empty-200', text: TEXT }, (e, res, record) => {
      assert.equal(res.status, 200, e.name);
      assert.equal(res.text, '', e.name);
      assert.ok(res.ended, e.name);
      assert.equal(record.tokensSent, 0);
    }));

  describe('continuing a prefilled answer', () => {
    const ANSWER = 'Rivers carve canyons slowly, grain by grain, over a million years.';
    const chatWith = (messages: unknown[]) => ({ ...BODIES.chat, messages });
    const messagesWith = (messages: unknown[]) => ({ ...BODIES.messages, messages });
    const chatText = (res: RawResponse) => ENDPOINTS[0]?.tokensOf(res.text).join('');
    const messagesText = (res: RawResponse) => ENDPOINTS[2]?.tokensOf(res.text).join('');

    it('OpenAI chat with a trailing assistant message: only the rest of the scripted answer', async () => {
      llm.setDefault({ text: ANSWER });
      const prefix = 'Rivers carve canyons slowly,';
      const res = await rawRequest(llm.url, { path: '/v1/chat/completions', body: chatWith([{ role: 'user', content: 'How?' }, { role: 'assistant', content: prefix }]) });
      assert.equal(chatText(res), ANSWER.slice(prefix.length));
      assert.equal(prefix + chatText(res), ANSWER);
    });

    it('Anthropic with a prefill that ends mid-token (content as blocks): the token’s rest first', async () => {
      llm.setDefault({ text: ANSWER });
      const prefix = 'Rivers carve can';
      const res = await rawRequest(llm.url, { path: '/v1/messages', body: messagesWith([{ role: 'user', content: 'How?' }, { role: 'assistant', content: [{ type: 'text', text: prefix }] }]) });
      assert.equal(prefix + messagesText(res), ANSWER);
    });

    it('the limit counts only what is generated after the prefill', async () => {
      llm.setDefault({ text: ANSWER });
      const res = await rawRequest(llm.url, { path: '/v1/messages', body: { ...messagesWith([{ role: 'user', content: 'How?' }, { role: 'assistant', content: 'Rivers carve' }]), max_tokens: 2 } });
      assert.equal(messagesText(res), ' canyons slowly');
      assert.match(res.text, /"stop_reason":"max_tokens"/);
    });

    it('repeatOnContinue: the continuation first repeats the prefill’s last words', async () => {
      llm.setDefault({ text: ANSWER, repeatOnContinue: 2 });
      const res = await rawRequest(llm.url, { path: '/v1/chat/completions', body: chatWith([{ role: 'user', content: 'How?' }, { role: 'assistant', content: 'Rivers carve canyons' }]) });
      assert.equal(chatText(res), ' carve canyons slowly, grain by grain, over a million years.');
    });

    it('a prefill the answer does not start with: the whole answer, as a model asked afresh', async () => {
      llm.setDefault({ text: ANSWER });
      const res = await rawRequest(llm.url, { path: '/v1/chat/completions', body: chatWith([{ role: 'user', content: 'How?' }, { role: 'assistant', content: 'Glaciers' }]) });
      assert.equal(chatText(res), ANSWER);
    });

    it('an earlier answer in the history is not a prefill unless asked (continueAfterInstruction)', async () => {
      const history = [{ role: 'user', content: 'How?' }, { role: 'assistant', content: 'Rivers carve' }, { role: 'user', content: 'Go on from where you stopped.' }];
      llm.setDefault({ text: ANSWER });
      assert.equal(chatText(await rawRequest(llm.url, { path: '/v1/chat/completions', body: chatWith(history) })), ANSWER);
      llm.setDefault({ text: ANSWER, continueAfterInstruction: true });
      assert.equal(chatText(await rawRequest(llm.url, { path: '/v1/chat/completions', body: chatWith(history) })), ANSWER.slice('Rivers carve'.length));
    });
  });
});
