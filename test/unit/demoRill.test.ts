// Rill's own provider layer (src/llm) against the demo model server, configured as `npm run demo`
// configures it: the ghost text and chat of the demo are exactly what the demo model sends.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { readWorkspace } from '../../demo/corpus';
import { answerChat } from '../../demo/model/chatAnswer';
import { completeFim } from '../../demo/model/complete';
import { buildWorkspaceModel } from '../../demo/model/workspaceModel';
import { providerPlan } from '../../demo/providerEnv';
import { type DemoServer, startDemoServer } from '../../demo/server';
import { createProvider } from '../../src/llm/createProvider';
import { collect } from '../helpers/collect';
import type { LlmProvider, LlmRequest, ProviderKind, FimMode } from '../../src/llm/types';

const SAMPLE = join(__dirname, '..', '..', 'demo', 'workspace');

describe('demo model through Rill\'s provider layer', () => {
  let server: DemoServer;
  let provider: LlmProvider;
  const model = buildWorkspaceModel(readWorkspace(SAMPLE));

  before(async () => {
    server = await startDemoServer({ workspace: SAMPLE, pace: { ttftMs: 0, tokensPerSecond: 1000 } });
    const env = providerPlan('demo-model', {}, server.baseUrl).env;
    provider = createProvider({
      provider: env.RILL_PROVIDER as ProviderKind,
      baseUrl: env.RILL_BASE_URL,
      model: env.RILL_COMPLETION_MODEL,
      fimMode: env.RILL_COMPLETION_FIM_MODE as FimMode,
      maxRetries: 0,
      firstTokenTimeoutMs: 5000,
      idleTimeoutMs: 5000,
    });
  });
  after(() => server.close());

  async function ask(request: LlmRequest): Promise<{ text: string; finish: string | undefined }> {
    const { text, end, error } = await collect(provider.stream(request, new AbortController().signal));
    if (error) throw error;
    return { text, finish: end };
  }

  it('lists the demo model', async () => {
    assert.deepEqual(await provider.listModels(), ['rill-demo-ngram']);
  });

  it('FIM: Rill receives the demo model\'s completion, ending with "stop"', async () => {
    const prefix = 'export function lowStockNames(inventory: Inventory): string[] {\n  return inventory.lowStock(10).map((item) => item.';
    const suffix = ');\n}\n';
    const { text, finish } = await ask({ kind: 'fim', prefix, suffix, maxTokens: 64, language: 'typescript' });
    assert.equal(text, completeFim(model.counts, prefix, suffix, { maxTokens: 64 }).text);
    assert.ok(text.length > 0);
    assert.equal(finish, 'stop');
  });

  it('chat: Rill receives the honest answer', async () => {
    const question = 'How does the cart apply the discount?';
    const { text, finish } = await ask({ kind: 'chat', messages: [{ role: 'user', content: question }] });
    assert.equal(text, answerChat(model, question));
    assert.equal(finish, 'stop');
  });
});
