// A proxy and a custom CA together, as behind a corporate TLS gateway: the request tunnels through
// the loopback proxy to a TLS server whose certificate only the extra CA vouches for. The CA must
// apply inside the tunnel (undici's requestTls), not only to direct connections.
import * as assert from 'node:assert/strict';
import { createProvider } from '../../src/llm/createProvider';
import { createNetworkFetch, type NetworkFetch, type NetworkOptions } from '../../src/llm/networkFetch';
import type { LlmRequest } from '../../src/llm/types';
import { type LoopbackProxy, startLoopbackProxy } from '../fake-llm/loopbackProxy';
import { FakeLlmServer } from '../fake-llm/server';
import { makeCertificates, startTlsFront, type TestCertificates, type TlsFront } from '../fake-llm/tlsFront';
import { collect } from '../helpers/collect';

const request: LlmRequest = { kind: 'chat', messages: [{ role: 'user', content: 'hi' }] };
const timeouts = { maxRetries: 0, firstTokenTimeoutMs: 3000, idleTimeoutMs: 3000 };

describe('network: a proxy in front of a TLS server with a custom CA', function () {
  this.timeout(20_000);
  let llm: FakeLlmServer;
  let proxy: LoopbackProxy;
  let certs: TestCertificates;
  let front: TlsFront;
  const opened: NetworkFetch[] = [];

  const ask = async (o: NetworkOptions, provider: 'openai-compatible' | 'anthropic' = 'openai-compatible') => {
    const n = createNetworkFetch(o);
    assert.ok(n);
    opened.push(n);
    const baseUrl = provider === 'anthropic' ? front.url : `${front.url}/v1`;
    const p = createProvider({ ...timeouts, provider, baseUrl, model: 'm', fetch: n.fetch });
    return collect(p.stream(request, new AbortController().signal));
  };
  const tunnelsToFront = () => proxy.tunnels.filter((t) => t.target === new URL(front.url).host).length;

  before(async () => {
    llm = await FakeLlmServer.start();
    proxy = await startLoopbackProxy();
    certs = makeCertificates();
    front = await startTlsFront(Number(new URL(llm.url).port), certs.key, certs.cert);
  });
  after(async () => {
    await Promise.all(opened.map((n) => n.close()));
    await front.close();
    await proxy.close();
    await llm.close();
    certs.dispose();
  });
  beforeEach(() => llm.reset());

  it('streams through the proxy once the CA is trusted (OpenAI and Anthropic wire formats)', async () => {
    for (const provider of ['openai-compatible', 'anthropic'] as const) {
      const before = tunnelsToFront();
      llm.enqueue({ text: `proxied TLS ${provider}` });
      const outcome = await ask({ proxy: proxy.url, extraCa: [certs.ca], strictSSL: true }, provider);
      assert.equal(outcome.error, undefined, outcome.error?.message);
      assert.equal(outcome.text, `proxied TLS ${provider}`);
      assert.equal(tunnelsToFront(), before + 1, `${provider}: no tunnel to the TLS server: ${JSON.stringify(proxy.tunnels)}`);
    }
    // Inside the tunnel the bytes are TLS: the proxy cannot read the request.
    assert.ok(proxy.tunnels.every((t) => t.target !== new URL(front.url).host || t.requestLines.length === 0));
  });

  it('without the CA the tunnel opens but the server is refused, with a message that names certificates', async () => {
    const before = tunnelsToFront();
    const outcome = await ask({ proxy: proxy.url, strictSSL: true });
    assert.equal(outcome.error?.kind, 'network');
    assert.match(outcome.error?.message ?? '', /certificate/);
    assert.equal(tunnelsToFront(), before + 1, 'the request did not go through the proxy');
    assert.equal(llm.requests.length, 0, 'the server got a request over an untrusted connection');
  });

  it("a company root CA from the system's store (http.systemCertificates) is trusted through the proxy, as VS Code trusts it", async () => {
    llm.enqueue({ text: 'system CA' });
    const outcome = await ask({ proxy: proxy.url, systemCa: [certs.ca], strictSSL: true });
    assert.equal(outcome.error, undefined, outcome.error?.message);
    assert.equal(outcome.text, 'system CA');
  });

  it("the system's CAs alone make no fetch of Rill's own: VS Code's fetch trusts them already", () => {
    assert.equal(createNetworkFetch({ systemCa: [certs.ca], strictSSL: true }), undefined);
  });

  it('http.proxyStrictSSL false accepts the certificate without the CA, still through the proxy', async () => {
    const before = tunnelsToFront();
    llm.enqueue({ text: 'not strict' });
    const outcome = await ask({ proxy: proxy.url, strictSSL: false });
    assert.equal(outcome.error, undefined, outcome.error?.message);
    assert.equal(outcome.text, 'not strict');
    assert.equal(tunnelsToFront(), before + 1);
  });
});
