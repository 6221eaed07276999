// A gateway that wants the key in a header of its own (Portkey's x-portkey-api-key, Cloudflare AI
// Gateway's cf-aig-authorization, Helicone-Auth): `${apiKey}` in rill.*.headers puts the key from
// SecretStorage there, and then only there; without it, the SDKs' usual header carries it. A gateway
// that needs a key of its own besides the provider's gets the stored gateway key where a header
// writes `${gatewayKey}`, and the provider's key stays where the SDK puts it.
import * as assert from 'node:assert/strict';
import { createProvider } from '../../src/llm/createProvider';
import type { EndpointConfig, LlmRequest } from '../../src/llm/types';
import { credentialFingerprint } from '../fake-llm/credentials';
import { FakeLlmServer } from '../fake-llm/server';
import { collect } from '../helpers/collect';

const chat: LlmRequest = { kind: 'chat', messages: [{ role: 'user', content: 'hi' }] };
const fim: LlmRequest = { kind: 'fim', prefix: 'const a = ', suffix: '\n', maxTokens: 8 };
const timeouts = { maxRetries: 0, firstTokenTimeoutMs: 3000, idleTimeoutMs: 3000 };
const KEY = 'gateway-key-0123456789abcdef';

describe('the key in a gateway header of its own (${apiKey} in rill.*.headers)', function () {
  this.timeout(20_000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  const sent = async (config: Partial<EndpointConfig>, request: LlmRequest = chat) => {
    llm.enqueue({ text: 'ok' });
    const p = createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'm', apiKey: KEY, ...config });
    const outcome = await collect(p.stream(request, new AbortController().signal));
    assert.equal(outcome.error, undefined, outcome.error?.message);
    const [seen] = llm.requests;
    assert.ok(seen);
    return seen;
  };

  it('an OpenAI-compatible gateway: the key in x-portkey-api-key, no Authorization header at all', async () => {
    const seen = await sent({ headers: { 'x-portkey-api-key': '${apiKey}', 'x-portkey-config': 'pc-1' } });
    assert.equal(seen.headers['x-portkey-api-key'], KEY);
    assert.equal(seen.headers['x-portkey-config'], 'pc-1');
    assert.equal(seen.headers.authorization, undefined, 'the key (or no-key) also went as a bearer token');
  });

  it('a scheme around it is kept (Bearer ${apiKey}), and completion requests carry it too', async () => {
    const seen = await sent({ headers: { 'cf-aig-authorization': 'Bearer ${apiKey}' }, fimMode: 'completions' }, fim);
    assert.equal(seen.path, '/v1/completions');
    assert.equal(seen.headers['cf-aig-authorization'], `Bearer ${KEY}`);
    assert.equal(seen.headers.authorization, undefined);
  });

  it('Anthropic through a gateway: the key in the gateway header, no x-api-key', async () => {
    const seen = await sent({ provider: 'anthropic', baseUrl: llm.url, headers: { 'helicone-auth': 'Bearer ${apiKey}' } });
    assert.equal(seen.path, '/v1/messages');
    assert.equal(seen.headers['helicone-auth'], `Bearer ${KEY}`);
    assert.equal(seen.credentials['x-api-key'], undefined);
  });

  it('without the placeholder, the key goes as the SDK sends it (Bearer), and a plain header is sent as written', async () => {
    const seen = await sent({ headers: { 'x-team': 'payments' } });
    assert.equal(seen.credentials.authorization, credentialFingerprint(`Bearer ${KEY}`));
    assert.equal(seen.headers['x-team'], 'payments');
  });

  describe("a key of the gateway's own beside the provider's (${gatewayKey})", () => {
    const GATEWAY = 'cf-gateway-token-0123456789';

    it("the gateway's key in its header and the provider's key as Bearer, on chat and completion requests, and Anthropic's key stays where its SDK puts it", async () => {
      const chatSeen = await sent({ headers: { 'cf-aig-authorization': 'Bearer ${gatewayKey}' }, gatewayKey: GATEWAY });
      assert.equal(chatSeen.headers['cf-aig-authorization'], `Bearer ${GATEWAY}`);
      assert.equal(chatSeen.credentials.authorization, credentialFingerprint(`Bearer ${KEY}`));
      llm.reset();
      const fimSeen = await sent({ headers: { 'cf-aig-authorization': 'Bearer ${gatewayKey}' }, gatewayKey: GATEWAY, fimMode: 'completions' }, fim);
      assert.equal(fimSeen.headers['cf-aig-authorization'], `Bearer ${GATEWAY}`);
      assert.equal(fimSeen.credentials.authorization, credentialFingerprint(`Bearer ${KEY}`));
      llm.reset();
      const anthropicSeen = await sent({ provider: 'anthropic', baseUrl: llm.url, headers: { 'helicone-auth': 'Bearer ${gatewayKey}' }, gatewayKey: GATEWAY });
      assert.equal(anthropicSeen.headers['helicone-auth'], `Bearer ${GATEWAY}`);
      // Where this SDK puts the provider's key (its 1.x sends it as a bearer token).
      assert.deepEqual(anthropicSeen.credentials, { authorization: credentialFingerprint(`Bearer ${KEY}`) });
    });

    it('both placeholders: each key in its own header, and no Authorization', async () => {
      const seen = await sent({ headers: { 'x-portkey-api-key': '${gatewayKey}', 'x-provider-key': '${apiKey}' }, gatewayKey: GATEWAY });
      assert.equal(seen.headers['x-portkey-api-key'], GATEWAY);
      assert.equal(seen.headers['x-provider-key'], KEY);
      assert.equal(seen.headers.authorization, undefined);
    });

    it('no gateway key stored: nothing is sent, and the message says which key and the command that sets it', async () => {
      const p = createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'm', apiKey: KEY, headers: { 'cf-aig-authorization': 'Bearer ${gatewayKey}' } });
      const outcome = await collect(p.stream(chat, new AbortController().signal));
      assert.equal(outcome.error?.kind, 'bad-request');
      assert.match(outcome.error?.message ?? '', /No gateway key for OpenAI-compatible server: .*\$\{gatewayKey\}.*"Rill: Set Gateway Key…"/);
      assert.equal(llm.requests.length, 0);
    });

    it("a 401 through the gateway names both keys and both commands, and never the gateway's key itself", async () => {
      llm.enqueue({ status: 401, body: { error: { message: `invalid gateway token ${GATEWAY}` } } });
      const p = createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'm', apiKey: KEY, gatewayKey: GATEWAY, headers: { 'cf-aig-authorization': 'Bearer ${gatewayKey}' } });
      const outcome = await collect(p.stream(chat, new AbortController().signal));
      assert.equal(outcome.error?.kind, 'auth');
      assert.match(outcome.error?.message ?? '', /Set API Key….*Set Gateway Key…/);
      assert.ok(!(outcome.error?.message ?? '').includes(GATEWAY), outcome.error?.message);
    });
  });
});
