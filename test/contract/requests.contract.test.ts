// What each adapter puts on the wire: the fields the servers need (suffix, /infill options,
// the system prompt's place, usage requested) and nothing that leaks the key.
import * as assert from 'node:assert/strict';
import { createProvider } from '../../src/llm/createProvider';
import type { LlmRequest } from '../../src/llm/types';
import { FakeLlmServer } from '../fake-llm/server';
import { ADAPTERS, type AdapterCase, TEST_KEY } from './adapters';
import { collect } from '../helpers/collect';

type Body = Record<string, unknown>;

describe('request shapes on the wire', function () {
  this.timeout(10_000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  async function sent(adapter: AdapterCase, request: LlmRequest = adapter.request): Promise<{ path: string; body: Body }> {
    llm.enqueue({ text: 'x' });
    const outcome = await collect(adapter.make(llm.url).stream(request, new AbortController().signal));
    assert.equal(outcome.error, undefined, outcome.error?.message);
    const r = llm.requests[0];
    assert.ok(r);
    return { path: r.path, body: r.body as Body };
  }
  const byDialect = (name: string) => ADAPTERS.find((a) => a.name.startsWith(name)) as AdapterCase;

  it('OpenAI chat: messages, stream with usage, max_tokens for compatible servers', async () => {
    const { path, body } = await sent(byDialect('OpenAI chat'));
    assert.equal(path, '/v1/chat/completions');
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.max_tokens, 100);
    assert.equal((body.messages as unknown[]).length, 2);
  });

  it("OpenAI's own API gets max_completion_tokens", async () => {
    llm.enqueue({ text: 'x' });
    const p = createProvider({ provider: 'openai', baseUrl: `${llm.url}/v1`, model: 'gpt-x', maxRetries: 0, firstTokenTimeoutMs: 2000, idleTimeoutMs: 2000 });
    await collect(p.stream({ kind: 'chat', messages: [{ role: 'user', content: 'hi' }], maxTokens: 9 }, new AbortController().signal));
    const body = llm.requests[0]?.body as Body;
    assert.equal(body.max_completion_tokens, 9);
    assert.equal(body.max_tokens, undefined);
  });

  it('FIM /v1/completions: prompt ends with the prefix, suffix separate, snippets as path comments', async () => {
    const { path, body } = await sent(byDialect('FIM /v1/completions'));
    assert.equal(path, '/v1/completions');
    assert.equal(body.suffix, '\n}\n');
    assert.equal(body.prompt, '// Path: b.ts\n// export const x = 1;\nfunction add(a, b) {\n  ');
  });

  it('FIM with a template: one raw prompt in the family\'s FIM tokens, no suffix, its stop tokens', async () => {
    const { path, body } = await sent(byDialect('FIM raw prompt'));
    assert.equal(path, '/v1/completions');
    assert.equal(body.suffix, undefined);
    assert.equal(body.prompt, '<|file_sep|>b.ts\nexport const x = 1;\n<|file_sep|>a.ts\n<|fim_prefix|>function add(a, b) {\n  <|fim_suffix|>\n}\n<|fim_middle|>');
    assert.ok((body.stop as string[]).includes('<|endoftext|>'));
  });

  it('FIM with a template for a model of no known family: a bad-request error that says which settings fix it', async () => {
    const p = createProvider({ provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'mystery-7b', fimMode: 'template', maxRetries: 0, firstTokenTimeoutMs: 2000, idleTimeoutMs: 2000 });
    const outcome = await collect(p.stream({ kind: 'fim', prefix: 'a', suffix: 'b' }, new AbortController().signal));
    assert.equal(outcome.error?.kind, 'bad-request');
    assert.match(outcome.error?.message ?? '', /mystery-7b.*rill\.completion\.fimTemplate.*rill\.completion\.fimMode/);
    assert.equal(llm.requests.length, 0, 'nothing was sent');
  });

  for (const adapter of ADAPTERS) {
    it(`describe() is byte for byte what goes on the wire: ${adapter.name}`, async () => {
      const provider = adapter.make(llm.url);
      const described = provider.describe?.(adapter.request);
      assert.ok(described, 'the provider can describe its requests');
      const { path, body } = await sent(adapter);
      assert.equal(new URL(described.url).pathname, path);
      assert.equal(JSON.stringify(described.body), JSON.stringify(body));
    });
  }

  it('llama.cpp /infill: input_prefix/suffix/extra, cache_prompt, n_indent, t_max_predict_ms', async () => {
    const { path, body } = await sent(byDialect('llama.cpp'));
    assert.equal(path, '/infill');
    assert.equal(body.input_prefix, 'function add(a, b) {\n  ');
    assert.equal(body.input_suffix, '\n}\n');
    assert.deepEqual(body.input_extra, [{ filename: 'b.ts', text: 'export const x = 1;' }]);
    assert.equal(body.cache_prompt, true);
    assert.equal(body.n_indent, 2);
    assert.equal(body.t_max_predict_ms, 500);
    assert.equal(body.n_predict, 64);
    assert.equal(body.stream, true);
  });

  it('Anthropic: system prompt in `system`, not in messages', async () => {
    const { path, body } = await sent(byDialect('Anthropic'));
    assert.equal(path, '/v1/messages');
    assert.equal(body.system, 'be brief');
    assert.deepEqual(body.messages, [{ role: 'user', content: 'hello' }]);
    assert.equal(body.max_tokens, 100);
  });

  it('FIM through a chat model: a hole-filling prompt', async () => {
    const { path, body } = await sent(byDialect('FIM through a chat model'));
    assert.equal(path, '/v1/chat/completions');
    const user = (body.messages as { content: string }[])[1]?.content ?? '';
    assert.ok(user.includes('function add(a, b) {\n  <FILL_HERE>\n}\n'));
  });

  it('FIM through a chat model: an answer that repeats the line before the hole in a fence is written once, without the fence', async () => {
    llm.enqueue({ text: '```ts\n  const total = sum(values);\n```', tokensPerSec: 400 });
    const request: LlmRequest = { kind: 'fim', prefix: 'function f(values) {\n  const total = ', suffix: '\n}\n', maxTokens: 32 };
    const outcome = await collect(byDialect('FIM through a chat model').make(llm.url).stream(request, new AbortController().signal));
    assert.equal(outcome.error, undefined, outcome.error?.message);
    assert.equal(outcome.text, 'sum(values);');
  });

  it('lists the models the server reports, through /v1/models or Ollama /api/tags', async () => {
    llm.models = ['alpha', 'beta'];
    const p = byDialect('OpenAI chat').make(llm.url);
    assert.deepEqual(await p.listModels(), ['alpha', 'beta']);
    const a = byDialect('Anthropic').make(llm.url);
    assert.deepEqual(await a.listModels(), ['alpha', 'beta']);
  });

  it('no request carries the key anywhere but its auth header', async () => {
    for (const adapter of ADAPTERS) await sent(adapter).then(() => llm.reset());
    assert.ok(!JSON.stringify(llm.requests).includes(TEST_KEY));
  });
});
