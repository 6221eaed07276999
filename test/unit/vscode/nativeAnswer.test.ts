// An @rill answer streamed into VS Code's chat (nativeAnswer.ts) with scripted provider streams:
// what the response shows, and the chat panel's resume rules (a transient cut after some text is
// continued once from the partial answer, with the seam cleaned; never after auth; never twice).
import * as assert from 'node:assert/strict';
import type { Turn } from '../../../src/chat/model';
import { LlmError } from '../../../src/llm/errors';
import type { ChatRequest, LlmProvider, LlmRequest, StreamEvent } from '../../../src/llm/types';
import { streamAnswer } from '../../../src/vscode/nativeAnswer';

type Script = readonly (StreamEvent | LlmError)[];

/** Each request plays the next script; a script's error is thrown where it stands. */
function scripted(...scripts: Script[]): LlmProvider & { readonly requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    label: 'scripted',
    model: 'm',
    requests,
    async listModels() {
      return [];
    },
    async *stream(request: LlmRequest) {
      requests.push(request as ChatRequest);
      for (const step of scripts[requests.length - 1] ?? []) {
        if (step instanceof LlmError) throw step;
        yield step;
      }
    },
  };
}

const text = (t: string): StreamEvent => ({ type: 'text', text: t });
const end: StreamEvent = { type: 'end', finishReason: 'stop' };
const reset = new LlmError('network', 'The connection to the server was lost mid-answer.');
const question: Turn = { id: 'q', question: 'How do canyons form?', context: [], answer: '', status: 'streaming', model: '', askedAt: 0 };

async function run(provider: LlmProvider, options: { autoResume?: boolean; turns?: Turn[]; continuing?: boolean } = {}) {
  const shown: string[] = [];
  const progress: string[] = [];
  const logged: string[] = [];
  const result = await streamAnswer({
    provider,
    turns: options.turns ?? [question],
    continuing: options.continuing ?? false,
    stream: { markdown: (value) => void shown.push(String(value)), progress: (value) => void progress.push(value) },
    signal: new AbortController().signal,
    maxTokens: 100,
    temperature: 0.3,
    autoResume: options.autoResume ?? true,
    log: { trace: () => undefined, debug: () => undefined, info: (m: string) => void logged.push(m), warn: () => undefined, error: () => undefined },
  });
  return { result, shown, progress, logged };
}

describe('@rill answers in VS Code chat (nativeAnswer)', () => {
  it('shows the text as it arrives and ends as the model did', async () => {
    const { result, shown } = await run(scripted([text('Rivers '), text('carve.'), end]));
    assert.deepEqual(shown, ['Rivers ', 'carve.']);
    assert.deepEqual(result, { kind: 'ended', finishReason: 'stop', text: 'Rivers carve.', resumed: false });
  });

  it('a wait before the request is asked again (a rate limit\'s Retry-After) is said as progress before any text, not a short backoff, not inside the answer', async () => {
    const retrying = (waitMs: number): StreamEvent => ({ type: 'retrying', waitMs, kind: 'rate-limited' });
    const { result, shown, progress } = await run(scripted([retrying(400), retrying(20_000), text('Rivers '), retrying(5000), text('carve.'), end]));
    assert.deepEqual(progress, ['The server is rate limiting requests; asking again in 20 s…']);
    assert.deepEqual(shown, ['Rivers ', 'carve.']);
    assert.equal(result.kind, 'ended');
  });

  it('a connection lost after some text is continued once from the partial answer; the repeated words are dropped', async () => {
    const provider = scripted([text('Rivers carve '), text('canyons slowly'), reset], [text('canyons slowly, grain'), text(' by grain.'), end]);
    const { result, shown, logged } = await run(provider);
    assert.equal(result.kind, 'ended');
    assert.equal(result.text, 'Rivers carve canyons slowly, grain by grain.');
    assert.equal(shown.join(''), 'Rivers carve canyons slowly, grain by grain.');
    assert.equal(provider.requests.length, 2);
    assert.deepEqual(provider.requests[1]?.messages.at(-1), { role: 'assistant', content: 'Rivers carve canyons slowly' }, 'the partial answer is the prefill');
    assert.match(logged.join('\n'), /cut \(network\); continuing/);
  });

  it('a second cut is not continued: the failure comes back with all the text shown', async () => {
    const { result } = await run(scripted([text('Rivers '), reset], [text('carve'), reset], [text('never asked')]));
    assert.equal(result.kind, 'failed');
    assert.equal(result.text, 'Rivers carve');
    assert.equal(result.resumed, true);
  });

  it('no resume with rill.chat.autoResume off, before any text, or after a bad key', async () => {
    for (const [name, provider, autoResume] of [
      ['setting off', scripted([text('Rivers '), reset], [text('x'), end]), false],
      ['no text yet', scripted([reset], [text('x'), end]), true],
      ['bad key', scripted([text('Rivers '), new LlmError('auth', 'The server rejected the API key.', { status: 401 })], [text('x'), end]), true],
    ] as const) {
      const { result } = await run(provider, { autoResume });
      assert.equal(result.kind, 'failed', name);
      assert.equal(provider.requests.length, 1, `${name}: one request`);
    }
  });

  it('a server that starts the answer over instead of continuing: the new answer below a note, not glued on', async () => {
    const provider = scripted(
      [text('The inventory module keeps a map of items. Each'), reset],
      [text('The inventory module stores a map of items. '), text('Each item has a name.'), end],
    );
    const { result, shown, logged } = await run(provider);
    assert.equal(result.kind, 'ended');
    // VS Code's chat cannot take back what it showed: the two answers are apart, with the reason.
    assert.equal(
      shown.join(''),
      'The inventory module keeps a map of items. Each\n\n*The server started the answer over:*\n\nThe inventory module stores a map of items. Each item has a name.',
    );
    assert.doesNotMatch(shown.join(''), /EachThe/);
    assert.match(logged.join('\n'), /started the answer over/);
  });

  it('/continue goes on from the last answer: the first request is already the continuation', async () => {
    const cut: Turn = { ...question, answer: 'Rivers carve ', status: 'done', finishReason: 'length' };
    const provider = scripted([text('canyons.'), end]);
    const { result } = await run(provider, { turns: [cut], continuing: true });
    assert.equal(result.text, 'canyons.');
    assert.deepEqual(provider.requests[0]?.messages.at(-1), { role: 'assistant', content: 'Rivers carve' });
    assert.deepEqual(provider.requests[0]?.messages.at(-2), { role: 'user', content: 'How do canyons form?' });
  });
});
