// Detect Local Model Server's probe: what counts as a server found on each default port, and where
// completion and chat then point. LM Studio (1234) and vLLM (8000) share their ports with many other
// servers (a web app in development), so there only an OpenAI model list counts.
import * as assert from 'node:assert/strict';
import { endpointsFor, LOCAL_SERVERS, type LocalServerCandidate, probeLocalServers } from '../../../src/llm/localServers';

/** A fetch that answers each URL from `routes` (status 200 with the body; a missing URL refuses the connection). */
function fakeFetch(routes: Record<string, { status?: number; body: string }>): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = String(input);
    const route = routes[url];
    if (!route) throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    return new Response(route.body, { status: route.status ?? 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

const OPENAI_LIST = JSON.stringify({ object: 'list', data: [{ id: 'qwen2.5-coder-7b-instruct', object: 'model' }] });

describe('Detect Local Model Server: the probe', () => {
  it('looks at Ollama, llama.cpp, LM Studio and vLLM on their default ports, on this machine only', () => {
    assert.deepEqual(
      LOCAL_SERVERS.map((c) => [c.kind, c.url]),
      [
        ['ollama', 'http://127.0.0.1:11434'],
        ['llamacpp', 'http://127.0.0.1:8080'],
        ['lmstudio', 'http://127.0.0.1:1234'],
        ['vllm', 'http://127.0.0.1:8000'],
      ],
    );
  });

  it('finds LM Studio and vLLM by their OpenAI model lists', async () => {
    const found = await probeLocalServers(
      LOCAL_SERVERS,
      fakeFetch({ 'http://127.0.0.1:1234/v1/models': { body: OPENAI_LIST }, 'http://127.0.0.1:8000/v1/models': { body: OPENAI_LIST } }),
    );
    assert.deepEqual(
      found.map((s) => [s.kind, s.models]),
      [
        ['lmstudio', ['qwen2.5-coder-7b-instruct']],
        ['vllm', ['qwen2.5-coder-7b-instruct']],
      ],
    );
  });

  it('on 1234 and 8000, a server that answers with a page or another JSON is not a model server', async () => {
    const found = await probeLocalServers(
      LOCAL_SERVERS,
      fakeFetch({
        // A development server that answers every path with its page, and an API with its own JSON.
        'http://127.0.0.1:1234/v1/models': { body: '<!doctype html><html><body>app</body></html>' },
        'http://127.0.0.1:8000/v1/models': { body: JSON.stringify({ detail: 'Not Found', items: [] }) },
      }),
    );
    assert.deepEqual(found, []);
  });

  it('an LM Studio with no model loaded is still found (the list is empty), and says so', async () => {
    const candidates: LocalServerCandidate[] = [{ kind: 'lmstudio', url: 'http://127.0.0.1:1234' }];
    const found = await probeLocalServers(candidates, fakeFetch({ 'http://127.0.0.1:1234/v1/models': { body: JSON.stringify({ object: 'list', data: [] }) } }));
    assert.deepEqual(found, [{ kind: 'lmstudio', url: 'http://127.0.0.1:1234', models: [] }]);
  });

  it('points completion and chat at LM Studio or vLLM through their OpenAI-compatible API', () => {
    for (const kind of ['lmstudio', 'vllm'] as const) {
      const url = kind === 'lmstudio' ? 'http://127.0.0.1:1234' : 'http://127.0.0.1:8000';
      const endpoints = endpointsFor({ kind, url, models: ['qwen2.5-coder-1.5b-base', 'qwen2.5-coder-7b-instruct'] }, { completion: 'none', chat: 'none' });
      assert.deepEqual(endpoints, {
        completion: { provider: 'openai-compatible', baseUrl: `${url}/v1`, model: 'qwen2.5-coder-1.5b-base' },
        chat: { provider: 'openai-compatible', baseUrl: `${url}/v1`, model: 'qwen2.5-coder-7b-instruct' },
      });
    }
  });

  it("chat does not get a base (completion-only) model when the server has another: Ollama's usual pair", () => {
    const endpoints = endpointsFor({ kind: 'ollama', url: 'http://127.0.0.1:11434', models: ['qwen2.5-coder:1.5b-base', 'qwen2.5-coder:7b'] }, { completion: 'none', chat: 'none' });
    assert.equal(endpoints.completion.model, 'qwen2.5-coder:1.5b-base');
    assert.equal(endpoints.chat.model, 'qwen2.5-coder:7b');
  });
});
