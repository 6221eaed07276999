// FIM chosen from what the server says, through the real adapters against the fake servers: each
// fixture of the auto-detection table (Ollama /api/show, llama.cpp /props and /infill, vLLM's model
// list, servers answering 404 or garbage) is probed, the choice checked, and a completion request
// sent to see it arrive where the choice says. RILL_DETECTION_TABLE=1 prints the table.
import * as assert from 'node:assert/strict';
import { ServerCapabilities, UNREACHABLE_RETRY_MS } from '../../src/llm/capabilityCache';
import { createProvider } from '../../src/llm/createProvider';
import type { FimChoice } from '../../src/llm/fimChoice';
import { HOLE } from '../../src/llm/holeFilling';
import { probeServer, type ServerReport } from '../../src/llm/serverCapabilities';
import type { FimRequest } from '../../src/llm/types';
import { DETECTION_FIXTURES, type DetectionFixture } from '../fake-llm/personaFixtures';
import { FakeLlmServer, type RecordedRequest } from '../fake-llm/server';
import { closedPortUrl } from '../reliability/closedPort';
import { collect } from '../helpers/collect';

const FIM: FimRequest = { kind: 'fim', prefix: 'def add(a, b):\n    ', suffix: '\n\nprint(add(1, 2))\n', path: 'add.py', language: 'python', maxTokens: 32 };
const PROBE_ENDPOINTS = new Set(['ollama-show', 'llamacpp-props', 'models']);
const timeouts = { maxRetries: 0, firstTokenTimeoutMs: 5000, idleTimeoutMs: 5000 };

describe('FIM chosen from what the server reports', function () {
  this.timeout(15_000);
  let llm: FakeLlmServer;
  const table: string[] = [];
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => {
    await llm.close();
    if (process.env.RILL_DETECTION_TABLE) console.log(['', '| server / model | provider setting | chosen | from | fits | why |', '|---|---|---|---|---|---|', ...table].join('\n'));
  });
  beforeEach(() => {
    llm.reset();
    llm.persona = { name: 'generic' };
  });

  function serve(f: DetectionFixture): { baseUrl: string } {
    llm.persona = f.persona;
    llm.models = [f.model];
    if (f.probeReply) llm.route((r) => (PROBE_ENDPOINTS.has(r.endpoint) ? f.probeReply : undefined));
    llm.setDefault({ text: 'return a + b', ttftMs: 0 });
    return { baseUrl: `${llm.url}${f.path}` };
  }

  for (const f of DETECTION_FIXTURES) {
    it(`${f.name}: ${f.expected.mode} (${f.expected.source}), and the request goes there`, async () => {
      const { baseUrl } = serve(f);
      const caps = new ServerCapabilities();
      const target = { provider: f.provider, baseUrl, model: f.model, fimMode: 'auto' as const };
      const choice = await caps.fimChoice(target);
      assert.deepEqual({ mode: choice.mode, source: choice.source, fits: choice.fits }, f.expected, choice.reason);
      table.push(`| ${f.name} (${f.model}) | ${f.provider} | ${choice.mode}${choice.family ? ` (${choice.family})` : ''} | ${choice.source} | ${choice.fits ? 'yes' : 'no'} | ${choice.reason.replace(/\|/g, '\\|')} |`);

      const provider = createProvider({ ...timeouts, provider: f.provider, baseUrl, model: f.model, fimChoice: () => caps.fimChoice(target) });
      const out = await collect(provider.stream(FIM, new AbortController().signal));
      assert.equal(out.error, undefined, out.error?.message);
      const sent = llm.requests.filter((r) => !PROBE_ENDPOINTS.has(r.endpoint) && !(r.endpoint === 'llamacpp-infill' && (r.body as { n_predict?: number }).n_predict === 0));
      assert.deepEqual(sent.map((r) => r.endpoint), [f.endpoint], 'one FIM request, where the choice says');
      checkBody(sent[0]!, choice);
      assert.equal(provider.describe!(FIM).fim?.mode, choice.mode, 'Show Last Completion Prompt says which');
    });
  }

  function checkBody(r: RecordedRequest, choice: FimChoice): void {
    const body = r.body as Record<string, unknown>;
    switch (choice.mode) {
      case 'chat':
        assert.ok(JSON.stringify(body.messages).includes(HOLE), 'the hole-filling prompt');
        break;
      case 'template':
        assert.equal(body.suffix, undefined, 'a raw prompt carries no suffix');
        assert.match(String(body.prompt), /<fim_prefix>|<\|fim_prefix\|>/);
        break;
      case 'completions':
        assert.equal(body.suffix, FIM.suffix);
        break;
      case 'infill':
        assert.equal(body.cache_prompt, true);
        // A server with several slots gets the request pinned to one, so its cache stays warm.
        assert.equal(body.id_slot, choice.totalSlots !== undefined && choice.totalSlots > 1 ? 0 : undefined);
        break;
    }
  }

  it('404 everywhere: the fixed rule, and the reason says what each endpoint answered', async () => {
    const f = DETECTION_FIXTURES.find((x) => x.name.startsWith('Server answering 404'))!;
    const { baseUrl } = serve(f);
    const choice = await new ServerCapabilities().fimChoice({ provider: f.provider, baseUrl, model: f.model });
    assert.match(choice.reason, /POST \/api\/show: 404; GET \/props: 404; GET \/v1\/models: 404/);
    assert.match(choice.reason, /fixed rule: \/v1\/completions with `suffix`/);
  });

  it('an Azure deployment URL is not probed (the slot check asks for a report): no request, the chat prompt', async () => {
    const target = { provider: 'openai-compatible', baseUrl: `${llm.url}/openai/deployments/gpt4o-prod?api-version=2024-10-21`, model: 'gpt-4o' } as const;
    const caps = new ServerCapabilities();
    const report = await caps.report(target);
    assert.equal(report.kind, 'unknown');
    assert.deepEqual(report.heard, ['not asked: an Azure OpenAI endpoint']);
    assert.equal((await caps.fimChoice(target)).mode, 'chat');
    assert.deepEqual(llm.requests.map((r) => `${r.method} ${r.path}`), []);
  });

  it('garbage: the fixed rule, and the reason says the answer was not JSON', async () => {
    const f = DETECTION_FIXTURES.find((x) => x.name.startsWith('Server answering garbage'))!;
    const { baseUrl } = serve(f);
    const choice = await new ServerCapabilities().fimChoice({ provider: f.provider, baseUrl, model: f.model });
    assert.match(choice.reason, /GET \/props: 200, not JSON/);
    assert.match(choice.reason, /fixed rule: llama\.cpp's \/infill/);
  });

  it('garbage that parses (JSON of the wrong shape) is not taken for a server report', async () => {
    llm.route((r) => (PROBE_ENDPOINTS.has(r.endpoint) ? { status: 200, body: { hello: 'world', data: 'nope' } } : undefined));
    const report = await probeServer({ provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'm' });
    assert.equal(report.kind, 'unknown');
    assert.deepEqual(report.heard, ['POST /api/show: 200', 'GET /props: 200', 'GET /v1/models: 200']);
  });

  it('asks once per server and model; a settings change (clear) asks again', async () => {
    const f = DETECTION_FIXTURES.find((x) => x.name === 'Ollama, instruct model without insert')!;
    const { baseUrl } = serve(f);
    const caps = new ServerCapabilities();
    const target = { provider: f.provider, baseUrl, model: f.model };
    const provider = createProvider({ ...timeouts, ...target, fimChoice: () => caps.fimChoice(target) });
    await collect(provider.stream(FIM, new AbortController().signal));
    await collect(provider.stream(FIM, new AbortController().signal));
    const probes = () => llm.requests.filter((r) => r.endpoint === 'ollama-show').length;
    assert.equal(probes(), 1, 'one /api/show for two completions');
    caps.clear();
    await collect(provider.stream(FIM, new AbortController().signal));
    assert.equal(probes(), 2);
  });

  it('a key change: a provider built before it that asks after the clear does not leave its answer to the new key', async () => {
    const f = DETECTION_FIXTURES.find((x) => x.name === 'Ollama, base model without insert, known FIM family')!;
    const { baseUrl } = serve(f);
    // A server behind auth: without the key its probe endpoints refuse.
    llm.route((r) => (PROBE_ENDPOINTS.has(r.endpoint) && !r.headers.authorization ? { status: 401, body: { error: 'no key' } } : undefined));
    const caps = new ServerCapabilities();
    const before = { provider: f.provider, baseUrl, model: f.model };
    const after = { ...before, apiKey: 'sk-new-key' };
    caps.clear(); // the key was stored: the registry clears the cache and rebuilds the providers
    const stale = await caps.fimChoice(before); // a request already under way on the old provider
    assert.notEqual(stale.source, 'server', `the key-less probe was refused, so no server report: ${stale.reason}`);
    const fresh = await caps.fimChoice(after);
    assert.equal(fresh.mode, f.expected.mode, fresh.reason);
    assert.equal(fresh.source, 'server', fresh.reason);
    const withKey = () => llm.requests.filter((r) => r.endpoint === 'ollama-show' && r.headers.authorization).length;
    assert.equal(withKey(), 1, 'the new key asked the server once');
    assert.deepEqual(await caps.fimChoice(after), fresh);
    assert.equal(withKey(), 1, 'and its answer is kept');
  });

  it('a server that cannot be reached is asked again only after a while', async () => {
    let now = 0;
    const caps = new ServerCapabilities(probeServer, { now: () => now });
    const target = { provider: 'llamacpp' as const, baseUrl: await closedPortUrl(), model: 'local' };
    const first: ServerReport = await caps.report(target);
    assert.equal(first.reachable, false);
    assert.match(first.heard.join(), /connection refused/);
    assert.equal(await caps.report(target), first, 'cached');
    now += UNREACHABLE_RETRY_MS;
    assert.notEqual(await caps.report(target), first, 'asked again');
    const choice = await caps.fimChoice(target);
    assert.match(choice.reason, /could not be reached .*connection refused/);
  });

  it('when nothing fits and the server refuses, the error says what the server reported', async () => {
    const f = DETECTION_FIXTURES.find((x) => x.name === 'Ollama, base model without insert, unknown family')!;
    const { baseUrl } = serve(f);
    llm.setDefault({ status: 404, body: { message: 'model "phi-2:base" does not support chat' } });
    const caps = new ServerCapabilities();
    const target = { provider: f.provider, baseUrl, model: f.model };
    const out = await collect(createProvider({ ...timeouts, ...target, fimChoice: () => caps.fimChoice(target) }).stream(FIM, new AbortController().signal));
    assert.ok(out.error);
    assert.match(out.error.message, /Nothing fits: Ollama reports capabilities \[completion\] for "phi-2:base" \(family phi2\)/);
  });

  it('a llama.cpp server restarted with a model without FIM tokens: the refusal says what to do, and the next request asks the server again', async () => {
    // The user's llama-server set up as OpenAI-compatible, first with a code model.
    llm.persona = { name: 'llamacpp', llamacpp: { modelPath: '/m/qwen2.5-coder.gguf', totalSlots: 1, contextTokens: 4096, fimTokens: true } };
    llm.setDefault({ text: 'return a + b', ttftMs: 0 });
    const caps = new ServerCapabilities();
    const target = { provider: 'openai-compatible' as const, baseUrl: `${llm.url}/v1`, model: 'local', fimMode: 'auto' as const };
    const provider = createProvider({ ...timeouts, ...target, fimChoice: () => caps.fimChoice(target), fimChoiceStale: () => caps.forget(target) });
    const sent = () => llm.requests.filter((r) => !PROBE_ENDPOINTS.has(r.endpoint) && (r.body as { n_predict?: number }).n_predict !== 0).map((r) => r.endpoint);
    assert.equal((await collect(provider.stream(FIM, new AbortController().signal))).error, undefined);
    assert.deepEqual(sent(), ['llamacpp-infill']);

    // Restarted with a chat model: /infill answers 501 "Infill is not supported by this model".
    llm.persona = { name: 'llamacpp', llamacpp: { modelPath: '/m/llama-3.1-8b-instruct.gguf', totalSlots: 1, contextTokens: 4096, fimTokens: false } };
    const refused = await collect(provider.stream(FIM, new AbortController().signal));
    assert.equal(refused.error?.kind, 'not-found');
    assert.match(refused.error.message, /cannot fill in the middle \(HTTP 501\): Infill is not supported.*Set "rill\.completion\.fimMode" to "chat"/);

    // The next request asks the server again and goes where its new model can answer.
    const next = await collect(provider.stream(FIM, new AbortController().signal));
    assert.equal(next.error, undefined, next.error?.message);
    assert.deepEqual(sent(), ['llamacpp-infill', 'llamacpp-infill', 'openai-chat']);
    assert.equal((await caps.fimChoice(target)).mode, 'chat');
  });

  it('an explicit fimMode wins without asking the server', async () => {
    const f = DETECTION_FIXTURES.find((x) => x.name === 'Ollama, instruct model without insert')!;
    const { baseUrl } = serve(f);
    const caps = new ServerCapabilities();
    const choice = await caps.fimChoice({ provider: f.provider, baseUrl, model: f.model, fimMode: 'completions' });
    assert.deepEqual([choice.mode, choice.source], ['completions', 'setting']);
    assert.equal(llm.requests.length, 0, 'no probe');
  });

  it('total_slots from llama.cpp /props', async () => {
    const f = DETECTION_FIXTURES.find((x) => x.name.includes('4 slots'))!;
    const { baseUrl } = serve(f);
    assert.equal(await new ServerCapabilities().totalSlots({ provider: f.provider, baseUrl, model: f.model }), 4);
    llm.persona = { name: 'generic' };
    assert.equal(await new ServerCapabilities().totalSlots({ provider: 'llamacpp', baseUrl: llm.url, model: 'x' }), undefined);
  });

  it('warm-up: /infill with n_predict 0, not streamed; Ollama /v1/completions with one token', async () => {
    llm.persona = { name: 'llamacpp', llamacpp: { modelPath: '/m/qwen.gguf', totalSlots: 2, contextTokens: 4096, fimTokens: true } };
    const caps = new ServerCapabilities();
    const infillTarget = { provider: 'llamacpp' as const, baseUrl: llm.url, model: 'local' };
    const infill = createProvider({ ...timeouts, ...infillTarget, fimChoice: () => caps.fimChoice(infillTarget) });
    assert.equal(await infill.warmUp!(FIM, new AbortController().signal), 'read');
    const warm = llm.requests.filter((r) => r.endpoint === 'llamacpp-infill').pop()!;
    assert.deepEqual(pick(warm.body, ['n_predict', 'stream', 'cache_prompt', 'id_slot']), { n_predict: 0, stream: false, cache_prompt: true, id_slot: 0 });
    assert.equal(warm.tokensSent, 0);

    const f = DETECTION_FIXTURES.find((x) => x.name === 'Ollama, base code model with insert')!;
    const { baseUrl } = serve(f);
    const ollamaTarget = { provider: f.provider, baseUrl, model: f.model };
    const ollama = createProvider({ ...timeouts, ...ollamaTarget, fimChoice: () => caps.fimChoice(ollamaTarget) });
    assert.equal(await ollama.warmUp!(FIM, new AbortController().signal), 'read');
    const last = llm.requests.filter((r) => r.endpoint === 'openai-completions').pop()!;
    assert.deepEqual(pick(last.body, ['max_tokens', 'stream', 'suffix']), { max_tokens: 1, stream: false, suffix: FIM.suffix });
  });

  it('no warm-up for a server not known to keep a prompt cache (explicit fimMode, unknown server, hosted API)', async () => {
    const unknown = createProvider({ ...timeouts, provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, model: 'coder', fimMode: 'completions' });
    assert.equal(await unknown.warmUp!(FIM, new AbortController().signal), 'not-supported');
    const hosted = createProvider({ ...timeouts, provider: 'anthropic', baseUrl: llm.url, model: 'claude' });
    assert.equal(await hosted.warmUp!(FIM, new AbortController().signal), 'not-supported');
    assert.equal(llm.requests.length, 0);
  });
});

function pick(body: unknown, keys: readonly string[]): Record<string, unknown> {
  const b = body as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, b[k]]));
}
