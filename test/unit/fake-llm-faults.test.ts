// Every fault the fake can play, on every streaming endpoint at once, seen from a raw HTTP
// client (exact bytes, resets, bodies that never end); plus line endings, byte splitting and
// keep-alives. No timing: each case is about shape, not speed (the faults that only the real
// clock can show, a connection that never closes and keep-alives on a schedule, are in test/timing).
import * as assert from 'node:assert/strict';
import { rawRequest, type RawResponse } from '../fake-llm/rawClient';
import { FakeLlmServer, GIANT_TOKEN_BYTES, splitTokens, type FakeReply, type RecordedRequest } from '../fake-llm/server';
import { readSse } from '../fake-llm/sseRead';
import { at, BODIES, ENDPOINTS, playOnEveryEndpoint, type EndpointCheck, type RawClientTimes } from '../fake-llm/testEndpoints';

const TEXT = 'One two, three four five.';
const TOKENS = splitTokens(TEXT); // ['One', ' two', ',', ' three', ' four', ' five', '.']

/** Ids, clocks and measured timings differ between two runs of the same answer. */
const normalize = (sse: string): string =>
  sse
    .replace(/fake\d{6}/g, 'fakeID')
    .replace(/"created":\d+/g, '"created":0')
    .replace(/"timings":\{[^}]*\}/g, '"timings":{}');

describe('fake-llm: faults', function () {
  this.timeout(5000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  const onEveryEndpoint = (reply: FakeReply, check: EndpointCheck, client?: RawClientTimes) => playOnEveryEndpoint(llm, reply, check, client);

  it('reset-before-headers: the connection resets with no response', () =>
    onEveryEndpoint({ fault: 'reset-before-headers' }, (e, res, record) => {
      assert.equal(res.status, 0, e.name);
      assert.equal(res.error?.code, 'ECONNRESET', e.name);
      assert.ok(record.destroyedByServerAt !== undefined && record.closedByClientAt === undefined, e.name);
    }));

  it('reset-after-headers: a 200 with SSE headers, then a reset before any event', () =>
    onEveryEndpoint({ fault: 'reset-after-headers', text: TEXT }, (e, res, record) => {
      assert.equal(res.status, 200, e.name);
      assert.match(String(res.headers['content-type']), /^text\/event-stream/, e.name);
      assert.equal(res.ended, false, e.name);
      assert.ok(res.error, e.name);
      assert.deepEqual(e.tokensOf(res.text), [], e.name);
      assert.equal(record.tokensSent, 0);
    }));

  it('reset-after-tokens: exactly faultAfterTokens tokens, then a reset', () =>
    onEveryEndpoint({ fault: 'reset-after-tokens', faultAfterTokens: 3, text: TEXT }, (e, res, record) => {
      assert.deepEqual(e.tokensOf(res.text), TOKENS.slice(0, 3), e.name);
      assert.equal(res.ended, false, e.name);
      assert.equal(res.error?.code, 'ECONNRESET', e.name);
      assert.equal(record.tokensSent, 3);
    }));

  it('silence-after-headers: headers, then not a byte until the client leaves', () =>
    onEveryEndpoint(
      { fault: 'silence-after-headers', text: TEXT },
      (e, res, record) => {
        assert.equal(res.status, 200, e.name);
        assert.equal(res.body.length, 0, e.name);
        assert.ok(res.idle, e.name);
        assert.ok(record.closedByClientAt !== undefined, `${e.name}: the client's close is recorded`);
      },
      { idleMs: 150 },
    ));

  it('error-event-after-tokens: partial text, the provider’s in-stream error, then the end', () =>
    onEveryEndpoint({ fault: 'error-event-after-tokens', faultAfterTokens: 2, text: TEXT }, (e, res) => {
      assert.deepEqual(e.tokensOf(res.text), TOKENS.slice(0, 2), e.name);
      assert.ok(res.ended && !e.hasTerminal(res.text), e.name);
      const last = readSse(res.text).events.at(-1);
      const doc = JSON.parse(last?.data ?? '') as unknown;
      if (e.path === '/v1/messages') {
        assert.equal(last?.event, 'error');
        assert.deepEqual(at(doc, 'error', 'type'), 'overloaded_error');
      } else if (e.path === '/infill') assert.deepEqual(at(doc, 'error', 'code'), 500);
      else assert.deepEqual(at(doc, 'error', 'type'), 'server_error');
    }));

  it('missing-done: every token, then the body ends without the terminal event', () =>
    onEveryEndpoint({ fault: 'missing-done', text: TEXT }, (e, res, record) => {
      assert.deepEqual(e.tokensOf(res.text), TOKENS, e.name);
      assert.ok(res.ended && !e.hasTerminal(res.text), e.name);
      assert.ok(record.finishedAt !== undefined);
    }));

  it('html-200: a 200 text/html page whatever was asked', () =>
    onEveryEndpoint({ fault: 'html-200' }, (e, res) => {
      assert.equal(res.status, 200, e.name);
      assert.equal(res.headers['content-type'], 'text/html; charset=utf-8', e.name);
      assert.ok(res.text.startsWith('<!DOCTYPE html>'), e.name);
    }));

  it('invalid-json-event: one data line of broken JSON in the right place, the rest intact', () =>
    onEveryEndpoint({ fault: 'invalid-json-event', faultAfterTokens: 2, text: TEXT }, (e, res) => {
      const events = readSse(res.text).events;
      const broken = events.flatMap((x, i) => {
        try {
          if (x.data !== '[DONE]') JSON.parse(x.data);
          return [];
        } catch {
          return [i];
        }
      });
      assert.equal(broken.length, 1, e.name);
      assert.deepEqual(e.tokensOf(res.text), TOKENS, e.name);
      assert.ok(e.hasTerminal(res.text), e.name);
      const before = e.tokensOf(events.slice(0, broken[0]).map((x) => `${x.event ? `event: ${x.event}\n` : ''}data: ${x.data}\n\n`).join(''));
      assert.deepEqual(before, TOKENS.slice(0, 2), `${e.name}: after 2 tokens`);
    }));

  it('giant-line: one token of 1 MiB in a single event line', () =>
    onEveryEndpoint({ fault: 'giant-line', faultAfterTokens: 1, text: 'a b' }, (e, res) => {
      const tokens = e.tokensOf(res.text);
      assert.deepEqual(tokens.map((t) => t.length), [1, GIANT_TOKEN_BYTES, 2], e.name);
      const longest = Math.max(...res.text.split('\n').map((l) => l.length));
      assert.ok(longest > GIANT_TOKEN_BYTES, e.name);
      assert.ok(e.hasTerminal(res.text), e.name);
    }));

  it('complete (stream: false) answers: the same faults, shaped for a JSON body', async () => {
    const chat = { ...BODIES.chat, stream: false };
    llm.enqueue({ fault: 'reset-after-tokens', text: TEXT }, { fault: 'error-event-after-tokens', text: TEXT }, { fault: 'invalid-json-event', text: TEXT });
    const reset = await rawRequest(llm.url, { path: '/v1/chat/completions', body: chat });
    assert.ok(reset.status === 200 && reset.error && reset.body.length > 0 && !reset.ended);
    const errorBody = await rawRequest(llm.url, { path: '/v1/chat/completions', body: chat });
    assert.equal(errorBody.status, 200);
    assert.equal(at(JSON.parse(errorBody.text), 'error', 'type'), 'server_error');
    const broken = await rawRequest(llm.url, { path: '/v1/chat/completions', body: chat });
    assert.ok(broken.ended);
    assert.throws(() => JSON.parse(broken.text));
    // never-close-after-done and keepalive-only need the real clock: test/timing/fakeLlm.timing.test.ts.
  });
});

describe('fake-llm: framing knobs', function () {
  this.timeout(5000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  const TRICKY = 'Grüße, 世界 🌊\nok';

  it('CRLF and lone CR line ends: only that terminator on the wire, the same events as LF', async () => {
    for (const e of ENDPOINTS) {
      llm.enqueue({ text: TRICKY }, { text: TRICKY, lineEnding: 'crlf' }, { text: TRICKY, lineEnding: 'cr' });
      const lf = await rawRequest(llm.url, { path: e.path, body: e.body });
      const crlf = await rawRequest(llm.url, { path: e.path, body: e.body });
      const cr = await rawRequest(llm.url, { path: e.path, body: e.body });
      assert.ok(!/\r/.test(lf.text), e.name);
      assert.ok(!/\r(?!\n)|(?<!\r)\n/.test(crlf.text), `${e.name}: CRLF only`);
      assert.ok(!/\n/.test(cr.text) && /\r/.test(cr.text), `${e.name}: CR only`);
      const events = (r: RawResponse): unknown => readSse(normalize(r.text)).events;
      assert.deepEqual(events(crlf), events(lf), e.name);
      assert.deepEqual(events(cr), events(lf), e.name);
      assert.deepEqual(e.tokensOf(cr.text).join(''), TRICKY, e.name);
    }
  });

  it('splitEveryByte: one write per byte (inside UTF-8 characters too); the bytes reassemble to the unsplit stream', async () => {
    const SHORT = 'ü 🌊'; // every byte costs an event-loop round: keep the stream small
    llm.route((r) => (typeof at(r.body, 'split') === 'boolean' ? { text: SHORT, splitEveryByte: at(r.body, 'split') === true } : undefined));
    await Promise.all(
      ENDPOINTS.map(async (e) => {
        const whole = await rawRequest(llm.url, { path: e.path, body: { ...e.body, split: false } });
        const split = await rawRequest(llm.url, { path: e.path, body: { ...e.body, split: true } });
        assert.equal(normalize(split.text), normalize(whole.text), e.name);
        const record = llm.requests.find((r) => r.path === e.path && at(r.body, 'split') === true) as RecordedRequest;
        assert.ok(record.chunks.every((c) => c.bytes === 1), e.name);
        assert.equal(record.chunks.length, split.body.length, `${e.name}: one write per byte`);
        assert.equal(record.tokensSent, 2, e.name);
        assert.equal(e.tokensOf(split.text).join(''), SHORT, e.name);
        assert.ok(split.reads.length > 20, `${e.name}: the client saw ${split.reads.length} separate reads`);
      }),
    );
  });

  it('keepAlive: a comment (Anthropic: a ping) before each token, and the text unchanged', async () => {
    for (const e of ENDPOINTS) {
      llm.enqueue({ text: 'a b c', keepAlive: true, ttftMs: 10, tokensPerSec: 200 });
      const res = await rawRequest(llm.url, { path: e.path, body: e.body });
      const { events, comments } = readSse(res.text);
      if (e.path === '/v1/messages') {
        assert.equal(events.filter((x) => x.event === 'ping').length, 1 + 3, e.name);
      } else assert.deepEqual(comments, ['keep-alive', 'keep-alive', 'keep-alive'], e.name);
      assert.deepEqual(e.tokensOf(res.text), ['a', ' b', ' c'], e.name);
      const lines = res.text.split('\n');
      const firstToken = lines.findIndex((l) => /"(content|text)":"a"/.test(l));
      assert.ok(lines.slice(0, firstToken).some((l) => l === ': keep-alive' || l === 'event: ping'), `${e.name}: before the first token`);
    }
  });

  it('emptyChoicesFirst: OpenAI streams start with an Azure-style chunk without choices', async () => {
    for (const e of ENDPOINTS.filter((x) => x.path.startsWith('/v1/c'))) {
      llm.enqueue({ text: 'hi', emptyChoicesFirst: true });
      const res = await rawRequest(llm.url, { path: e.path, body: e.body });
      const first = JSON.parse(readSse(res.text).events[0]?.data ?? '') as unknown;
      assert.deepEqual(at(first, 'choices'), [], e.name);
      assert.ok(Array.isArray(at(first, 'prompt_filter_results')), e.name);
      assert.deepEqual(e.tokensOf(res.text), ['hi'], e.name);
    }
  });
});
