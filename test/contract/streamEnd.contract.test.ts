// A stream that did not end properly is never a complete answer: every shape of unterminated or
// malformed stream, through the real SDKs on every adapter, ends with a typed error whose message
// says what happened, and the text that arrived before it is kept (the chat shows it with
// Continue and Retry; ghost text drops it).
import * as assert from 'node:assert/strict';
import { FakeLlmServer, type FakeReply } from '../fake-llm/server';
import { ADAPTERS, type AdapterCase } from './adapters';
import { collect, type Outcome } from '../helpers/collect';

const ANSWER = 'Hello from the fake model, friend.';

interface Shape {
  readonly name: string;
  readonly reply: FakeReply;
  readonly only?: (a: AdapterCase) => boolean;
  /** The text kept next to the error. */
  readonly text: string;
  readonly kind: string;
  readonly message: RegExp;
}

const SHAPES: Shape[] = [
  {
    name: 'the body ends after 3 tokens: no finish reason, no [DONE], no message_stop',
    reply: { text: ANSWER, fault: 'cut-after-tokens', faultAfterTokens: 3 },
    text: 'Hello from the',
    kind: 'network',
    message: /closed before the answer was complete \(the stream ended without its end marker\)\. .*try again\.$/,
  },
  {
    // Only the chat wires have a preamble (the role chunk, message_start); elsewhere this is an empty body.
    name: 'the body ends right after the preamble',
    reply: { text: ANSWER, fault: 'cut-after-tokens', faultAfterTokens: 0 },
    only: (a) => a.dialect === 'openai-chat' || a.dialect === 'anthropic',
    text: '',
    kind: 'network',
    message: /closed before the answer was complete/,
  },
  {
    name: 'an error event whose data has no `error` key (vLLM) after 2 tokens',
    reply: { text: ANSWER, fault: 'error-event-no-error-key', faultAfterTokens: 2 },
    text: 'Hello from',
    kind: 'server',
    message: /stopped the answer with an error: The server ran out of memory while generating\.$/,
  },
  {
    name: 'an OpenAI-style {"error": …} line after 2 tokens',
    reply: { text: ANSWER, fault: 'openai-error-line', faultAfterTokens: 2 },
    text: 'Hello from',
    kind: 'server',
    message: /stopped the answer with an error: The upstream server closed the stream with an error\.$/,
  },
  {
    name: 'a 200 with the complete JSON answer where a stream was asked for: its text, and the server did not stream',
    reply: { text: ANSWER, stream: false },
    text: ANSWER,
    kind: 'server',
    message: /did not stream: it sent the whole answer at once as JSON\. Check that the server .* supports streaming/,
  },
  {
    name: 'a 200 with no body at all',
    reply: { fault: 'empty-200' },
    text: '',
    kind: 'server',
    message: /answered with an empty response \(HTTP 200, no data\)\. Check the base URL \(http:\/\/127\.0\.0\.1:\d+(\/v1)?\)/,
  },
  {
    name: '/infill without its stop event',
    reply: { text: ANSWER, fault: 'missing-done' },
    only: (a) => a.dialect === 'infill',
    text: ANSWER,
    kind: 'network',
    message: /closed before the answer was complete/,
  },
];

function expectError(o: Outcome, shape: Shape): void {
  assert.ok(o.error, `expected a ${shape.kind} error, got a clean end (${o.end}) with ${JSON.stringify(o.text)}`);
  assert.equal(o.error.kind, shape.kind, o.error.message);
  assert.match(o.error.message, shape.message);
  assert.equal(o.end, undefined, 'no end event: the answer is not complete');
}

describe('streams that did not end properly (through the real SDKs)', function () {
  this.timeout(15_000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  for (const adapter of ADAPTERS) {
    describe(adapter.name, () => {
      for (const shape of SHAPES) {
        if (shape.only && !shape.only(adapter)) continue;
        it(`${shape.name}: a ${shape.kind} error, the text kept`, async () => {
          llm.enqueue(shape.reply);
          const outcome = await collect(adapter.make(llm.url).stream(adapter.request, new AbortController().signal));
          expectError(outcome, shape);
          // The hole-filling prompt may drop a trailing newline it holds back; these answers have none.
          assert.equal(outcome.text, shape.text);
          assert.equal(llm.requests.length, 1, 'nothing is retried');
        });
      }
    });
  }

  describe('Anthropic content blocks', () => {
    const anthropic = ADAPTERS.find((a) => a.dialect === 'anthropic' && a.request.kind === 'chat') as AdapterCase;
    const sse = (...events: Array<[string, unknown]>) => events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');
    const start = ['message_start', { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-test', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } } }] as [string, unknown];
    const block = (index: number, content: unknown) => ['content_block_start', { type: 'content_block_start', index, content_block: content }] as [string, unknown];
    const text = (index: number, t: string) => ['content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: t } }] as [string, unknown];
    const stop = (index: number) => ['content_block_stop', { type: 'content_block_stop', index }] as [string, unknown];
    const end = [
      ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 9 } }],
      ['message_stop', { type: 'message_stop' }],
    ] as Array<[string, unknown]>;
    const reply = (body: string): FakeReply => ({ status: 200, body, headers: { 'content-type': 'text/event-stream' } });

    it('text, tool use, text: two paragraphs, not one glued sentence', async () => {
      llm.enqueue(reply(sse(
        start,
        block(0, { type: 'text', text: '' }), text(0, 'First text block.'), stop(0),
        block(1, { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: {} }),
        ['content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{}' } }], stop(1),
        block(2, { type: 'text', text: '' }), text(2, 'Second text block.'), stop(2),
        ...end,
      )));
      const outcome = await collect(anthropic.make(llm.url).stream(anthropic.request, new AbortController().signal));
      assert.equal(outcome.error, undefined, outcome.error?.message);
      assert.equal(outcome.text, 'First text block.\n\nSecond text block.');
      assert.equal(outcome.end, 'stop');
    });

    it('two text blocks in a row, the first ending with a newline: one blank line between them', async () => {
      llm.enqueue(reply(sse(start, block(0, { type: 'text', text: '' }), text(0, 'One.\n'), stop(0), block(1, { type: 'text', text: '' }), text(1, 'Two.'), stop(1), ...end)));
      const outcome = await collect(anthropic.make(llm.url).stream(anthropic.request, new AbortController().signal));
      assert.equal(outcome.text, 'One.\n\nTwo.');
    });
  });
});
