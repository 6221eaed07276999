import * as assert from 'node:assert/strict';
import { createProvider } from '../../../src/llm/createProvider';
import { isLlmError } from '../../../src/llm/errors';
import type { ProviderKind } from '../../../src/llm/types';
import { streamFailure } from '../../helpers/collect';

/** A provider whose every request is counted and refused: nothing may reach the network. */
function provider(kind: ProviderKind, baseUrl: string, apiKey?: string) {
  const sent: string[] = [];
  const fetch: typeof globalThis.fetch = async (input) => {
    sent.push(String(input instanceof Request ? input.url : input));
    return new Response('{}', { status: 500 });
  };
  const p = createProvider({ provider: kind, baseUrl, apiKey, model: 'm', maxRetries: 0, firstTokenTimeoutMs: 5000, idleTimeoutMs: 5000, fetch });
  return { p, sent };
}

describe('A hosted provider with no key', () => {
  for (const [kind, label, variable] of [
    ['openai', 'OpenAI', 'OPENAI_API_KEY'],
    ['anthropic', 'Anthropic', 'ANTHROPIC_API_KEY'],
  ] as const) {
    it(`${label} at its official URL: says which key is missing and how to set it, and sends nothing`, async () => {
      const { p, sent } = provider(kind, '');
      for (const request of [
        { kind: 'chat' as const, messages: [{ role: 'user' as const, content: 'hi' }] },
        { kind: 'fim' as const, prefix: 'def f():\n', suffix: '', languageId: 'python' },
      ]) {
        const error = await streamFailure(p.stream(request as Parameters<typeof p.stream>[0], new AbortController().signal));
        assert.ok(isLlmError(error), String(error));
        assert.equal(error.kind, 'auth');
        assert.match(error.message, new RegExp(`^No API key for ${label}\\. Set one with "Rill: Set API Key…" or the ${variable} environment variable\\.$`));
      }
      await assert.rejects(p.listModels(), (e: unknown) => isLlmError(e) && e.kind === 'auth');
      assert.deepEqual(sent, []);
    });
  }

  it("a server of the user's own (another URL) is asked as before: it may need no key", async () => {
    const { p, sent } = provider('openai', 'http://127.0.0.1:9/v1');
    await streamFailure(p.stream({ kind: 'chat', messages: [{ role: 'user', content: 'hi' }] } as Parameters<typeof p.stream>[0], new AbortController().signal));
    assert.equal(sent.length, 1);
  });

  it('with a key, the official URL is asked', async () => {
    const { p, sent } = provider('openai', '', 'sk-test');
    await streamFailure(p.stream({ kind: 'chat', messages: [{ role: 'user', content: 'hi' }] } as Parameters<typeof p.stream>[0], new AbortController().signal));
    assert.equal(sent.length, 1);
  });
});
