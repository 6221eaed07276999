// Azure OpenAI as a company reaches it: the classic deployment URL (`…/openai/deployments/NAME`,
// `?api-version=`, the key in an `api-key` header) pasted whole from Azure's portal, and the v1 URL
// (`…/openai/v1/`). The fake server answers Azure's paths as OpenAI's; a fetch that stands in for
// DNS sends the Azure host name to it, so the request carries what it would carry to Azure.
import * as assert from 'node:assert/strict';
import { createProvider } from '../../src/llm/createProvider';
import { AZURE_API_VERSION } from '../../src/llm/endpointUrls';
import type { EndpointConfig, LlmRequest } from '../../src/llm/types';
import { credentialFingerprint } from '../fake-llm/credentials';
import { FakeLlmServer } from '../fake-llm/server';
import { collect } from '../helpers/collect';

const request: LlmRequest = { kind: 'chat', messages: [{ role: 'user', content: 'hi' }] };
const timeouts = { maxRetries: 0, firstTokenTimeoutMs: 3000, idleTimeoutMs: 3000 };
const AZURE = 'https://res.openai.azure.com';
const KEY = 'azure-key-0123456789abcdef';

describe('Azure OpenAI: deployment and v1 URLs, the api-key header', function () {
  this.timeout(20_000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  /** Sends a chat request for `baseUrl`, its Azure host reaching the fake server; the request as the server saw it. */
  const ask = async (baseUrl: string, extra: Partial<EndpointConfig> = {}) => {
    llm.enqueue({ text: 'from Azure' });
    const toFake = ((input: string | URL | Request, init?: RequestInit) =>
      fetch(String(input instanceof Request ? input.url : input).replace(AZURE, llm.url), init)) as typeof fetch;
    const p = createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl, model: 'gpt-4o', apiKey: KEY, fetch: toFake, ...extra });
    const outcome = await collect(p.stream(request, new AbortController().signal));
    assert.equal(outcome.error, undefined, outcome.error?.message);
    assert.equal(outcome.text, 'from Azure');
    const [seen] = llm.requests;
    assert.ok(seen);
    return { seen, wire: p.describe?.(request) };
  };

  it('the chat completions URL pasted whole with ?api-version= is the deployment, its api-version kept', async () => {
    const { seen, wire } = await ask(`${AZURE}/openai/deployments/gpt4o-prod/chat/completions?api-version=2025-01-01-preview`);
    assert.equal(seen.path, '/openai/deployments/gpt4o-prod/chat/completions');
    assert.equal(seen.query, 'api-version=2025-01-01-preview');
    // Show Last Completion Prompt shows the URL as it was sent.
    assert.equal(wire?.url, `${AZURE}/openai/deployments/gpt4o-prod/chat/completions?api-version=2025-01-01-preview`);
  });

  it('a deployment URL without api-version gets one (Azure refuses a request without it)', async () => {
    const { seen } = await ask(`${AZURE}/openai/deployments/gpt4o-prod/`);
    assert.equal(seen.path, '/openai/deployments/gpt4o-prod/chat/completions');
    assert.equal(seen.query, `api-version=${AZURE_API_VERSION}`);
  });

  it('the v1 URL (with a trailing slash) takes OpenAI\'s paths under it, with no query', async () => {
    const { seen } = await ask(`${AZURE}/openai/v1/`);
    assert.equal(seen.path, '/openai/v1/chat/completions');
    assert.equal(seen.query, '');
  });

  it('the key goes in the api-key header, not as a bearer token', async () => {
    const { seen } = await ask(`${AZURE}/openai/v1`);
    assert.equal(seen.credentials['api-key'], credentialFingerprint(KEY));
    assert.equal(seen.credentials.authorization, undefined);
  });

  it('an api-key header of the user\'s own (rill.chat.headers) wins', async () => {
    const { seen } = await ask(`${AZURE}/openai/v1`, { headers: { 'api-key': 'from-the-headers-setting' } });
    assert.equal(seen.credentials['api-key'], credentialFingerprint('from-the-headers-setting'));
  });

  it("a deployment Azure does not have is named as the deployment in the base URL, not as the model setting", async () => {
    llm.enqueue({ status: 404, body: { error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' } } });
    const p = createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl: `${llm.url}/openai/deployments/gpt4o-typo?api-version=2024-10-21`, model: 'gpt-4o', apiKey: KEY });
    const outcome = await collect(p.stream(request, new AbortController().signal));
    assert.equal(outcome.error?.kind, 'not-found');
    assert.match(outcome.error?.message ?? '', /The deployment "gpt4o-typo" was not found/);
    assert.match(outcome.error?.message ?? '', /The API deployment for this resource does not exist/);
    assert.match(outcome.error?.message ?? '', /rill\.chat\.baseUrl/);
    assert.doesNotMatch(outcome.error?.message ?? '', /Model "gpt-4o"/);
  });

  it('another host keeps the bearer token, and a gateway URL with ?api-version= keeps its query too', async () => {
    llm.enqueue({ text: 'from the gateway' });
    const p = createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl: `${llm.url}/openai/v1/?api-version=preview`, model: 'm', apiKey: KEY });
    const outcome = await collect(p.stream(request, new AbortController().signal));
    assert.equal(outcome.text, 'from the gateway', outcome.error?.message);
    const [seen] = llm.requests;
    assert.equal(seen?.path, '/openai/v1/chat/completions');
    assert.equal(seen?.query, 'api-version=preview');
    assert.equal(seen?.credentials.authorization, credentialFingerprint(`Bearer ${KEY}`));
    assert.equal(seen?.credentials['api-key'], undefined);
  });

  it("a deployment URL's model list is not asked for (Azure answers 404): the error says the deployment decides the model", async () => {
    const p = createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl: `${llm.url}/openai/deployments/gpt4o-prod`, model: 'gpt-4o', apiKey: KEY });
    await assert.rejects(p.listModels(), /the Azure deployment "gpt4o-prod", which decides the model/);
    assert.equal(llm.requests.length, 0);
  });
});
