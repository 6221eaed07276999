// What a user of OpenAI's newer models meets, through OpenAI itself or a gateway that passes the
// request on: reasoning models refuse `max_tokens` and any temperature but the default with a 400.
// Rill asks again without what was refused and remembers it for the model.
import * as assert from 'node:assert/strict';
import { createProvider } from '../../src/llm/createProvider';
import type { EndpointConfig } from '../../src/llm/types';
import { FakeLlmServer } from '../fake-llm/server';
import { collect } from '../helpers/collect';

const QUESTION = { kind: 'chat' as const, messages: [{ role: 'user' as const, content: 'hi' }], maxTokens: 500, temperature: 0.2 };

describe('Hosted reasoning models and their parameters (contract)', () => {
  let llm: FakeLlmServer;
  beforeEach(async () => {
    llm = await FakeLlmServer.start();
    llm.persona = { name: 'openai', reasoningModels: ['o3-mini'] };
  });
  afterEach(() => llm.close());

  function provider(config: Partial<EndpointConfig> & Pick<EndpointConfig, 'provider'>) {
    return createProvider({ model: 'o3-mini', apiKey: 'k', maxRetries: 0, firstTokenTimeoutMs: 5000, idleTimeoutMs: 5000, baseUrl: `${llm.url}/v1`, ...config });
  }

  it('through a gateway: max_tokens and the temperature refused in turn, the answer comes, and the next request goes right at once', async () => {
    const notes: string[] = [];
    llm.setDefault({ text: 'Here it is.' });
    const p = provider({ provider: 'openai-compatible', note: (line) => notes.push(line) });

    const first = await collect(p.stream(QUESTION, new AbortController().signal));
    assert.equal(first.error, undefined, first.error?.message);
    assert.equal(first.text, 'Here it is.');
    assert.deepEqual(
      llm.requests.map((r) => r.status),
      [400, 400, 200],
    );
    const sent = llm.requests[2]?.body as Record<string, unknown>;
    assert.equal(sent.max_completion_tokens, 500);
    assert.equal(sent.max_tokens, undefined);
    assert.equal(sent.temperature, undefined);
    assert.equal(notes.length, 2);
    assert.match(notes.join('\n'), /max_completion_tokens/);
    assert.match(notes.join('\n'), /default temperature/);

    llm.requests.length = 0;
    const second = await collect(p.stream(QUESTION, new AbortController().signal));
    assert.equal(second.text, 'Here it is.');
    assert.deepEqual(llm.requests.map((r) => r.status), [200]);
    // What the prompt view shows is what is sent.
    const shown = p.describe?.(QUESTION).body as Record<string, unknown> | undefined;
    assert.deepEqual([shown?.temperature, shown?.max_completion_tokens], [undefined, 500]);
  });

  it("OpenAI's own API: only the temperature is refused (the limit already goes as max_completion_tokens)", async () => {
    llm.setDefault({ text: 'Fine.' });
    const out = await collect(provider({ provider: 'openai', baseUrl: `${llm.url}/v1` }).stream(QUESTION, new AbortController().signal));
    assert.equal(out.text, 'Fine.');
    assert.deepEqual(llm.requests.map((r) => r.status), [400, 200]);
  });

  it('ghost text from a reasoning model (hole-filling over chat, a stop sequence mid-line): its temperature and stop left out', async () => {
    llm.setDefault({ text: '42' });
    const fim = { kind: 'fim' as const, prefix: 'const answer = ', suffix: ';\n', maxTokens: 64, temperature: 0.2, stop: ['\n'] };
    const out = await collect(provider({ provider: 'openai' }).stream(fim, new AbortController().signal));
    assert.equal(out.error, undefined, out.error?.message);
    assert.equal(out.text, '42');
    assert.deepEqual(llm.requests.map((r) => r.status), [400, 400, 200]);
    const sent = llm.requests[2]?.body as Record<string, unknown>;
    assert.deepEqual([sent.temperature, sent.stop, sent.max_completion_tokens], [undefined, undefined, 64]);
  });

  it('a model that takes both is sent both, once', async () => {
    llm.setDefault({ text: 'Sure.' });
    const out = await collect(provider({ provider: 'openai-compatible', model: 'gpt-4o-mini' }).stream(QUESTION, new AbortController().signal));
    assert.equal(out.text, 'Sure.');
    assert.equal(llm.requests.length, 1);
    const sent = llm.requests[0]?.body as Record<string, unknown>;
    assert.equal(sent.max_tokens, 500);
    assert.equal(sent.temperature, 0.2);
  });

  it('a server that words the refusal its own way, at the top level of the body, is understood too', async () => {
    // Such a body has no `error` key, which is all the openai SDK keeps of an error body.
    llm.route((r) => ((r.body as { temperature?: unknown }).temperature !== undefined ? { status: 400, body: '{"message":"invalid temperature: only 1 is allowed for this model","type":"invalid_request_error"}' } : undefined));
    llm.setDefault({ text: 'Ok.' });
    const out = await collect(provider({ provider: 'openai-compatible', model: 'kimi-test' }).stream(QUESTION, new AbortController().signal));
    assert.equal(out.text, 'Ok.');
    assert.deepEqual(llm.requests.map((r) => r.status), [400, 200]);
  });

  it('any other 400 is not retried and says what the server said', async () => {
    llm.route(() => ({ status: 400, body: { message: "Invalid value for 'messages'", type: 'invalid_request_error' } }));
    const out = await collect(provider({ provider: 'openai-compatible' }).stream(QUESTION, new AbortController().signal));
    assert.equal(out.error?.kind, 'bad-request');
    assert.equal(llm.requests.length, 1);
  });
});

describe('Reasoning streamed before the answer (contract)', () => {
  let llm: FakeLlmServer;
  beforeEach(async () => (llm = await FakeLlmServer.start()));
  afterEach(() => llm.close());

  // The model thinks for 2.7 s, a piece every 0.3 s, against a first-token deadline of 1 s.
  const thinker = { text: 'The answer is 42.', ttftMs: 2700, thinking: ['Let', ' me', ' think', ' about', ' this', ' step', ' by', ' step'] };
  const deadlines = { firstTokenTimeoutMs: 1000, idleTimeoutMs: 1000 };
  const cases: [string, () => Parameters<typeof createProvider>[0]][] = [
    ['Anthropic extended thinking (thinking_delta, signature_delta, then the text block)', () => ({ provider: 'anthropic', baseUrl: llm.url, model: 'claude-test' } as const)],
    ["DeepSeek's reasoner through an OpenAI-compatible URL (delta.reasoning_content)", () => ({ provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'deepseek-reasoner' } as const)],
  ].map(([name, config]) => [name as string, () => ({ ...(config as () => Pick<EndpointConfig, 'provider' | 'baseUrl' | 'model'>)(), apiKey: 'sk-reasoning-test-0123456789', maxRetries: 0, ...deadlines })]);

  for (const [name, config] of cases) {
    it(`${name}: the model at work, no stall while it thinks; only the answer is shown`, async () => {
      llm.enqueue(thinker);
      const out = await collect(createProvider(config()).stream(QUESTION, new AbortController().signal));
      assert.equal(out.error, undefined, out.error?.message);
      assert.equal(out.text, 'The answer is 42.');
      assert.equal(out.end, 'stop');
    });
  }

  it('a model that sends nothing at all (a stuck upstream behind keep-alives) still stalls', async () => {
    llm.enqueue({ fault: 'keepalive-only' });
    const out = await collect(createProvider({ ...cases[1]![1](), firstTokenTimeoutMs: 1000 }).stream(QUESTION, new AbortController().signal));
    assert.equal(out.error?.kind, 'stalled');
    assert.match(out.error?.message ?? '', /a reasoning model to think before it writes: raise "rill\.network\.firstTokenTimeoutMs"/);
  });
});

describe('A reasoning model that thinks in silence (contract)', () => {
  let llm: FakeLlmServer;
  beforeEach(async () => {
    llm = await FakeLlmServer.start();
    llm.persona = { name: 'openai', reasoningModels: ['o3-mini'] };
  });
  afterEach(() => llm.close());

  // OpenAI's Chat Completions stream nothing while a reasoning model thinks: 2.5 s of silence here,
  // against a first-token deadline of 1 s.
  const config = (model: string) =>
    ({ provider: 'openai', baseUrl: `${llm.url}/v1`, model, apiKey: 'sk-silent-test-0123456789', maxRetries: 0, firstTokenTimeoutMs: 1000, idleTimeoutMs: 1000 }) as const;
  const chat = { kind: 'chat' as const, messages: [{ role: 'user' as const, content: 'prove it' }], temperature: 0.2 };

  it('chat: a model found to reason (it refused the temperature) is given time to think, and its answer comes', async () => {
    llm.setDefault({ text: 'Proved.', ttftMs: 2500 });
    const out = await collect(createProvider(config('o3-mini')).stream(chat, new AbortController().signal));
    assert.equal(out.error, undefined, out.error?.message);
    assert.equal(out.text, 'Proved.');
  });

  it('chat: any other model silent for that long still stalls at the first-token deadline', async () => {
    llm.setDefault({ text: 'Late.', ttftMs: 2500 });
    const out = await collect(createProvider(config('gpt-4o-mini')).stream(chat, new AbortController().signal));
    assert.equal(out.error?.kind, 'stalled');
  });
});
