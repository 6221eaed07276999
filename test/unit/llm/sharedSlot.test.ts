import * as assert from 'node:assert/strict';
import { completionStreamLimit, completionWaitsForChat, isLocalServer, serverOf } from '../../../src/llm/sharedSlot';

const ollama = { provider: 'openai-compatible' as const, baseUrl: 'http://127.0.0.1:11434/v1' };
const llama = { provider: 'llamacpp' as const, baseUrl: 'http://localhost:8080' };

describe('one slot, one stream: when completion waits for chat', () => {
  it('the same local server, nothing reported: one slot by default, so completion waits', () => {
    assert.deepEqual(completionWaitsForChat({ completion: ollama, chat: { ...ollama }, configuredSlots: 1 }), { waits: true, slots: 1, server: 'http://127.0.0.1:11434' });
  });

  it('the setting says the local server runs more at once: no wait', () => {
    assert.equal(completionWaitsForChat({ completion: ollama, chat: ollama, configuredSlots: 4 }).waits, false);
  });

  it("llama.cpp's total_slots wins over the setting", () => {
    assert.equal(completionWaitsForChat({ completion: llama, chat: llama, reportedSlots: 4, configuredSlots: 1 }).waits, false);
    assert.equal(completionWaitsForChat({ completion: llama, chat: llama, reportedSlots: 1, configuredSlots: 8 }).waits, true);
  });

  it('/infill at the root and chat under /v1 on the same llama.cpp server are the same server; localhost is 127.0.0.1', () => {
    const chat = { provider: 'openai-compatible' as const, baseUrl: 'http://127.0.0.1:8080/v1' };
    assert.equal(completionWaitsForChat({ completion: llama, chat, configuredSlots: 1 }).waits, true);
  });

  it('different servers never wait for each other', () => {
    assert.equal(completionWaitsForChat({ completion: ollama, chat: llama, configuredSlots: 1 }).waits, false);
    assert.equal(completionWaitsForChat({ completion: ollama, chat: { provider: 'anthropic' }, configuredSlots: 1 }).waits, false);
  });

  it('a hosted API is never treated as one slot', () => {
    const openai = { provider: 'openai' as const };
    assert.equal(completionWaitsForChat({ completion: openai, chat: openai, configuredSlots: 1 }).waits, false);
  });

  it('the default URLs count: an empty base URL is the provider default', () => {
    assert.equal(serverOf({ provider: 'openai-compatible', baseUrl: '' }), 'http://127.0.0.1:11434');
    assert.equal(serverOf({ provider: 'anthropic' }), 'https://api.anthropic.com:443');
  });

  it('local hosts: loopback, private networks, .local names', () => {
    for (const url of ['http://127.0.0.1:1', 'http://localhost:1', 'http://[::1]:1', 'http://192.168.1.20:11434', 'http://10.0.0.5:8080', 'http://172.20.0.2:8000', 'http://gpu-box.local:11434']) assert.ok(isLocalServer(url), url);
    for (const url of ['https://api.openai.com:443', 'http://172.32.0.1:80', 'https://example.com:443']) assert.ok(!isLocalServer(url), url);
  });
});

describe('one slot, one stream: how many completion streams may be live at once', () => {
  it('a local server set up as OpenAI-compatible that runs one request at a time (the setting, default 1): one stream', () => {
    assert.equal(completionStreamLimit({ completion: ollama, configuredSlots: 1 }), 1);
    assert.equal(completionStreamLimit({ completion: ollama, configuredSlots: 4 }), 2);
  });

  it('a llama.cpp server: one stream, by its provider or by what it reported, whatever its slots (completions are pinned to one)', () => {
    assert.equal(completionStreamLimit({ completion: llama, reportedSlots: 4, configuredSlots: 8 }), 1);
    const llamaAsOpenAi = { provider: 'openai-compatible' as const, baseUrl: 'http://127.0.0.1:8080/v1' };
    assert.equal(completionStreamLimit({ completion: llamaAsOpenAi, llamacpp: true, reportedSlots: 1, configuredSlots: 4 }), 1);
  });

  it('a hosted API or a remote server that says nothing: two streams', () => {
    assert.equal(completionStreamLimit({ completion: { provider: 'openai' }, configuredSlots: 1 }), 2);
    assert.equal(completionStreamLimit({ completion: { provider: 'openai-compatible', baseUrl: 'https://api.deepseek.com/v1' }, configuredSlots: 1 }), 2);
  });
});
