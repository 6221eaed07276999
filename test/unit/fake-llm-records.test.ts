// What the fake remembers and how it is driven: write records, redaction, the reply queue / routes / default, waits,
// connections, close(), and the standalone CLI's options and log (in-process; cli.ts only adds
// the process's signal handling).
import * as assert from 'node:assert/strict';
import { parseCliArgs, startFromCli } from '../fake-llm/cliRun';
import { rawRequest } from '../fake-llm/rawClient';
import { FakeLlmServer, type RecordedRequest } from '../fake-llm/server';
import { BODIES, ENDPOINTS } from '../fake-llm/testEndpoints';
import { pollFor } from '../../tools/poll';

async function eventually(probe: () => boolean): Promise<void> {
  await pollFor(() => probe() || undefined, { what: 'the condition', timeoutMs: 5000, intervalMs: 5 });
}

describe('fake-llm: records', function () {
  this.timeout(5000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());


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
