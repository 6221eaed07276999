// Choosing OpenAI or Anthropic (Rill: Choose Provider…) brings models that provider serves: the
// settings' defaults are Ollama's, which a hosted API answers with "model not found".
import * as assert from 'node:assert/strict';
import { HOSTED_MODELS, modelAfterSwitch } from '../../../src/llm/hostedModels';

describe('the models a hosted provider starts with', () => {
  it('a new user on the Ollama defaults who picks OpenAI gets OpenAI models for completion and chat', () => {
    const before = { provider: 'openai-compatible' as const, model: 'qwen2.5-coder:7b', modelIsDefault: true };
    assert.equal(modelAfterSwitch('completion', 'openai', before), HOSTED_MODELS.openai.completion);
    assert.equal(modelAfterSwitch('chat', 'openai', before), HOSTED_MODELS.openai.chat);
    assert.match(HOSTED_MODELS.openai.chat, /^gpt-/);
  });

  it('picking Anthropic gets a fast model for ghost text and a stronger one for chat', () => {
    const before = { provider: 'openai' as const, model: 'gpt-4o', modelIsDefault: false };
    assert.equal(modelAfterSwitch('completion', 'anthropic', before), 'claude-haiku-5-5');
    assert.equal(modelAfterSwitch('chat', 'anthropic', before), 'claude-sonnet-5-5');
  });

  it('a model the user chose on the same provider stays when they choose that provider again', () => {
    assert.equal(modelAfterSwitch('chat', 'openai', { provider: 'openai', model: 'gpt-4o', modelIsDefault: false }), undefined);
  });

  it('a provider already chosen but still on the default (Ollama) model gets its own model', () => {
    assert.equal(modelAfterSwitch('chat', 'anthropic', { provider: 'anthropic', model: 'qwen2.5-coder:7b', modelIsDefault: true }), 'claude-sonnet-5-5');
  });
});
