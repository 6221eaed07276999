// The adapters read what the server's cache did, from the fake server in cache mode: llama.cpp's
// /infill timings (cache_n) and OpenAI-style cached_tokens on /v1/completions become the usage
// event's cachedInputTokens, so records can say how many prompt tokens were reused.
import * as assert from 'node:assert/strict';
import { createProvider } from '../../src/llm/createProvider';
import type { FimRequest, StreamEvent } from '../../src/llm/types';
import { FakeLlmServer } from '../fake-llm/server';
import { collect } from '../helpers/collect';

const FIM: FimRequest = { kind: 'fim', prefix: 'def add(a, b):\n    return a', suffix: '\n\nprint(add(1, 2))\n', snippets: [{ path: 'util.py', text: 'def sub(a, b):\n    return a - b\n' }], maxTokens: 16 };
const timeouts = { maxRetries: 0, firstTokenTimeoutMs: 5000, idleTimeoutMs: 5000 };
type Usage = Extract<StreamEvent, { type: 'usage' }>;

describe('prompt cache figures through the adapters', function () {
  this.timeout(10_000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => {
    llm.reset();
    llm.modelCache({ slots: 1, promptMsPerToken: 0.01 });
    llm.setDefault({ text: ' + b', ttftMs: 0 });
  });

  const usage = async (provider: ReturnType<typeof createProvider>, request: FimRequest): Promise<Usage> => {
    const out = await collect(provider.stream(request, new AbortController().signal));
    assert.equal(out.error, undefined, out.error?.message);
    return out.events.find((e): e is Usage => e.type === 'usage')!;
  };

  for (const [name, make] of [
    ['llama.cpp /infill', () => createProvider({ ...timeouts, provider: 'llamacpp', baseUrl: llm.url, model: 'local', fimMode: 'infill' })],
    ['/v1/completions with suffix', () => createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'coder', fimMode: 'completions' })],
  ] as const) {
    it(`${name}: the second request reports the prompt read from the cache`, async () => {
      const provider = make();
      const first = await usage(provider, FIM);
      const second = await usage(provider, { ...FIM, prefix: `${FIM.prefix} ` });
      const [r1, r2] = llm.requests;
      assert.deepEqual([first.inputTokens, first.cachedInputTokens], [r1!.cache!.promptTokens, 0]);
      assert.deepEqual([second.inputTokens, second.cachedInputTokens], [r2!.cache!.promptTokens, r2!.cache!.reused]);
      assert.ok(r2!.cache!.reused > r2!.cache!.evaluated, `reused ${r2!.cache!.reused}, evaluated ${r2!.cache!.evaluated}`);
    });
  }
});
