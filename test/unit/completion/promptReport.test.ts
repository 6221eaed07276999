import assert from 'node:assert/strict';
import { promptReport } from '../../../src/completion/promptReport';
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
  });

  it('renders the raw FIM prompt of the model\'s family', () => {
    assert.match(promptReport(prompt), /As a raw qwen FIM prompt[\s\S]*<\|fim_prefix\|>/);
  });

  it('says what to do before any request', () => {
    assert.match(promptReport(undefined), /No completion request yet/);
  });
});
