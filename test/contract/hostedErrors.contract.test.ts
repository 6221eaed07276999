// What a user of a hosted provider reads when a request is refused for what it asked: a model id
// the provider does not have, a conversation or selection too big to send. Each message names
// the setting to fix or what to send less of.
import * as assert from 'node:assert/strict';
import { createProvider } from '../../src/llm/createProvider';
import type { LlmRequest } from '../../src/llm/types';
import { FakeLlmServer } from '../fake-llm/server';
import { collect } from '../helpers/collect';

const QUESTION: LlmRequest = { kind: 'chat', messages: [{ role: 'user', content: 'hi' }] };
const FIM: LlmRequest = { kind: 'fim', prefix: 'def f():\n    ', suffix: '' };

describe('Hosted providers refusing what was asked (contract)', () => {
  let llm: FakeLlmServer;
  beforeEach(async () => (llm = await FakeLlmServer.start()));
  afterEach(() => llm.close());

  const anthropic = (model = 'claude-sonnet-9') =>
    createProvider({ provider: 'anthropic', baseUrl: llm.url, model, apiKey: 'sk-ant-test-0123456789', maxRetries: 0, firstTokenTimeoutMs: 5000, idleTimeoutMs: 5000 });

  it("a model id Anthropic does not have (404 not_found_error): names the chat model setting, or completion's for ghost text", async () => {
    llm.route(() => ({ status: 404, body: { type: 'error', error: { type: 'not_found_error', message: 'model: claude-sonnet-9' } } }));
    const chat = await collect(anthropic().stream(QUESTION, new AbortController().signal));
    assert.equal(chat.error?.kind, 'not-found');
    assert.match(chat.error?.message ?? '', /^Model "claude-sonnet-9" or its endpoint was not found at .* \(HTTP 404\): model: claude-sonnet-9\. .*\("rill\.chat\.model", "rill\.chat\.baseUrl"\), or pick a model the server has with "Rill: Select Model…"\.$/);
    const ghost = await collect(anthropic().stream(FIM, new AbortController().signal));
    assert.match(ghost.error?.message ?? '', /"rill\.completion\.model", "rill\.completion\.baseUrl"/);
  });

  it('413 request_too_large and 400 "prompt is too long": say to send less, and how (a new chat for a long conversation)', async () => {
    llm.enqueue(
      { status: 413, body: { type: 'error', error: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' } } },
      { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long: 215000 tokens > 200000 maximum' } } },
    );
    for (const status of [413, 400]) {
      const out = await collect(anthropic().stream(QUESTION, new AbortController().signal));
      assert.equal(out.error?.kind, 'bad-request');
      assert.equal(out.error?.status, status);
      assert.match(out.error?.message ?? '', /^The prompt is too long for model "claude-sonnet-9" .* Send less: attach or select less text, or start a new chat/);
    }
  });

  it("a 429 from OpenAI with only its x-ratelimit-reset headers: says when to retry, and does not retry into a limit that lasts minutes", async () => {
    const limits = { 'x-ratelimit-limit-requests': '500', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '6m0s', 'x-ratelimit-remaining-tokens': '30000', 'x-ratelimit-reset-tokens': '0s' };
    llm.route(() => ({ status: 429, body: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' }, headers: limits }));
    const openai = createProvider({ provider: 'openai', baseUrl: `${llm.url}/v1`, model: 'gpt-4o', apiKey: 'sk-test-0123456789', maxRetries: 2, firstTokenTimeoutMs: 5000, idleTimeoutMs: 5000 });
    const out = await collect(openai.stream(QUESTION, new AbortController().signal));
    assert.equal(out.error?.kind, 'rate-limited');
    assert.match(out.error?.message ?? '', /^OpenAI is rate limiting requests \(HTTP 429\)\. Retry in 6 min\./);
    assert.equal(llm.requests.length, 1);
  });

  it('a gateway error body in another shape ({"detail": …}, FastAPI\'s) is quoted as words, not as JSON', async () => {
    llm.route(() => ({ status: 403, body: '{"detail":"Model o3 is not allowed for this key"}' }));
    const gateway = createProvider({ provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'o3', apiKey: 'sk-gw-0123456789abcdef', maxRetries: 0, firstTokenTimeoutMs: 5000, idleTimeoutMs: 5000 });
    const out = await collect(gateway.stream(QUESTION, new AbortController().signal));
    assert.equal(out.error?.kind, 'auth');
    assert.match(out.error?.message ?? '', /refused access \(HTTP 403\): Model o3 is not allowed for this key\. Check that your key may use model "o3"\.$/);
  });

  it("a gateway's HTML 502 page is named by its title, so the user sees which hop failed", async () => {
    const page = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
    llm.route(() => ({ status: 502, body: page, headers: { 'content-type': 'text/html' } }));
    const gateway = createProvider({ provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'gpt-4o', apiKey: 'sk-gw-0123456789abcdef', maxRetries: 0, firstTokenTimeoutMs: 5000, idleTimeoutMs: 5000 });
    const out = await collect(gateway.stream(QUESTION, new AbortController().signal));
    assert.equal(out.error?.kind, 'server');
    assert.match(out.error?.message ?? '', /failed \(HTTP 502\): the server answered with an HTML page, not JSON \(its title: "502 Bad Gateway"\)$/);
  });
});
