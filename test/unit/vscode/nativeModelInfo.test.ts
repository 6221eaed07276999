// How Rill's chat models are described to VS Code: the configured model first, what the server says
// used, the rest assumed and said to be assumed, tool calling only where the user has not turned it off.
import * as assert from 'node:assert/strict';
import { modelInfo, type NativeEndpoint, nativeModels, serverLabel } from '../../../src/vscode/nativeModelInfo';

const local: NativeEndpoint = { provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5-coder:7b', maxTokens: 4096, toolCalling: true };

describe('Rill models for VS Code (nativeModelInfo)', () => {
  it('the configured model comes first even when the server does not list it, then the listed ones by name, once each', () => {
    const ids = nativeModels(local, [{ id: 'zeta' }, { id: 'alpha' }, { id: 'alpha' }]).map((m) => m.id);
    assert.deepEqual(ids, ['qwen2.5-coder:7b', 'alpha', 'zeta']);
  });

  it('a context window the server gives is used; the answer takes rill.chat.maxTokens of it', () => {
    const info = modelInfo(local, { id: 'qwen2.5-coder:7b', contextWindow: 16384 });
    assert.equal(info.maxInputTokens, 16384 - 4096);
    assert.equal(info.maxOutputTokens, 4096);
    assert.match(info.tooltip ?? '', /16,384 tokens of context,/);
  });

  it('without one, the window is assumed and the tooltip says so', () => {
    const info = modelInfo(local, { id: 'qwen2.5-coder:7b' });
    assert.equal(info.maxInputTokens + info.maxOutputTokens, 32768);
    assert.match(info.tooltip ?? '', /32,768 tokens of context assumed \(the server does not say\)/);
    assert.equal(modelInfo({ ...local, provider: 'anthropic', baseUrl: '' }, { id: 'claude-x' }).maxInputTokens + 4096, 200_000);
  });

  it('the longest answer is the smaller of the setting and what the server allows, and never more than half a small window', () => {
    assert.equal(modelInfo(local, { id: 'm', maxOutputTokens: 1024 }).maxOutputTokens, 1024);
    assert.equal(modelInfo(local, { id: 'm', contextWindow: 4096 }).maxOutputTokens, 2048);
  });

  it('text only; tool calling as the setting says', () => {
    assert.deepEqual(modelInfo(local, { id: 'm' }).capabilities, { imageInput: false, toolCalling: true });
    assert.deepEqual(modelInfo({ ...local, toolCalling: false }, { id: 'm' }).capabilities, { imageInput: false, toolCalling: false });
  });

  it('the display name where the server has one; the detail names the server by host only', () => {
    const info = modelInfo({ ...local, baseUrl: 'https://user:secret@llm.example.com:8443/v1?key=abc' }, { id: 'm', displayName: 'Model M' });
    assert.equal(info.name, 'Model M');
    assert.equal(info.detail, 'Rill · llm.example.com:8443');
    assert.ok(!JSON.stringify(info).includes('secret') && !JSON.stringify(info).includes('abc'), 'no credentials or query from the URL');
    assert.equal(serverLabel({ provider: 'openai', baseUrl: '' }), 'OpenAI');
    assert.equal(serverLabel({ provider: 'openai-compatible', baseUrl: 'not a url' }), 'OpenAI-compatible server');
  });
});
