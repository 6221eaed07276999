// What the fake remembers and how it is driven: close detection after a client abort, write
// records, pacing (loose bounds only), redaction, the reply queue / routes / default, waits,
// connections, close(), and the standalone CLI's options and log (in-process; cli.ts only adds
// the process's signal handling).
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { parseCliArgs, startFromCli } from '../fake-llm/cliRun';
import { rawRequest } from '../fake-llm/rawClient';
import { FakeLlmServer, type RecordedRequest } from '../fake-llm/server';
import { BODIES, ENDPOINTS } from '../fake-llm/testEndpoints';
import { pollFor } from '../../tools/poll';

const post = (url: string, path: string, body: unknown, signal?: AbortSignal): Promise<Response> =>
  fetch(url + path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, signal });

async function eventually(probe: () => boolean): Promise<void> {
  await pollFor(() => probe() || undefined, { what: 'the condition', timeoutMs: 5000, intervalMs: 5 });
}

describe('fake-llm: records', function () {
  this.timeout(5000);
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

  it('a normal answer: finishedAt, per-write chunks that add up, header and token times in order', async () => {
    llm.enqueue({ text: 'a b c d' });
    const res = await rawRequest(llm.url, { path: '/v1/chat/completions', body: BODIES.chat });
    const [record] = (await llm.waitForRequests(1)) as [RecordedRequest];
    await llm.waitForClose(record);
    assert.ok(record.finishedAt !== undefined && record.closedByClientAt === undefined);
    assert.equal(record.tokensSent, 4);
    assert.equal(record.chunks.reduce((n, c) => n + c.tokens, 0), 4);
    assert.equal(record.chunks.reduce((n, c) => n + c.bytes, 0), res.body.length);
    const times = record.chunks.map((c) => c.at);
    assert.deepEqual(times, [...times].sort((x, y) => x - y));
    assert.ok(record.receivedAt <= (record.headersSentAt ?? 0) && (record.headersSentAt ?? 0) <= (record.firstTokenAt ?? 0));
    assert.equal(record.status, 200);
    assert.equal(record.endpoint, 'openai-chat');
    assert.equal(record.streamRequested, true);
  });

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

  it('auth headers are redacted; other headers are kept', async () => {
    llm.enqueue({ text: 'x' }, { text: 'x' });
    const secret = 'sk-secret-123456';
    await rawRequest(llm.url, {
      path: '/v1/chat/completions',
      body: BODIES.chat,
      headers: { authorization: `Bearer ${secret}`, 'api-key': secret, 'x-trace': 'kept' },
    });
    await rawRequest(llm.url, { path: '/v1/messages', body: BODIES.messages, headers: { 'x-api-key': secret, 'anthropic-version': '2023-06-01' } });
    const [a, b] = (await llm.waitForRequests(2)) as [RecordedRequest, RecordedRequest];
    assert.equal(a.headers.authorization, '<redacted>');
    assert.equal(a.headers['api-key'], '<redacted>');
    assert.equal(a.headers['x-trace'], 'kept');
    assert.equal(b.headers['x-api-key'], '<redacted>');
    assert.equal(b.headers['anthropic-version'], '2023-06-01');
    assert.ok(!JSON.stringify(llm.requests).includes(secret));
  });
});

describe('fake-llm: driving it', function () {
  this.timeout(5000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  const textOf = async (path: string, body: unknown): Promise<string> => {
    const endpoint = ENDPOINTS.find((e) => e.path === path);
    const res = await rawRequest(llm.url, { path, body });
    return endpoint ? endpoint.tokensOf(res.text).join('') : res.text;
  };

  it('routes come before the queue, the queue before the default; listings and 404s take no queued reply', async () => {
    llm.setDefault({ text: 'default' });
    llm.enqueue({ text: 'first' }, { text: 'second' });
    llm.route((r) => (r.path === '/infill' ? { text: 'routed' } : undefined));
    await rawRequest(llm.url, { path: '/v1/models' });
    await rawRequest(llm.url, { path: '/nope', body: {} });
    assert.equal(await textOf('/infill', BODIES.infill), 'routed');
    assert.equal(await textOf('/v1/chat/completions', BODIES.chat), 'first');
    assert.equal(await textOf('/v1/messages', BODIES.messages), 'second');
    assert.equal(await textOf('/v1/completions', BODIES.completions), 'default');
    llm.reset();
    assert.equal(llm.requests.length, 0);
    assert.match(await textOf('/v1/completions', BODIES.completions), /^Hello from the fake LLM/);
  });

  it('a route can fail the model listing', async () => {
    llm.route((r) => (r.path === '/v1/models' ? { status: 401 } : undefined));
    const res = await rawRequest(llm.url, { path: '/v1/models' });
    assert.equal(res.status, 401);
  });

  it('waits time out with a reason', async () => {
    await assert.rejects(llm.waitForRequests(1, 30), /expected 1 request/);
    llm.enqueue({ fault: 'silence-after-headers' });
    const pending = rawRequest(llm.url, { path: '/v1/chat/completions', body: BODIES.chat, idleMs: 150 });
    const [record] = (await llm.waitForRequests(1)) as [RecordedRequest];
    await assert.rejects(llm.waitForClose(record, 30), /still open/);
    await pending;
    assert.ok((await llm.waitForClose(record)) > 0);
  });

  it('counts open connections, and close() ends them (recorded as the server’s doing)', async () => {
    const own = await FakeLlmServer.start();
    own.enqueue({ fault: 'silence-after-headers' });
    const pending = rawRequest(own.url, { path: '/v1/chat/completions', body: BODIES.chat });
    const [record] = (await own.waitForRequests(1)) as [RecordedRequest];
    assert.equal(own.openConnections(), 1);
    await own.close();
    const res = await pending;
    assert.ok(res.error && !res.ended);
    assert.ok(record.destroyedByServerAt !== undefined && record.closedByClientAt === undefined);
    assert.equal(own.openConnections(), 0);
  });

  it('the CLI options make the default reply, and it logs one line per request', async () => {
    assert.throws(() => parseCliArgs(['--tps', 'fast']), /--tps must be a non-negative number/);
    const options = parseCliArgs(['--port', '0', '--ttft', '5', '--tps', '1000', '--text', 'from the cli']);
    assert.deepEqual(options.reply, { ttftMs: 5, tokensPerSec: 1000, text: 'from the cli' });
    const lines: string[] = [];
    const server = await startFromCli(options, (line) => lines.push(line));
    try {
      assert.match(lines[0] ?? '', /^fake-llm listening on http:\/\/127\.0\.0\.1:\d+$/);
      const res = await rawRequest(server.url, { path: '/v1/chat/completions', body: BODIES.chat, headers: { authorization: 'Bearer sk-cli-secret' } });
      assert.equal(ENDPOINTS[0]?.tokensOf(res.text).join(''), 'from the cli');
      await eventually(() => lines.some((l) => /^#1 POST \/v1\/chat\/completions stream -> 200 3 tokens .* finished$/.test(l)));
      assert.ok(!lines.join('\n').includes('sk-cli-secret'));
    } finally {
      await server.close();
    }
  });
});
