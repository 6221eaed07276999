// The fake LLM server's tool-call streams, byte for byte as the two APIs send them, read back with
// an independent SSE parser (the contract tests run the same streams through the official SDKs).
import * as assert from 'node:assert/strict';
import { rawRequest } from '../fake-llm/rawClient';
import { FakeLlmServer } from '../fake-llm/server';
import { jsonEvents, readSse } from '../fake-llm/sseRead';
import { at, BODIES } from '../fake-llm/testEndpoints';

type Json = Record<string, unknown>;
const CALLS = [
  { name: 'read_file', input: '{"path": "src/app.ts"}' },
  { id: 'call_mine', name: 'run_tests', input: ['{}'] },
];

describe('fake-llm: tool calls', () => {
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  it('OpenAI chat: a head chunk per call, its arguments in 8-character pieces, finish_reason tool_calls', async () => {
    llm.enqueue({ text: 'Hi', toolCalls: CALLS });
    const res = await rawRequest(llm.url, { path: '/v1/chat/completions', body: BODIES.chat });
    const id = `call_fake${String(llm.requests[0]?.id).padStart(6, '0')}0`;
    const deltas = jsonEvents(res.text).map((c) => at(c, 'choices', 0, 'delta'));
    const toolDeltas = deltas.map((d) => at(d, 'tool_calls', 0) as Json | undefined).filter((d) => d !== undefined);
    assert.deepEqual(toolDeltas, [
      { index: 0, id, type: 'function', function: { name: 'read_file', arguments: '' } },
      { index: 0, function: { arguments: '{"path":' } },
      { index: 0, function: { arguments: ' "src/ap' } },
      { index: 0, function: { arguments: 'p.ts"}' } },
      { index: 1, id: 'call_mine', type: 'function', function: { name: 'run_tests', arguments: '' } },
      { index: 1, function: { arguments: '{}' } },
    ]);
    const chunks = jsonEvents(res.text);
    assert.equal(at(chunks.at(-1), 'choices', 0, 'finish_reason'), 'tool_calls');
    assert.ok(res.text.endsWith('data: [DONE]\n\n'));
    // Head and pieces are paced and counted like text tokens.
    assert.equal(llm.requests[0]?.tokensSent, 1 + 3 + 1 + 1 + 1);
  });

  it('Anthropic: the text block closes, then a tool_use block per call with input_json_delta pieces, stop_reason tool_use', async () => {
    llm.enqueue({ text: 'Hi', toolCalls: CALLS });
    const res = await rawRequest(llm.url, { path: '/v1/messages', body: BODIES.messages });
    const events = readSse(res.text).events.filter((e) => e.event !== 'ping').map((e) => ({ event: e.event, json: JSON.parse(e.data) as Json }));
    const shape = events.map((e) => `${e.event}:${String(at(e.json, 'index') ?? '')}`);
    assert.deepEqual(shape, [
      'message_start:', 'content_block_start:0', 'content_block_delta:0', 'content_block_stop:0',
      'content_block_start:1', 'content_block_delta:1', 'content_block_delta:1', 'content_block_delta:1', 'content_block_stop:1',
      'content_block_start:2', 'content_block_delta:2', 'content_block_stop:2',
      'message_delta:', 'message_stop:',
    ]);
    const id = `toolu_fake${String(llm.requests[0]?.id).padStart(6, '0')}0`;
    assert.deepEqual(at(events[4]?.json, 'content_block'), { type: 'tool_use', id, name: 'read_file', input: {} });
    assert.deepEqual(at(events[5]?.json, 'delta'), { type: 'input_json_delta', partial_json: '{"path":' });
    assert.equal(at(events.at(-2)?.json, 'delta', 'stop_reason'), 'tool_use');
  });

  it('complete answers carry the calls too', async () => {
    llm.enqueue({ text: '', toolCalls: CALLS }, { text: 'Hi', toolCalls: CALLS });
    const openai = JSON.parse((await rawRequest(llm.url, { path: '/v1/chat/completions', body: { ...BODIES.chat, stream: false } })).text) as Json;
    assert.equal(at(openai, 'choices', 0, 'message', 'content'), null);
    assert.deepEqual(at(openai, 'choices', 0, 'message', 'tool_calls', 1), { id: 'call_mine', type: 'function', function: { name: 'run_tests', arguments: '{}' } });
    assert.equal(at(openai, 'choices', 0, 'finish_reason'), 'tool_calls');
    const anthropic = JSON.parse((await rawRequest(llm.url, { path: '/v1/messages', body: { ...BODIES.messages, stream: false } })).text) as Json;
    const id = `toolu_fake${String(llm.requests[1]?.id).padStart(6, '0')}0`;
    assert.deepEqual(at(anthropic, 'content', 1), { type: 'tool_use', id, name: 'read_file', input: { path: 'src/app.ts' } });
    assert.equal(at(anthropic, 'stop_reason'), 'tool_use');
  });
});
