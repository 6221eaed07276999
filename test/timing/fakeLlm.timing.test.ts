// The fake LLM server's timing on the real clock: when it writes tokens, and how soon it sees a
// client close. These bounds hold on a loaded machine only because they are generous; the fast
// suite (npm run test:unit) asserts no wall-clock durations, so they live here (npm test runs them).
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { rawRequest } from '../fake-llm/rawClient';
import { FakeLlmServer, splitTokens, type FakeReply, type RecordedRequest } from '../fake-llm/server';
import { jsonEvents, readSse } from '../fake-llm/sseRead';
import { at, BODIES, ENDPOINTS, playOnEveryEndpoint, type EndpointCheck, type RawClientTimes } from '../fake-llm/testEndpoints';
import { pollFor } from '../../tools/poll';

const post = (url: string, path: string, body: unknown, signal?: AbortSignal): Promise<Response> =>
  fetch(url + path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, signal });

const TEXT = 'One two, three four five.';
const TOKENS = splitTokens(TEXT);

async function eventually(probe: () => boolean): Promise<void> {
  await pollFor(() => probe() || undefined, { what: 'the condition', timeoutMs: 5000, intervalMs: 5 });
}

describe('fake-llm on the real clock: close detection', function () {
  this.timeout(20_000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  /** fetch's first abort in a process runs cold code in undici (tens of ms, all client-side). */
  async function warmUpFetchAbort(): Promise<void> {
    llm.enqueue({ text: 'warm up', ttftMs: 1000 });
    const controller = new AbortController();
    await post(llm.url, '/v1/chat/completions', BODIES.chat, controller.signal);
    controller.abort();
    const [record] = (await llm.waitForRequests(1)) as [RecordedRequest];
    await llm.waitForClose(record, 1000);
    llm.reset();
  }

  // Tokens 200 ms apart: a server that noticed the close only when its next write failed would
  // take ~200 ms; the bound (loose, for busy machines) is well below that. Typically ~1-2 ms.
  const SLOW = { text: 'one two three four five six seven eight nine ten', tokensPerSec: 5 };
  const SEEN_WITHIN_MS = 100;

  it('a fetch AbortController abort mid-stream is recorded as closedByClientAt at once', async () => {
    await warmUpFetchAbort();
    for (const e of ENDPOINTS) {
      llm.reset();
      llm.enqueue(SLOW);
      const controller = new AbortController();
      const res = await post(llm.url, e.path, e.body, controller.signal);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const [record] = (await llm.waitForRequests(1)) as [RecordedRequest];
      await eventually(() => record.tokensSent >= 1);
      const abortedAt = performance.now();
      controller.abort();
      await reader.read().catch(() => undefined);
      const closedAt = await llm.waitForClose(record, 1000);
      assert.equal(closedAt, record.closedByClientAt, `${e.name}: closed by the client`);
      assert.equal(record.finishedAt, undefined);
      assert.equal(record.tokensSent, 1, `${e.name}: nothing written after the abort`);
      const seenAfter = closedAt - abortedAt;
      assert.ok(seenAfter >= 0 && seenAfter < SEEN_WITHIN_MS, `${e.name}: the server saw the close ${seenAfter.toFixed(1)} ms after the abort`);
    }
  });

  it('the server sees a client socket close as it happens, not at its next write', async () => {
    for (const e of ENDPOINTS) {
      llm.reset();
      llm.enqueue(SLOW);
      const controller = new AbortController();
      const pending = rawRequest(llm.url, { path: e.path, body: e.body, signal: controller.signal });
      const [record] = (await llm.waitForRequests(1)) as [RecordedRequest];
      await eventually(() => record.tokensSent >= 1);
      controller.abort();
      const res = await pending;
      const closedAt = await llm.waitForClose(record, 1000);
      assert.equal(res.error?.name, 'AbortError');
      const lag = closedAt - res.closedAt;
      assert.ok(lag < SEEN_WITHIN_MS, `${e.name}: seen ${lag.toFixed(2)} ms after the client's socket closed`);
      assert.equal(record.tokensSent, 1);
    }
  });

  it('an abort before the first token is seen at once too', async () => {
    await warmUpFetchAbort();
    llm.enqueue({ text: 'late', ttftMs: 3000 });
    const controller = new AbortController();
    const res = await post(llm.url, '/v1/messages', BODIES.messages, controller.signal);
    assert.equal(res.status, 200, 'headers come at once, before the first token');
    const [record] = (await llm.waitForRequests(1)) as [RecordedRequest];
    const abortedAt = performance.now();
    controller.abort();
    const closedAt = await llm.waitForClose(record, 1000);
    assert.ok(closedAt - abortedAt < SEEN_WITHIN_MS, `seen ${(closedAt - abortedAt).toFixed(1)} ms after the abort`);
    assert.equal(record.tokensSent, 0);
  });
});

describe('fake-llm on the real clock: pacing', function () {
  this.timeout(20_000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  it('ttftMs and tokensPerSec are honoured (loose bounds)', async () => {
    llm.enqueue({ text: 'a b c d e f', ttftMs: 120, tokensPerSec: 50 });
    const res = await rawRequest(llm.url, { path: '/v1/completions', body: BODIES.completions });
    const [record] = (await llm.waitForRequests(1)) as [RecordedRequest];
    const ttft = (record.firstTokenAt ?? 0) - record.receivedAt;
    const span = (record.lastTokenAt ?? 0) - (record.firstTokenAt ?? 0);
    assert.ok(ttft >= 119 && ttft < 400, `first token after ${ttft.toFixed(0)} ms`);
    assert.ok(span >= 90 && span < 600, `6 tokens at 50/s took ${span.toFixed(0)} ms`);
    assert.ok(res.headersAt !== undefined && res.headersAt - res.sentAt < 100, 'headers did not wait for the first token');
    const firstRead = res.reads.find((r) => r.at - res.sentAt >= 100);
    assert.ok(firstRead, 'text arrived only after the ttft');
  });

  it('slow-drip: one token per second whatever tokensPerSec says', async () => {
    llm.enqueue({ fault: 'slow-drip', text: ['a', 'b'], tokensPerSec: 1000 });
    const res = await rawRequest(llm.url, { path: '/v1/chat/completions', body: BODIES.chat });
    const record = llm.requests[0] as RecordedRequest;
    const times = record.chunks.filter((c) => c.tokens > 0).map((c) => c.at);
    assert.equal(times.length, 2);
    const gap = (times[1] ?? 0) - (times[0] ?? 0);
    assert.ok(gap >= 990 && gap < 1500, `tokens ${Math.round(gap)} ms apart`);
    assert.deepEqual(ENDPOINTS[0]?.tokensOf(res.text), ['a', 'b']);
  });

  it('llama.cpp /infill honours t_max_predict_ms (stop_type limit)', async () => {
    // Every token brings a newline, 10 ms apart: the first newline token after 25 ms stops it.
    llm.enqueue({ text: 'a\n b\n c\n d\n e\n f\n g\n h\n i\n j', tokensPerSec: 100 });
    const timed = jsonEvents((await rawRequest(llm.url, { path: '/infill', body: { ...BODIES.infill, t_max_predict_ms: 25 } })).text);
    assert.ok(timed.length >= 2 && timed.length < 10, `stopped after ${timed.length - 1} tokens`);
    assert.equal(timed.at(-1)?.stop_type, 'limit');
  });
});

describe('fake-llm on the real clock: connections that never close, keep-alives on a schedule', function () {
  this.timeout(20_000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  const onEveryEndpoint = (reply: FakeReply, check: EndpointCheck, client?: RawClientTimes) => playOnEveryEndpoint(llm, reply, check, client);

  it('keepalive-only: only comments (pings on Anthropic) every 200 ms, never text', () =>
    onEveryEndpoint(
      { fault: 'keepalive-only', text: TEXT },
      (e, res) => {
        const { events, comments } = readSse(res.text);
        const keepAlives = e.path === '/v1/messages' ? events.filter((x) => x.event === 'ping').length : comments.length;
        assert.ok(keepAlives >= 2 && keepAlives <= 4, `${e.name}: ${keepAlives} keep-alives in 650 ms`);
        assert.ok(events.every((x) => x.event === 'ping'), e.name);
        assert.deepEqual(e.tokensOf(res.text), [], e.name);
      },
      { untilMs: 650 },
    ));

  it('never-close-after-done: everything including the terminal event, then the connection stays open', () =>
    onEveryEndpoint(
      { fault: 'never-close-after-done', text: TEXT },
      (e, res, record) => {
        assert.deepEqual(e.tokensOf(res.text), TOKENS, e.name);
        assert.ok(e.hasTerminal(res.text) && !res.ended && res.idle, e.name);
        assert.ok(record.finishedAt === undefined && record.closedByClientAt !== undefined, e.name);
      },
      { idleMs: 150 },
    ));

  it('complete (stream: false) answers: a body that never closes, keep-alives that trickle', async () => {
    const chat = { ...BODIES.chat, stream: false };
    llm.enqueue({ fault: 'never-close-after-done', text: TEXT }, { fault: 'keepalive-only' });
    const open = await rawRequest(llm.url, { path: '/v1/chat/completions', body: chat, idleMs: 100 });
    assert.ok(open.idle && !open.ended);
    assert.equal(at(JSON.parse(open.text), 'choices', 0, 'message', 'content'), TEXT);
    const trickle = await rawRequest(llm.url, { path: '/v1/chat/completions', body: chat, untilMs: 300 });
    assert.equal(trickle.text, '\n');
  });
});
