// Continuing a cut answer through the real SDKs: the chat core (ChatSession) with each chat adapter
// against the fake server, which resets the stream after N tokens or cuts it at the token limit,
// records the continuation request carrying the partial answer, and continues its scripted answer
// from that prefix. The final answer must equal the scripted answer exactly.
import * as assert from 'node:assert/strict';
import { ChatSession } from '../../src/chat/chatSession';
import { ChatHistory } from '../../src/chat/history';
import type { Turn } from '../../src/chat/model';
import { CONTINUE_INSTRUCTION } from '../../src/llm/continuation';
import { createProvider } from '../../src/llm/createProvider';
import type { EndpointConfig } from '../../src/llm/types';
import { FakeLlmServer, type FakeReply, type RecordedRequest } from '../fake-llm/server';
import { MemoryStore } from '../unit/chat/memoryStore';

const FULL = 'Rivers carve canyons slowly, grain by grain, over a million years; the walls keep every layer they cut through.';

interface Wire {
  readonly name: string;
  readonly config: (url: string) => Pick<EndpointConfig, 'provider' | 'baseUrl' | 'model'>;
  /** How the continuation is asked for on this wire. */
  readonly by: 'prefill' | 'prefill+flags' | 'instruction';
}

const WIRES: readonly Wire[] = [
  { name: 'OpenAI-compatible chat (vLLM, llama.cpp, Ollama)', config: (url) => ({ provider: 'openai-compatible', baseUrl: `${url}/v1`, model: 'local' }), by: 'prefill+flags' },
  { name: "OpenAI's own API (no prefill)", config: (url) => ({ provider: 'openai', baseUrl: `${url}/v1`, model: 'gpt-test' }), by: 'instruction' },
  { name: 'Anthropic Messages', config: (url) => ({ provider: 'anthropic', baseUrl: url, model: 'claude-test' }), by: 'prefill' },
];

type Message = { role: string; content: unknown };
const messagesOf = (r: RecordedRequest | undefined): Message[] => ((r?.body as { messages?: Message[] } | undefined)?.messages ?? []);
const textOf = (content: unknown): string => (typeof content === 'string' ? content : JSON.stringify(content));

describe('continuing a cut answer through the real SDKs', function () {
  this.timeout(20_000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  function session(wire: Wire, maxTokens?: number, autoResume = true): ChatSession {
    const provider = createProvider({ ...wire.config(llm.url), apiKey: 'k', maxRetries: 0, firstTokenTimeoutMs: 5000, idleTimeoutMs: 5000 });
    let ids = 0;
    return new ChatSession({
      provider: () => Promise.resolve(provider),
      requestOptions: () => (maxTokens === undefined ? {} : { maxTokens }),
      history: new ChatHistory(new MemoryStore()),
      now: () => Date.now(),
      newId: () => `id${++ids}`,
      autoResume: () => autoResume,
    });
  }
  const lastTurn = (s: ChatSession): Turn => s.conversation.turns.at(-1) as Turn;

  /** The continuation request carries the partial answer the way this wire asks for it. */
  function assertContinuationRequest(wire: Wire, request: RecordedRequest | undefined, partial: string): void {
    const messages = messagesOf(request);
    const body = request?.body as Record<string, unknown>;
    if (wire.by === 'instruction') {
      assert.deepEqual(messages.at(-2), { role: 'assistant', content: partial.trimEnd() });
      assert.deepEqual(messages.at(-1), { role: 'user', content: CONTINUE_INSTRUCTION });
    } else {
      assert.equal(messages.at(-1)?.role, 'assistant');
      assert.equal(textOf(messages.at(-1)?.content), partial.trimEnd());
    }
    if (wire.by === 'prefill+flags') {
      assert.equal(body.continue_final_message, true);
      assert.equal(body.add_generation_prompt, false);
    } else {
      assert.equal(body.continue_final_message, undefined, 'no vLLM flags where they are not understood');
    }
  }

  for (const wire of WIRES) {
    describe(wire.name, () => {
      const continues: FakeReply = { text: FULL, continueAfterInstruction: wire.by === 'instruction' };

      it('a reset after 7 tokens is resumed by itself from the partial answer; the answer equals the full one', async () => {
        llm.enqueue({ text: FULL, fault: 'reset-after-tokens', faultAfterTokens: 7 });
        llm.setDefault(continues);
        const s = session(wire);
        await s.send('How do canyons form?');
        const turn = lastTurn(s);
        assert.equal(turn.status, 'done', turn.error?.message);
        assert.equal(turn.answer, FULL);
        assert.equal(llm.requests.length, 2);
        assertContinuationRequest(wire, llm.requests[1], 'Rivers carve canyons slowly, grain by');
      });

      it('the model repeating its last three words at the seam: no doubled words', async () => {
        llm.enqueue({ text: FULL, fault: 'reset-after-tokens', faultAfterTokens: 9 });
        llm.setDefault({ ...continues, repeatOnContinue: 3 });
        const s = session(wire);
        await s.send('How do canyons form?');
        assert.equal(lastTurn(s).answer, FULL);
      });

      it('cut at the token limit: the message stays, Continue appends the rest until the model stops', async () => {
        llm.setDefault(continues);
        const s = session(wire, 8);
        await s.send('How do canyons form?');
        assert.equal(lastTurn(s).finishReason, 'length');
        for (let round = 0; round < 10 && lastTurn(s).finishReason === 'length'; round++) {
          const partial = lastTurn(s).answer;
          await s.continue(lastTurn(s).id);
          assertContinuationRequest(wire, llm.requests.at(-1), partial);
        }
        assert.equal(lastTurn(s).status, 'done');
        assert.equal(lastTurn(s).finishReason, 'stop');
        assert.equal(lastTurn(s).answer, FULL);
      });

      if (wire.by !== 'instruction') {
        it('a server that refuses the prefill (400) is asked again with the instruction', async () => {
          llm.enqueue({ text: FULL, fault: 'cut-after-tokens', faultAfterTokens: 5 });
          llm.route((r) => (messagesOf(r).at(-1)?.role === 'assistant' ? { status: 400, body: { message: 'This model does not support assistant message prefill. The conversation must end with a user message.' } } : undefined));
          llm.setDefault({ text: FULL, continueAfterInstruction: true });
          const s = session(wire);
          await s.send('How do canyons form?');
          assert.equal(lastTurn(s).answer, FULL, lastTurn(s).error?.message);
          assert.equal(llm.requests.length, 3, 'the cut answer, the refused prefill, the instruction');
          assertContinuationRequest({ ...wire, by: 'instruction' }, llm.requests[2], 'Rivers carve canyons slowly,');
        });
      }
    });
  }
});
