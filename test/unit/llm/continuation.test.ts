// How a continuation goes on each wire: the partial answer as the assistant's last message, with
// vLLM's flags where a prefill is tried, or followed by an instruction where there is no prefill;
// a prefill refused with a 400 before any text falls back to the instruction, nothing else does.
import * as assert from 'node:assert/strict';
import { anthropicBody } from '../../../src/llm/anthropicMessages';
import { CONTINUE_INSTRUCTION, withInstructionFallback } from '../../../src/llm/continuation';
import { openAiChatBody } from '../../../src/llm/openaiChat';
import type { ChatRequest, StreamEvent } from '../../../src/llm/types';

const CONTINUING: ChatRequest = {
  kind: 'chat',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'How do canyons form?' },
    { role: 'assistant', content: 'Rivers carve' },
  ],
};
const ASKING: ChatRequest = { kind: 'chat', messages: CONTINUING.messages.slice(0, 2) };

async function drain(events: AsyncIterable<StreamEvent>): Promise<string> {
  let text = '';
  for await (const e of events) if (e.type === 'text') text += e.text;
  return text;
}

async function* stream(texts: string[], error?: { status: number }): AsyncGenerator<StreamEvent> {
  for (const text of texts) yield { type: 'text', text };
  if (error) throw Object.assign(new Error(`HTTP ${error.status}`), error);
  yield { type: 'end', finishReason: 'stop' };
}

describe('continuation requests per wire', () => {
  it('OpenAI-compatible servers: the partial answer last, with continue_final_message and no generation prompt', () => {
    const body = openAiChatBody(CONTINUING, { model: 'm', officialApi: false });
    assert.deepEqual(body.messages.at(-1), { role: 'assistant', content: 'Rivers carve' });
    assert.equal(body.continue_final_message, true);
    assert.equal(body.add_generation_prompt, false);
  });

  it("OpenAI's own API: the partial answer, then the instruction to go on (no unknown flags)", () => {
    const body = openAiChatBody(CONTINUING, { model: 'm', officialApi: true });
    assert.deepEqual(body.messages.slice(-2), [
      { role: 'assistant', content: 'Rivers carve' },
      { role: 'user', content: CONTINUE_INSTRUCTION },
    ]);
    assert.equal(body.continue_final_message, undefined);
  });

  it('Anthropic: the partial answer as the prefill; the instruction form when asked', () => {
    assert.deepEqual(anthropicBody(CONTINUING, 'claude').messages.at(-1), { role: 'assistant', content: 'Rivers carve' });
    assert.deepEqual(anthropicBody(CONTINUING, 'claude', 'instruction').messages.at(-1), { role: 'user', content: CONTINUE_INSTRUCTION });
  });

  it('an ordinary question carries no continuation flags', () => {
    const body = openAiChatBody(ASKING, { model: 'm', officialApi: false });
    assert.equal(body.continue_final_message, undefined);
    assert.equal(body.messages.at(-1)?.role, 'user');
  });

  it('a prefill refused with a 400 (or 422) before any text is asked again with the instruction', async () => {
    assert.equal(await drain(withInstructionFallback(stream([], { status: 400 }), () => stream([' canyons']))), ' canyons');
    assert.equal(await drain(withInstructionFallback(stream([], { status: 422 }), () => stream([' canyons']))), ' canyons');
  });

  it('other failures, and any failure after text, are not', async () => {
    await assert.rejects(drain(withInstructionFallback(stream([], { status: 500 }), () => stream(['x']))), /HTTP 500/);
    await assert.rejects(drain(withInstructionFallback(stream([' canyons'], { status: 400 }), () => stream(['x']))), /HTTP 400/);
  });
});
