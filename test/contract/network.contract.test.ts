// Requests through a proxy on loopback and to a server whose certificate is signed by a custom CA,
// as corporate networks need. The proxy and the TLS front are tiny local servers (test/fake-llm).
import * as assert from 'node:assert/strict';
import { createProvider } from '../../src/llm/createProvider';
import { PROXY_ADVICE } from '../../src/llm/guardedStream';
import { bypassesProxy, createNetworkFetch, type NetworkFetch } from '../../src/llm/networkFetch';
import type { LlmRequest } from '../../src/llm/types';
import { type LoopbackProxy, startLoopbackProxy } from '../fake-llm/loopbackProxy';
import { FakeLlmServer } from '../fake-llm/server';
import { makeCertificates, startTlsFront, type TestCertificates, type TlsFront } from '../fake-llm/tlsFront';
import { collect } from '../helpers/collect';

const request: LlmRequest = { kind: 'chat', messages: [{ role: 'user', content: 'hi' }] };
const timeouts = { maxRetries: 0, firstTokenTimeoutMs: 3000, idleTimeoutMs: 3000 };

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
    let proxy: LoopbackProxy;
    before(async () => (proxy = await startLoopbackProxy()));
    after(async () => proxy.close());

    it('streams through the proxy', async () => {
      llm.enqueue({ text: 'via the proxy' });
      const n = network({ proxy: proxy.url, strictSSL: true });
      const p = createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'm', fetch: n.fetch });
      const outcome = await collect(p.stream(request, new AbortController().signal));
      assert.equal(outcome.error, undefined, outcome.error?.message);
      assert.equal(outcome.text, 'via the proxy');
      assert.ok(proxy.tunnels.some((t) => t.target === new URL(llm.url).host && t.requestLines.includes('POST /v1/chat/completions HTTP/1.1')), `tunnels: ${JSON.stringify(proxy.tunnels)}`);
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

    it('knows which URLs go through it (http.noProxy applied)', () => {
      const n = network({ proxy: proxy.url, noProxy: '.corp.example', strictSSL: true });
      assert.equal(n.viaProxy('https://api.openai.com/v1'), true);
      assert.equal(n.viaProxy('https://llm.corp.example/v1'), false);
      assert.equal(n.viaProxy('not a url'), false);
    });

    it('a stall through the proxy says what a proxy that holds the stream back does; the same stall without one does not', async () => {
      const n = network({ proxy: proxy.url, strictSSL: true });
      const stalled = async (viaProxy: boolean) => {
        llm.enqueue({ fault: 'silence-after-headers' });
        const p = createProvider({ ...timeouts, firstTokenTimeoutMs: 300, provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'm', fetch: n.fetch, viaProxy });
        const outcome = await collect(p.stream(request, new AbortController().signal));
        assert.equal(outcome.error?.kind, 'stalled');
        return outcome.error?.message ?? '';
      };
      assert.ok((await stalled(true)).endsWith(PROXY_ADVICE));
      assert.ok(!(await stalled(false)).includes('http.proxy'));
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

  describe('through a proxy that closes idle connections', () => {
    let proxy: LoopbackProxy;
    before(async () => (proxy = await startLoopbackProxy({ closeIdleAfterMs: 300 })));
    after(async () => proxy.close());

    // The proxy's cut reaches Rill as a lost connection ('network'), on both SDKs, which is what
    // proxyIdleCut looks for (after a silence of 15 s and more it names the proxy's idle timeout:
    // unit tests on a fake clock, test/unit/llm/guardedStream.test.ts).
    for (const provider of ['openai-compatible', 'anthropic'] as const) {
      it(`a model silent past the proxy's idle timeout is a lost connection, not a stall (${provider})`, async () => {
        llm.enqueue({ fault: 'silence-after-headers' });
        const n = network({ proxy: proxy.url, strictSSL: true });
        const baseUrl = provider === 'anthropic' ? llm.url : `${llm.url}/v1`;
        const p = createProvider({ ...timeouts, provider, baseUrl, model: 'm', fetch: n.fetch, viaProxy: true });
        const outcome = await collect(p.stream(request, new AbortController().signal));
        assert.equal(outcome.error?.kind, 'network', outcome.error?.message);
        assert.match(outcome.error?.message ?? '', /connection/);
      });
    }
  });

  describe('through a proxy that asks for credentials (407)', () => {
    const credentials = `Basic ${Buffer.from('dev:pa55').toString('base64')}`;
    let proxy: LoopbackProxy;
    before(async () => (proxy = await startLoopbackProxy({ authorization: credentials })));
    after(async () => proxy.close());

    it('without http.proxyAuthorization the message says what to set, not "network error UND_ERR_ABORTED"', async () => {
      const n = network({ proxy: proxy.url, strictSSL: true });
      const p = createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'm', fetch: n.fetch });
      const outcome = await collect(p.stream(request, new AbortController().signal));
      assert.equal(outcome.error?.kind, 'network');
      assert.match(outcome.error?.message ?? '', /proxy asked for credentials \(HTTP 407/);
      assert.match(outcome.error?.message ?? '', /http\.proxyAuthorization/);
      assert.equal(llm.requests.length, 0);
    });

    it('http.proxyAuthorization goes to the proxy as Proxy-Authorization and the answer arrives', async () => {
      llm.enqueue({ text: 'authorized' });
      const n = network({ proxy: proxy.url, proxyAuthorization: credentials, strictSSL: true });
      const p = createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'm', fetch: n.fetch });
      const outcome = await collect(p.stream(request, new AbortController().signal));
      assert.equal(outcome.error, undefined, outcome.error?.message);
      assert.equal(outcome.text, 'authorized');
      assert.equal(proxy.tunnels.at(-1)?.authorization, credentials);
      // The proxy's credentials are for the proxy: the server never sees them.
      assert.equal(llm.requests[0]?.headers['proxy-authorization'], undefined);
    });

    it('a 407 is not asked again: retrying only delays the message and resends wrong credentials', async () => {
      const before = proxy.tunnels.length;
      const n = network({ proxy: proxy.url, proxyAuthorization: 'Basic d3Jvbmc6d3Jvbmc=', strictSSL: true });
      const p = createProvider({ ...timeouts, maxRetries: 2, provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'm', fetch: n.fetch });
      const outcome = await collect(p.stream(request, new AbortController().signal));
      assert.match(outcome.error?.message ?? '', /407/);
      assert.equal(proxy.tunnels.length, before + 1, 'the proxy was asked again');
      assert.equal(outcome.events.filter((e) => e.type === 'retrying').length, 0);
    });

    it('a user:password in the proxy URL is sent the same way', async () => {
      llm.enqueue({ text: 'in the URL' });
      const n = network({ proxy: proxy.url.replace('://', '://dev:pa55@'), strictSSL: true });
      const p = createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'm', fetch: n.fetch });
      const outcome = await collect(p.stream(request, new AbortController().signal));
      assert.equal(outcome.error, undefined, outcome.error?.message);
      assert.equal(outcome.text, 'in the URL');
    });
  });

  describe('a server with a certificate from a custom CA', () => {
    let certs: TestCertificates;
    let front: TlsFront;
    let ca: string;
    before(async () => {
      certs = makeCertificates();
      ca = certs.ca;
      front = await startTlsFront(Number(new URL(llm.url).port), certs.key, certs.cert);
    });
    after(async () => {
      await front.close();
      certs.dispose();
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
