import * as assert from 'node:assert/strict';
import { modelDetailsOf } from '../../../src/llm/modelDetails';

describe('modelDetailsOf: what a model list says about a model', () => {
  const cases: [string, unknown, unknown][] = [
    ['OpenAI: an id only', { id: 'gpt-4o', object: 'model', owned_by: 'system' }, { id: 'gpt-4o' }],
    ['vLLM: max_model_len', { id: 'qwen', object: 'model', max_model_len: 32768 }, { id: 'qwen', contextWindow: 32768 }],
    ['OpenRouter: context_length and the top provider\'s longest answer', { id: 'x/y', context_length: 200000, top_provider: { context_length: 100000, max_completion_tokens: 8192 } }, { id: 'x/y', contextWindow: 200000, maxOutputTokens: 8192 }],
    ['LM Studio: max_context_length', { id: 'lms', max_context_length: 8192 }, { id: 'lms', contextWindow: 8192 }],
    ['Anthropic: display name, input and output limits', { type: 'model', id: 'claude-x', display_name: 'Claude X', max_input_tokens: 200000, max_tokens: 64000 }, { id: 'claude-x', displayName: 'Claude X', contextWindow: 200000, maxOutputTokens: 64000 }],
    ['Ollama /api/tags: the name is the id', { name: 'llama3:8b', model: 'llama3:8b', size: 1 }, { id: 'llama3:8b' }],
    ['nonsense numbers are not believed', { id: 'm', context_length: -1, max_model_len: 12.5, max_tokens: '4096' }, { id: 'm' }],
  ];
  for (const [name, entry, expected] of cases) it(name, () => assert.deepEqual(modelDetailsOf(entry), expected));

  it('an entry without an id is no model', () => {
    assert.equal(modelDetailsOf({ object: 'model' }), undefined);
    assert.equal(modelDetailsOf({ id: '  ' }), undefined);
    assert.equal(modelDetailsOf('gpt-4o'), undefined);
  });
});
