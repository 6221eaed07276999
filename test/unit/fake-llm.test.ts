// The fake LLM server's wire formats: each endpoint streamed and complete, read back with an
// independent SSE parser, and a normal stream of each parsed by the official SDKs (the judges).
import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { rawRequest } from '../fake-llm/rawClient';
import { FakeLlmServer, splitTokens } from '../fake-llm/server';
import { jsonEvents, readSse } from '../fake-llm/sseRead';
import { at, BODIES } from '../fake-llm/testEndpoints';

type Json = Record<string, unknown>;
const TEXT = 'Hello, wörld 😀!\n  done';

describe('fake-llm: tokens', () => {
  it('splits words whole, punctuation alone, whitespace with the next token', () => {
    assert.deepEqual(splitTokens('Hello, world!\n  x_1 ü😀'), ['Hello', ',', ' world', '!', '\n  x_1', ' ü', '😀']);
    assert.deepEqual(splitTokens('a  '), ['a', '  ']);
    assert.equal(splitTokens(TEXT).join(''), TEXT);
  });
});

describe('fake-llm: wire formats', () => {
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  it('OpenAI chat stream: role chunk, one chunk per token, finish_reason, usage chunk, [DONE]', async () => {
    llm.enqueue({ text: TEXT });
    const res = await rawRequest(llm.url, { path: '/v1/chat/completions', body: { ...BODIES.chat, stream_options: { include_usage: true } } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
    assert.ok(res.text.endsWith('data: [DONE]\n\n'));
    const chunks = jsonEvents(res.text);
    assert.deepEqual(at(chunks[0], 'choices', 0, 'delta'), { role: 'assistant', content: '', refusal: null });
    const tokens = chunks.slice(1, -2).map((c) => at(c, 'choices', 0, 'delta', 'content'));
    assert.deepEqual(tokens, splitTokens(TEXT));
    assert.equal(at(chunks.at(-2), 'choices', 0, 'finish_reason'), 'stop');
    assert.deepEqual(at(chunks.at(-1), 'choices'), []);
    assert.deepEqual(at(chunks.at(-1), 'usage'), { prompt_tokens: 2, completion_tokens: 6, total_tokens: 8 });
    for (const c of chunks) assert.equal(c.object, 'chat.completion.chunk');
  });

  it('OpenAI chat complete answer and max_tokens cutting it with finish_reason length', async () => {
    llm.enqueue({ text: TEXT });
    const res = await rawRequest(llm.url, { path: '/v1/chat/completions', body: { ...BODIES.chat, stream: false, max_tokens: 3 } });
    const doc = JSON.parse(res.text) as Json;
    assert.equal(res.headers['content-type'], 'application/json');
    assert.equal(doc.object, 'chat.completion');
    assert.equal(at(doc, 'choices', 0, 'message', 'content'), 'Hello, wörld');
    assert.equal(at(doc, 'choices', 0, 'finish_reason'), 'length');
    assert.equal(at(doc, 'usage', 'completion_tokens'), 3);
  });

  it('OpenAI legacy completions: text chunks, a closing chunk with finish_reason, [DONE]', async () => {
    llm.enqueue({ text: 'return a + b' });
    const res = await rawRequest(llm.url, { path: '/v1/completions', body: BODIES.completions });
    const chunks = jsonEvents(res.text);
    assert.deepEqual(chunks.map((c) => at(c, 'choices', 0, 'text')), ['return', ' a', ' +', ' b', '']);
    assert.equal(at(chunks.at(-1), 'choices', 0, 'finish_reason'), 'stop');
    assert.ok(res.text.endsWith('data: [DONE]\n\n'));
    llm.enqueue({ text: 'return a + b' });
    const whole = JSON.parse((await rawRequest(llm.url, { path: '/v1/completions', body: { ...BODIES.completions, stream: false } })).text) as Json;
    assert.equal(at(whole, 'choices', 0, 'text'), 'return a + b');
    assert.equal(whole.object, 'text_completion');
  });

  it('Anthropic Messages stream: the exact event sequence', async () => {
    llm.enqueue({ text: 'Hi there', usage: { input: 11, output: 2 } });
    const res = await rawRequest(llm.url, { path: '/v1/messages', body: BODIES.messages });
    const { events } = readSse(res.text);
    assert.deepEqual(events.map((e) => e.event), [
      'message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_delta',
      'content_block_stop', 'message_delta', 'message_stop',
    ]);
    for (const e of events) assert.equal((JSON.parse(e.data) as Json).type, e.event);
    const datas = events.map((e) => JSON.parse(e.data) as Json);
    assert.equal(at(datas[0], 'message', 'usage', 'input_tokens'), 11);
    assert.deepEqual(at(datas[3], 'delta'), { type: 'text_delta', text: 'Hi' });
    assert.deepEqual(at(datas[6], 'delta'), { stop_reason: 'end_turn', stop_sequence: null });
    assert.deepEqual(at(datas[6], 'usage'), { output_tokens: 2 });
  });

  it('Anthropic Messages complete answer', async () => {
    llm.enqueue({ text: 'Hi there', finishReason: 'length' });
    const doc = JSON.parse((await rawRequest(llm.url, { path: '/v1/messages', body: { ...BODIES.messages, stream: false } })).text) as Json;
    assert.equal(doc.type, 'message');
    assert.equal(doc.role, 'assistant');
    assert.deepEqual(doc.content, [{ type: 'text', text: 'Hi there' }]);
    assert.equal(doc.stop_reason, 'max_tokens');
  });

  it('llama.cpp /infill stream: content events, then stop:true with stop_type and timings, no [DONE]', async () => {
    llm.enqueue({ text: 'return a + b' });
    const res = await rawRequest(llm.url, { path: '/infill', body: BODIES.infill });
    assert.ok(!res.text.includes('[DONE]'));
    const events = jsonEvents(res.text);
    const last = events.at(-1) as Json;
    assert.deepEqual(events.slice(0, -1).map((e) => [e.content, e.stop, e.tokens_predicted]), [
      ['return', false, 1], [' a', false, 2], [' +', false, 3], [' b', false, 4],
    ]);
    assert.equal(last.stop, true);
    assert.equal(last.content, '');
    assert.equal(last.stop_type, 'eos');
    assert.equal(last.tokens_predicted, 4);
    assert.equal(typeof at(last, 'timings', 'predicted_ms'), 'number');
  });

  it('llama.cpp /infill honours n_predict (stop_type limit); t_max_predict_ms: test/timing', async () => {
    llm.enqueue({ text: 'a b c d e' });
    const limited = jsonEvents((await rawRequest(llm.url, { path: '/infill', body: { ...BODIES.infill, n_predict: 2 } })).text);
    assert.deepEqual(limited.map((e) => e.content), ['a', ' b', '']);
    assert.equal(limited.at(-1)?.stop_type, 'limit');
    llm.enqueue({ text: 'a b' });
    const whole = JSON.parse((await rawRequest(llm.url, { path: '/infill', body: { ...BODIES.infill, stream: false } })).text) as Json;
    assert.equal(whole.content, 'a b');
    assert.equal(whole.stop, true);
  });

  it('llama.cpp /infill n_indent: stops on a less indented line, as llama.cpp does', async () => {
    const code = 'x = 1\n    y = 2\n    z = 3\nw = 4\n    v = 5';
    llm.enqueue({ text: code }, { text: code });
    const body = { ...BODIES.infill, n_indent: 4 };
    const streamed = jsonEvents((await rawRequest(llm.url, { path: '/infill', body })).text);
    // The stream has already sent the start of the offending line when the server notices it.
    assert.equal(streamed.slice(0, -1).map((e) => e.content).join(''), 'x = 1\n    y = 2\n    z = 3\nw =');
    assert.equal(streamed.at(-1)?.stop_type, 'limit');
    const whole = JSON.parse((await rawRequest(llm.url, { path: '/infill', body: { ...body, stream: false } })).text) as Json;
    assert.equal(whole.content, 'x = 1\n    y = 2\n    z = 3\n');
    assert.equal(whole.stop_type, 'limit');
    assert.equal(whole.tokens_predicted, 11);
  });

  it('lists models the OpenAI, Anthropic and Ollama ways; anything else is an OpenAI-shaped 404', async () => {
    llm.models = ['m1', 'm2'];
    const openai = JSON.parse((await rawRequest(llm.url, { path: '/v1/models' })).text) as Json;
    assert.deepEqual(openai, { object: 'list', data: [
      { id: 'm1', object: 'model', created: 1_700_000_000, owned_by: 'fake-llm' },
      { id: 'm2', object: 'model', created: 1_700_000_000, owned_by: 'fake-llm' },
    ] });
    const anthropic = JSON.parse((await rawRequest(llm.url, { path: '/v1/models', headers: { 'anthropic-version': '2023-06-01' } })).text) as Json;
    assert.deepEqual(at(anthropic, 'data', 1, 'id'), 'm2');
    const tags = JSON.parse((await rawRequest(llm.url, { path: '/api/tags' })).text) as Json;
    assert.equal(at(tags, 'models', 0, 'name'), 'm1');
    const missing = await rawRequest(llm.url, { path: '/v1/embeddings', body: {} });
    assert.equal(missing.status, 404);
    assert.deepEqual(JSON.parse(missing.text), { error: { message: 'Invalid URL (POST /v1/embeddings)', type: 'invalid_request_error', param: null, code: null } });
  });

  it('error statuses in each provider shape, with extra headers; string bodies as they are', async () => {
    llm.enqueue(
      { status: 429, headers: { 'Retry-After': '7' } },
      { status: 529 },
      { status: 503 },
      { status: 400, body: { message: 'too long' } },
      { status: 502, body: '<html>Bad Gateway</html>' },
    );
    const r429 = await rawRequest(llm.url, { path: '/v1/chat/completions', body: BODIES.chat });
    assert.equal(r429.status, 429);
    assert.equal(r429.headers['retry-after'], '7');
    assert.deepEqual(at(JSON.parse(r429.text), 'error', 'code'), 'rate_limit_exceeded');
    const r529 = await rawRequest(llm.url, { path: '/v1/messages', body: BODIES.messages });
    assert.deepEqual(at(JSON.parse(r529.text), 'error'), { type: 'overloaded_error', message: 'Overloaded' });
    assert.equal(at(JSON.parse(r529.text), 'type'), 'error');
    const r503 = await rawRequest(llm.url, { path: '/infill', body: BODIES.infill });
    assert.deepEqual(JSON.parse(r503.text), { error: { code: 503, message: 'Loading model', type: 'unavailable_error' } });
    const r400 = await rawRequest(llm.url, { path: '/v1/completions', body: BODIES.completions });
    assert.equal(at(JSON.parse(r400.text), 'error', 'message'), 'too long');
    const r502 = await rawRequest(llm.url, { path: '/v1/chat/completions', body: BODIES.chat });
    assert.equal(r502.text, '<html>Bad Gateway</html>');
  });

  it('a body that is not JSON gets a 400, is recorded as text and takes no queued reply', async () => {
    llm.enqueue({ text: 'kept for later' });
    const res = await rawRequest(llm.url, { path: '/v1/chat/completions', body: '{"model":' });
    assert.equal(res.status, 400);
    assert.equal(at(JSON.parse(res.text), 'error', 'type'), 'invalid_request_error');
    assert.equal(llm.requests[0]?.body, '{"model":');
    const next = await rawRequest(llm.url, { path: '/v1/chat/completions', body: { ...BODIES.chat, stream: false } });
    assert.equal(at(JSON.parse(next.text), 'choices', 0, 'message', 'content'), 'kept for later');
  });
});

describe('fake-llm: the official SDKs parse it', () => {
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());
  const openai = (): OpenAI => new OpenAI({ baseURL: `${llm.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
  const anthropic = (): Anthropic => new Anthropic({ baseURL: llm.url, apiKey: 'sk-ant-test', maxRetries: 0 });

  it('openai: a chat stream with usage, even split byte by byte with CRLF, keep-alives and an Azure first chunk', async () => {
    for (const extra of [{}, { splitEveryByte: true, lineEnding: 'crlf' as const, keepAlive: true, tokensPerSec: 500, emptyChoicesFirst: true }]) {
      llm.enqueue({ text: TEXT, usage: { input: 5, output: 9 }, ...extra });
      // (Byte by byte, each byte is one event-loop round on both sides: about 2 KB here.)
      const stream = await openai().chat.completions.create({
        model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true },
      });
      let text = '';
      let usage: unknown;
      let finish: string | null | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        finish ??= chunk.choices[0]?.finish_reason;
        if (chunk.usage) usage = chunk.usage;
      }
      assert.equal(text, TEXT);
      assert.equal(finish, 'stop');
      assert.deepEqual(usage, { prompt_tokens: 5, completion_tokens: 9, total_tokens: 14 });
    }
  });

  it('openai: legacy completions stream and a complete chat answer', async () => {
    llm.enqueue({ text: 'return a + b' }, { text: TEXT });
    const stream = await openai().completions.create({ model: 'coder', prompt: 'def add(a, b):\n    ', suffix: '\n', stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    assert.equal(text, 'return a + b');
    const whole = await openai().chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(whole.choices[0]?.message.content, TEXT);
  });

  it('openai: typed errors from statuses and from an error event after text', async () => {
    llm.enqueue({ status: 429, headers: { 'retry-after': '3' } }, { text: TEXT, fault: 'error-event-after-tokens', faultAfterTokens: 2 });
    await assert.rejects(openai().chat.completions.create({ model: 'm', messages: [] }), (e: unknown) => e instanceof OpenAI.RateLimitError);
    const stream = await openai().chat.completions.create({ model: 'm', messages: [], stream: true });
    let text = '';
    await assert.rejects(async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    }, (e: unknown) => e instanceof OpenAI.APIError && /server had an error/.test(e.message));
    assert.equal(text, 'Hello,');
  });

  it('anthropic: a message stream, split byte by byte with lone CR line ends and pings', async () => {
    for (const extra of [{}, { splitEveryByte: true, lineEnding: 'cr' as const, keepAlive: true, tokensPerSec: 500 }]) {
      llm.enqueue({ text: TEXT, usage: { input: 4, output: 7 }, ...extra });
      const stream = anthropic().messages.stream({ model: 'claude-test', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
      const message = await stream.finalMessage();
      assert.deepEqual(message.content, [{ type: 'text', text: TEXT }]);
      assert.equal(message.stop_reason, 'end_turn');
      assert.equal(message.usage.input_tokens, 4);
      assert.equal(message.usage.output_tokens, 7);
    }
  });

  it('anthropic: a complete answer, a 529 and an overloaded error event after text', async () => {
    llm.enqueue({ text: 'Hi there' }, { status: 529 }, { text: TEXT, fault: 'error-event-after-tokens', faultAfterTokens: 1 });
    const whole = await anthropic().messages.create({ model: 'c', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    assert.deepEqual(whole.content, [{ type: 'text', text: 'Hi there' }]);
    await assert.rejects(
      anthropic().messages.create({ model: 'c', max_tokens: 10, messages: [] }),
      (e: unknown) => e instanceof Anthropic.APIError && e.status === 529 && /overloaded_error/.test(e.message),
    );
    const stream = await anthropic().messages.create({ model: 'c', max_tokens: 10, messages: [], stream: true });
    let text = '';
    await assert.rejects(async () => {
      for await (const event of stream) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    }, (e: unknown) => e instanceof Anthropic.APIError && /overloaded_error/.test(e.message));
    assert.equal(text, 'Hello');
  });
});
