// The fake server's cache mode: what each slot keeps, what a new prompt reuses and evaluates (as
// llama.cpp reports it: timings.cache_n / prompt_n, tokens_cached, id_slot; OpenAI-style
// cached_tokens on /v1/completions), shifted-chunk reuse with n_cache_reuse, slots and queueing,
// and a request that leaves mid-evaluation. Figures only: no wall-clock assertion.
import * as assert from 'node:assert/strict';
import { shiftedReuse } from '../fake-llm/promptCache';
import { FIM_MID, FIM_PRE, FIM_SUF, promptTokens } from '../fake-llm/promptTokens';
import { FakeLlmServer } from '../fake-llm/server';
import { splitTokens } from '../fake-llm/tokenize';
import { pollFor } from '../../tools/poll';

type Json = Record<string, unknown>;

const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `const v${from + i} = compute(${from + i});\n`).join('');

async function infill(url: string, body: Json, signal?: AbortSignal): Promise<Json> {
  const response = await fetch(`${url}/infill`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stream: false, cache_prompt: true, ...body }), signal });
  return (await response.json()) as Json;
}

const figures = (doc: Json) => {
  const t = doc.timings as Json;
  return { cache_n: t.cache_n, prompt_n: t.prompt_n, tokens_evaluated: doc.tokens_evaluated, id_slot: doc.id_slot };
};

describe('fake-llm: cache mode', function () {
  this.timeout(10_000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => {
    llm.reset();
    llm.setDefault({ text: 'x', ttftMs: 0 });
    llm.modelCache({ slots: 1, promptMsPerToken: 0.01 });
  });

  const body = (prefix: string, suffix = '\n}\n', extra: Json[] = []): Json => ({ input_prefix: prefix, input_suffix: suffix, input_extra: extra, prompt: '' });

  it('the /infill prompt is laid out as llama.cpp does (PSM; SPM with --spm-infill)', () => {
    const b = body('a = 1\n', 'b = 2\n', [{ filename: 'x.ts', text: 'y' }]);
    const psm = promptTokens('llamacpp-infill', b);
    assert.deepEqual(psm.slice(psm.indexOf(FIM_PRE)), [FIM_PRE, 'a', ' =', ' 1', '\n', FIM_SUF, 'b', ' =', ' 2', '\n', FIM_MID]);
    assert.ok(psm.indexOf(FIM_PRE) < psm.indexOf(FIM_SUF) && psm.at(-1) === FIM_MID);
    const spm = promptTokens('llamacpp-infill', b, true);
    assert.ok(spm.indexOf(FIM_SUF) < spm.indexOf(FIM_PRE) && spm.at(-1) === FIM_MID);
    assert.equal(psm.length, spm.length);
  });

  it('the same prompt again reuses all but the last token', async () => {
    const b = body(lines(0, 20));
    const first = await infill(llm.url, b);
    const total = promptTokens('llamacpp-infill', b).length;
    assert.deepEqual(figures(first), { cache_n: 0, prompt_n: total, tokens_evaluated: total, id_slot: 0 });
    const second = await infill(llm.url, b);
    assert.deepEqual(figures(second), { cache_n: total - 1, prompt_n: 1, tokens_evaluated: total, id_slot: 0 });
    assert.deepEqual(llm.requests.map((r) => r.cache?.evaluated), [total, 1]);
  });

  it('typing at the cursor costs the tokens from the change on: the typed tail, the suffix and FIM_MID', async () => {
    const suffix = lines(100, 104);
    await infill(llm.url, body(lines(0, 20) + 'const x = a', suffix));
    const typed = await infill(llm.url, body(lines(0, 20) + 'const x = ab', suffix));
    const after = 1 + splitTokens(suffix).length + 1; // FIM_SUF, the suffix, FIM_MID
    assert.equal(figures(typed).prompt_n, 1 + after, 'the changed token, then everything after it');
  });

  it('a prefix window that slides by a line costs everything after the extra context; n_cache_reuse shifts it back', async () => {
    await infill(llm.url, body(lines(0, 40)));
    const slid = await infill(llm.url, body(lines(1, 41)));
    const total = promptTokens('llamacpp-infill', body(lines(1, 41))).length;
    assert.ok((figures(slid).prompt_n as number) > total - 20, `evaluated ${String(figures(slid).prompt_n)} of ${total}`);
    await infill(llm.url, body(lines(2, 42), '\n}\n'));
    const shifted = await infill(llm.url, { ...body(lines(3, 43)), n_cache_reuse: 16 });
    assert.ok((figures(shifted).prompt_n as number) < 30, `with chunk reuse only the new line and what follows: ${String(figures(shifted).prompt_n)}`);
  });

  it('shiftedReuse keeps runs of at least the minimum that continue the new prompt', () => {
    const cache = ['a', 'b', 'c', 'd', 'e', 'f'];
    assert.equal(shiftedReuse(cache, ['b', 'c', 'd', 'e', 'f', 'g'], 0, 3), 5, 'the first token dropped: the rest shifted');
    assert.equal(shiftedReuse(cache, ['b', 'c', 'x'], 0, 3), 0, 'runs shorter than the minimum are not kept');
  });

  it('slots: id_slot pins a request; unpinned ones go to the slot sharing the longest prefix', async () => {
    llm.modelCache({ slots: 2, promptMsPerToken: 0.01 });
    const a = body(lines(0, 10));
    const b = body(lines(50, 60));
    assert.equal(figures(await infill(llm.url, { ...a, id_slot: 1 })).id_slot, 1);
    assert.equal(figures(await infill(llm.url, b)).id_slot, 0, 'no slot holds half of it: the least recently used');
    const again = await infill(llm.url, a);
    assert.deepEqual([figures(again).id_slot, figures(again).prompt_n], [1, 1], 'found its own cache');
    assert.equal(llm.cache?.slotTokens(0).length, promptTokens('llamacpp-infill', b).length + 1, 'slot 0 holds b and its generated token');
  });

  it('one slot: a second request waits until the first is done', async () => {
    llm.route(() => ({ text: 'slow answer here', ttftMs: 50, tokensPerSec: 100 }));
    const [first, second] = await Promise.all([infill(llm.url, body('a\n')), infill(llm.url, body('b\n'))]);
    assert.ok(first && second);
    const [r1, r2] = llm.requests;
    assert.ok(r1?.headersSentAt !== undefined && r2?.cache !== undefined);
    assert.ok(r2.cache.evalStartAt >= r1.headersSentAt, 'the second started evaluating once the first had answered');
  });

  it('a request that leaves during evaluation leaves the part evaluated so far', async () => {
    llm.modelCache({ slots: 1, promptMsPerToken: 1000 });
    const b = body(lines(0, 30));
    const total = promptTokens('llamacpp-infill', b).length;
    const controller = new AbortController();
    const pending = infill(llm.url, b, controller.signal).catch(() => undefined);
    const [record] = await llm.waitForRequests(1);
    await waitUntil(() => record!.cache !== undefined);
    controller.abort();
    await pending;
    await llm.waitForClose(record!);
    await waitUntil(() => (llm.cache?.slotTokens(0).length ?? total) < total);
    assert.ok((llm.cache?.slotTokens(0).length ?? total) < total, 'not the whole prompt');
  });

  it('/v1/completions with suffix reports cached tokens as OpenAI does', async () => {
    const req = { model: 'coder', prompt: lines(0, 10), suffix: '\n', stream: false };
    await fetch(`${llm.url}/v1/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req) });
    const doc = (await (await fetch(`${llm.url}/v1/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req) })).json()) as Json;
    const usage = doc.usage as Json;
    const total = promptTokens('openai-completions', req).length;
    assert.deepEqual([usage.prompt_tokens, (usage.prompt_tokens_details as Json).cached_tokens], [total, total - 1]);
  });

  it('without cache mode nothing changes: no cache figures, cache_n 0', async () => {
    llm.cache = undefined;
    const doc = await infill(llm.url, body('a\n'));
    assert.equal((doc.timings as Json).cache_n, 0);
    assert.equal(llm.requests[0]?.cache, undefined);
  });
});

async function waitUntil(probe: () => boolean): Promise<void> {
  await pollFor(() => probe() || undefined, { what: 'the condition', timeoutMs: 5000, intervalMs: 5 });
}
