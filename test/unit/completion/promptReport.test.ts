import assert from 'node:assert/strict';
import { promptReport } from '../../../src/completion/promptReport';
import { createProvider } from '../../../src/llm/createProvider';
import type { LastPrompt } from '../../../src/completion/startSession';

// A made-up key, assembled at run time so that no key-shaped literal sits in the repository.
const FAKE_KEY = ['sk', `test${'q'.repeat(28)}`].join('-');

describe('Show Last Completion Prompt', () => {
  const prompt: LastPrompt = {
    request: { kind: 'fim', prefix: `const key = "${FAKE_KEY}";\nconst x = `, suffix: '\n', path: 'a.ts', language: 'typescript', maxTokens: 64 },
    model: 'qwen2.5-coder:1.5b-base',
    provider: 'openai-compatible · qwen2.5-coder:1.5b-base',
    kind: 'typing',
    at: 0,
  };

  it('shows the request as the provider sends it: secrets masked', () => {
    const text = promptReport(prompt);
    assert.ok(!text.includes(FAKE_KEY), text);
    assert.match(text, /## Prefix/);
    assert.match(text, /"kind": "fim"/);
    assert.match(text, /^- Provider: openai-compatible\n- Model: qwen2\.5-coder:1\.5b-base$/m, 'the model is named once');
  });

  it('shows the URL and body exactly as the provider sends them, secrets masked: here a raw prompt in the family\'s FIM tokens', () => {
    const provider = createProvider({ provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', model: prompt.model, fimMode: 'template', maxRetries: 0, firstTokenTimeoutMs: 1000, idleTimeoutMs: 1000 });
    const text = promptReport({ ...prompt, wire: () => provider.describe!(prompt.request) });
    assert.match(text, /## As sent: POST http:\/\/127\.0\.0\.1:9\/v1\/completions/);
    assert.match(text, /"prompt": "<\|file_sep\|>a\.ts\\n<\|fim_prefix\|>const key = /);
    assert.ok(!text.includes(FAKE_KEY), text);
    assert.match(text, /- Fill-in-the-middle: a raw prompt in the model family’s FIM tokens on \/v1\/completions \(chosen from an explicit mode\)/);
    assert.match(text, /- Why: rill\.completion\.fimMode is "template"\./);
  });

  it('says which way fill-in-the-middle went and why, when the server chose it', async () => {
    const choice = { mode: 'chat' as const, source: 'server' as const, fits: true, reason: 'Ollama reports capabilities [completion, tools] for "llama3.1:8b" (no `insert`) and a chat template.' };
    const provider = createProvider({ provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'llama3.1:8b', maxRetries: 0, firstTokenTimeoutMs: 1000, idleTimeoutMs: 1000, fimChoice: async () => choice });
    // The choice is made before the first FIM request; a warm-up asks for it too (and fails here: no server).
    await provider.warmUp!(prompt.request, new AbortController().signal);
    const text = promptReport({ ...prompt, wire: () => provider.describe!(prompt.request) });
    assert.match(text, /- Fill-in-the-middle: the chat hole-filling prompt \(chosen from what the server reported\)/);
    assert.match(text, /- Why: Ollama reports capabilities \[completion, tools\]/);
    assert.match(text, /## As sent: POST http:\/\/127\.0\.0\.1:9\/v1\/chat\/completions/);
  });

  it('says what to do before any request', () => {
    assert.match(promptReport(undefined), /No completion request yet/);
  });
});
