// Which model `npm run demo` points Rill at, and the environment that tells Rill so.
import * as assert from 'node:assert/strict';
import { chooseBackend, providerPlan } from '../../demo/providerEnv';

const DEMO_URL = 'http://127.0.0.1:4321/v1';

describe('demo: provider from the environment', () => {
  it('uses the demo model when nothing is configured, or when asked to', () => {
    assert.equal(chooseBackend({}), 'demo-model');
    assert.equal(chooseBackend({ OPENAI_API_KEY: 'sk-x' }, true), 'demo-model');
    assert.equal(chooseBackend({ OPENAI_API_KEY: 'sk-x', RILL_DEMO_MODEL: '1' }), 'demo-model');
  });

  it('prefers a server the user named, then OpenAI, then Anthropic', () => {
    assert.equal(chooseBackend({ RILL_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_API_KEY: 'sk-x' }), 'server');
    assert.equal(chooseBackend({ RILL_COMPLETION_BASE_URL: 'http://127.0.0.1:8080' }), 'server');
    assert.equal(chooseBackend({ OPENAI_API_KEY: 'sk-x', ANTHROPIC_API_KEY: 'sk-ant-x' }), 'openai');
    assert.equal(chooseBackend({ ANTHROPIC_API_KEY: 'sk-ant-x' }), 'anthropic');
  });

  it('demo model: an OpenAI-compatible server with the demo model for both roles, FIM through /v1/completions', () => {
    const plan = providerPlan('demo-model', { RILL_MODEL: 'something-else', RILL_CHAT_BASE_URL: 'http://elsewhere' }, DEMO_URL);
    assert.deepEqual(plan.env, {
      RILL_PROVIDER: 'openai-compatible',
      RILL_BASE_URL: DEMO_URL,
      RILL_MODEL: 'rill-demo-ngram',
      RILL_COMPLETION_MODEL: 'rill-demo-ngram',
      RILL_CHAT_MODEL: 'rill-demo-ngram',
      RILL_COMPLETION_FIM_MODE: 'completions',
    });
    assert.match(plan.description, /rill-demo-ngram .*n-gram/);
    assert.throws(() => providerPlan('demo-model', {}));
  });

  it('OpenAI: gpt-4o-mini for both roles, completion through the hole-filling chat prompt, the key passed on', () => {
    const plan = providerPlan('openai', { OPENAI_API_KEY: 'sk-test-123', HOME: '/home/x' });
    assert.deepEqual(plan.env, {
      RILL_PROVIDER: 'openai',
      RILL_BASE_URL: 'https://api.openai.com/v1',
      RILL_COMPLETION_FIM_MODE: 'chat',
      RILL_COMPLETION_MODEL: 'gpt-4o-mini',
      RILL_CHAT_MODEL: 'gpt-4o-mini',
      OPENAI_API_KEY: 'sk-test-123',
    });
    assert.doesNotMatch(plan.description, /sk-test/);
  });

  it('Anthropic: a fast Claude model for completion, a stronger one for chat; RILL_MODEL wins over both', () => {
    const plan = providerPlan('anthropic', { ANTHROPIC_API_KEY: 'sk-ant-test' });
    assert.equal(plan.env.RILL_PROVIDER, 'anthropic');
    assert.equal(plan.env.RILL_COMPLETION_MODEL, 'claude-haiku-5-5');
    assert.equal(plan.env.RILL_CHAT_MODEL, 'claude-sonnet-5-5');
    assert.equal(plan.env.RILL_COMPLETION_FIM_MODE, 'chat');
    assert.equal(plan.env.ANTHROPIC_API_KEY, 'sk-ant-test');
    const own = providerPlan('anthropic', { ANTHROPIC_API_KEY: 'k', RILL_MODEL: 'claude-opus-5-5' });
    assert.equal(own.env.RILL_MODEL, 'claude-opus-5-5');
    assert.equal(own.env.RILL_COMPLETION_MODEL, undefined, 'a role-specific default would hide RILL_MODEL');
  });

  it('a named server: OpenAI-compatible at that URL, the user\'s RILL_* values as they are', () => {
    const plan = providerPlan('server', { RILL_BASE_URL: 'http://127.0.0.1:11434/v1', RILL_MODEL: 'qwen2.5-coder:1.5b', RILL_API_KEY: 'local', OPENAI_API_KEY: 'sk-not-for-this' });
    assert.deepEqual(plan.env, { RILL_PROVIDER: 'openai-compatible', RILL_BASE_URL: 'http://127.0.0.1:11434/v1', RILL_MODEL: 'qwen2.5-coder:1.5b', RILL_API_KEY: 'local' });
    const openai = providerPlan('server', { RILL_PROVIDER: 'openai', RILL_MODEL: 'gpt-4.1-mini', OPENAI_API_KEY: 'sk-y' });
    assert.equal(openai.env.OPENAI_API_KEY, 'sk-y', 'the key of the provider the user named goes along');
  });
});
