// Requests through a proxy on loopback and to a server whose certificate is signed by a custom CA,
// as corporate networks need. The proxy and the TLS front are tiny local servers made here.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { createProvider } from '../../src/llm/createProvider';
import { bypassesProxy, createNetworkFetch, type NetworkFetch } from '../../src/llm/networkFetch';
import type { LlmRequest } from '../../src/llm/types';
import { FakeLlmServer } from '../fake-llm/server';
import { collect } from './collect';

const request: LlmRequest = { kind: 'chat', messages: [{ role: 'user', content: 'hi' }] };
const timeouts = { maxRetries: 0, firstTokenTimeoutMs: 3000, idleTimeoutMs: 3000 };

/** A CONNECT proxy that remembers where it tunnelled to. */
async function startProxy(): Promise<{ url: string; tunnels: string[]; close(): Promise<void> }> {
  const tunnels: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    const closeBoth = () => { client.destroy(); upstream.destroy(); };
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

/** A CA and a server certificate for 127.0.0.1 signed by it, made with openssl. */
function makeCertificates(dir: string): { ca: string; key: string; cert: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Rill Test CA');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  require('node:fs').writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext');
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { ca: read('ca.pem'), key: read('server.key'), cert: read('server.pem') };
}

/** TLS in front of the plain fake server. */
async function startTlsFront(target: number, key: string, cert: string): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key, cert }, (socket) => {
    const upstream = net.connect(target, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    for (const s of [socket, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => { sockets.delete(s); socket.destroy(); upstream.destroy(); });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return { url: `https://127.0.0.1:${port}`, close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }) };
}

describe('network: proxies and custom certificate authorities', function () {
  this.timeout(20_000);
  let llm: FakeLlmServer;
  const opened: NetworkFetch[] = [];
  const network = (o: Parameters<typeof createNetworkFetch>[0]) => {
    const n = createNetworkFetch(o);
    assert.ok(n);
    opened.push(n);
    return n;
  };
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => {
    await Promise.all(opened.map((n) => n.close()));
    await llm.close();
  });
  beforeEach(() => llm.reset());

  it('defaults need no special fetch', () => {
    assert.equal(createNetworkFetch({ strictSSL: true }), undefined);
  });

  it('NO_PROXY matching follows curl: hosts, domain suffixes, *', () => {
    assert.equal(bypassesProxy('127.0.0.1', 'localhost,127.0.0.1'), true);
    assert.equal(bypassesProxy('api.corp.example', '.corp.example'), true);
    assert.equal(bypassesProxy('api.corp.example', 'corp.example'), true);
    assert.equal(bypassesProxy('notcorp.example', 'corp.example'), false);
    assert.equal(bypassesProxy('anything', '*'), true);
    assert.equal(bypassesProxy('api.openai.com', undefined), false);
  });

  describe('through a proxy on loopback', () => {
    let proxy: Awaited<ReturnType<typeof startProxy>>;
    before(async () => (proxy = await startProxy()));
    after(async () => proxy.close());

    it('streams through the proxy', async () => {
      llm.enqueue({ text: 'via the proxy' });
      const n = network({ proxy: proxy.url, strictSSL: true });
      const p = createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'm', fetch: n.fetch });
      const outcome = await collect(p.stream(request, new AbortController().signal));
      assert.equal(outcome.error, undefined, outcome.error?.message);
      assert.equal(outcome.text, 'via the proxy');
      assert.ok(proxy.tunnels.includes(new URL(llm.url).host), `tunnels: ${proxy.tunnels.join(', ')}`);
    });

    it('an abort through the proxy still closes the connection to the server', async () => {
      llm.enqueue({ text: 'one two three four five six seven eight', tokensPerSec: 10 });
      const controller = new AbortController();
      const n = network({ proxy: proxy.url, strictSSL: true });
      const p = createProvider({ ...timeouts, provider: 'anthropic', baseUrl: llm.url, model: 'm', fetch: n.fetch });
      const outcome = await collect(p.stream(request, controller.signal), () => controller.abort());
      assert.equal(outcome.end, 'aborted');
      const [recorded] = llm.requests;
      assert.ok(recorded);
      await llm.waitForClose(recorded, 2000);
      assert.ok(recorded.closedByClientAt !== undefined);
    });

    it('NO_PROXY hosts go direct', async () => {
      const before = proxy.tunnels.length;
      llm.enqueue({ text: 'direct' });
      const n = network({ proxy: proxy.url, noProxy: 'localhost,127.0.0.1', strictSSL: true });
      const p = createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'm', fetch: n.fetch });
      assert.equal((await collect(p.stream(request, new AbortController().signal))).text, 'direct');
      assert.equal(proxy.tunnels.length, before);
    });
  });

  describe('a server with a certificate from a custom CA', () => {
    let dir: string;
    let front: Awaited<ReturnType<typeof startTlsFront>>;
    let ca: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'rill-ca-'));
      const certs = makeCertificates(dir);
      ca = certs.ca;
      front = await startTlsFront(Number(new URL(llm.url).port), certs.key, certs.cert);
    });
    after(async () => {
      await front.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('is refused without the CA, with a message that names certificates', async () => {
      const p = createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl: `${front.url}/v1`, model: 'm' });
      const outcome = await collect(p.stream(request, new AbortController().signal));
      assert.equal(outcome.error?.kind, 'network');
      assert.match(outcome.error?.message ?? '', /certificate/);
    });

    it('works once the CA is trusted', async () => {
      llm.enqueue({ text: 'over TLS' });
      const n = network({ extraCa: [ca], strictSSL: true });
      const p = createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl: `${front.url}/v1`, model: 'm', fetch: n.fetch });
      const outcome = await collect(p.stream(request, new AbortController().signal));
      assert.equal(outcome.error, undefined, outcome.error?.message);
      assert.equal(outcome.text, 'over TLS');
    });
  });
});
