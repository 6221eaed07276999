// A TLS server whose certificate is wrong in one way each (self-signed, from an untrusted company
// root, expired, for another host, missing its intermediate): the request is refused and the
// message says which fault it is and what to do (which setting, or that no setting helps).
import * as assert from 'node:assert/strict';
import { createProvider } from '../../src/llm/createProvider';
import { createNetworkFetch, type NetworkFetch } from '../../src/llm/networkFetch';
import type { LlmRequest } from '../../src/llm/types';
import { type BadCertificate, type BadCertificates, makeBadCertificates } from '../fake-llm/badCertificates';
import { FakeLlmServer } from '../fake-llm/server';
import { startTlsFront } from '../fake-llm/tlsFront';
import { collect } from '../helpers/collect';

const request: LlmRequest = { kind: 'chat', messages: [{ role: 'user', content: 'hi' }] };
const timeouts = { maxRetries: 0, firstTokenTimeoutMs: 3000, idleTimeoutMs: 3000 };

describe('network: a refused server certificate says what is wrong and what to set', function () {
  this.timeout(30_000);
  let llm: FakeLlmServer;
  let certs: BadCertificates;
  const opened: NetworkFetch[] = [];

  /** The message of a chat request to a TLS front serving `bad`, with its CA trusted (retries allowed: none is made). */
  const refusal = async (bad: BadCertificate) => {
    const front = await startTlsFront(Number(new URL(llm.url).port), bad.key, bad.cert);
    try {
      const n = createNetworkFetch({ extraCa: [bad.ca], strictSSL: true });
      assert.ok(n);
      opened.push(n);
      const p = createProvider({ ...timeouts, maxRetries: 2, provider: 'openai-compatible', baseUrl: `${front.url}/v1`, model: 'm', fetch: n.fetch });
      const outcome = await collect(p.stream(request, new AbortController().signal));
      assert.equal(outcome.error?.kind, 'network', outcome.error?.message);
      // A certificate does not change between attempts: the message comes at once, not after retries.
      assert.deepEqual(outcome.events.filter((e) => e.type === 'retrying'), []);
      assert.equal(llm.requests.length, 0, 'the server got a request over a refused connection');
      return outcome.error?.message ?? '';
    } finally {
      await front.close();
    }
  };

  before(async () => {
    llm = await FakeLlmServer.start();
    certs = makeBadCertificates();
  });
  after(async () => {
    await Promise.all(opened.map((n) => n.close()));
    await llm.close();
    certs.dispose();
  });
  beforeEach(() => llm.reset());

  it('self-signed: names it and rill.network.caCertificates', async () => {
    const message = await refusal(certs.selfSigned);
    assert.match(message, /self-signed/);
    assert.match(message, /rill\.network\.caCertificates/);
  });

  it('from a root CA the machine does not trust (sent in the chain): names the company CA and rill.network.caCertificates', async () => {
    const message = await refusal(certs.untrustedRootInChain);
    assert.match(message, /certificate authority this machine does not trust/);
    assert.match(message, /rill\.network\.caCertificates/);
  });

  it('expired: says so, and that trusting a CA will not help', async () => {
    const message = await refusal(certs.expired);
    assert.match(message, /has expired/);
    assert.match(message, /will not help/);
  });

  it('for another host name: says to use the certificate\'s host name in the base URL', async () => {
    const message = await refusal(certs.wrongHost);
    assert.match(message, /another host name/);
    assert.match(message, /base URL/);
  });

  it('the server leaves out its intermediate certificate: names it and rill.network.caCertificates', async () => {
    const message = await refusal(certs.missingIntermediate);
    assert.match(message, /intermediate/);
    assert.match(message, /rill\.network\.caCertificates/);
  });
});
