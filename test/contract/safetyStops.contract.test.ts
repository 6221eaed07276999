// When a hosted provider's safety system steps in: a model that declines in OpenAI's `refusal`
// field, OpenAI's content filter ending an answer, Anthropic's streaming classifier ending one;
// and when an answer ends because the context window is full.
// The user reads why, keeps what came, and is not offered a Continue that would be stopped again.
import * as assert from 'node:assert/strict';
import { createProvider } from '../../src/llm/createProvider';
import type { EndpointConfig } from '../../src/llm/types';
import { FakeLlmServer } from '../fake-llm/server';
import { collect } from '../helpers/collect';

const QUESTION = { kind: 'chat' as const, messages: [{ role: 'user' as const, content: 'hi' }] };

describe('Safety stops of hosted providers (contract)', () => {
  let llm: FakeLlmServer;
  beforeEach(async () => (llm = await FakeLlmServer.start()));
  afterEach(() => llm.close());

  const make = (config: Pick<EndpointConfig, 'provider' | 'baseUrl' | 'model'>) =>
    createProvider({ apiKey: 'k', maxRetries: 2, firstTokenTimeoutMs: 5000, idleTimeoutMs: 5000, ...config });
  const openai = () => make({ provider: 'openai', baseUrl: `${llm.url}/v1`, model: 'gpt-4o' });
  const anthropic = () => make({ provider: 'anthropic', baseUrl: llm.url, model: 'claude-test' });

  it("OpenAI: a model's refusal (delta.refusal, content null) is its answer, shown as text", async () => {
    llm.enqueue({ text: "I'm sorry, I can't help with that.", refusal: true });
    const out = await collect(openai().stream(QUESTION, new AbortController().signal));
    assert.equal(out.error, undefined);
    assert.equal(out.text, "I'm sorry, I can't help with that.");
    assert.equal(out.end, 'stop');
  });

  it('OpenAI: finish_reason content_filter ends with an error that says so, the text kept, asked once', async () => {
    llm.enqueue({ text: 'Here is how you', finishReason: 'filtered' });
    const out = await collect(openai().stream(QUESTION, new AbortController().signal));
    assert.equal(out.text, 'Here is how you');
    assert.equal(out.error?.kind, 'declined');
    assert.match(out.error?.message ?? '', /^OpenAI stopped the answer: its content filter flagged it \(finish_reason "content_filter"\)\. .*rephrase the question/);
    assert.equal(llm.requests.length, 1);
  });

  it('Anthropic: stop_reason refusal ends with an error that says so and what to do, the text kept', async () => {
    llm.enqueue({ text: 'Sure, the first step', finishReason: 'filtered' });
    const out = await collect(anthropic().stream(QUESTION, new AbortController().signal));
    assert.equal(out.text, 'Sure, the first step');
    assert.equal(out.error?.kind, 'declined');
    assert.match(out.error?.message ?? '', /stopped the answer: the model declined to go on \(stop_reason "refusal"\)\. .*rephrase the question\. Later questions in this chat are sent without this one\./);
  });

  it('Anthropic: stop_reason model_context_window_exceeded says the conversation filled the window and to send less, the text kept', async () => {
    llm.enqueue({ text: 'The last part of', finishReason: 'context-full' });
    const out = await collect(anthropic().stream(QUESTION, new AbortController().signal));
    assert.equal(out.text, 'The last part of');
    assert.equal(out.error?.kind, 'bad-request');
    assert.match(out.error?.message ?? '', /filled the model's context window \(stop_reason "model_context_window_exceeded"\)\. Send less: start a new chat/);
  });
});

