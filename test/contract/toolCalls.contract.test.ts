// Tool calling through the real SDKs, on the two wire formats that stream it: OpenAI chat
// (`tool_calls` deltas, arguments cut across chunks) and Anthropic Messages (`tool_use` blocks with
// `input_json_delta`). What goes on the wire (tools, calls and results of earlier turns), what
// comes back (every piece as it arrives, then each whole call), and an abort in the middle of a
// call's input.
import * as assert from 'node:assert/strict';
import type { ChatRequest, StreamEvent, ToolCall } from '../../src/llm/types';
import { FakeLlmServer, type FakeReply } from '../fake-llm/server';
import { ADAPTERS, type AdapterCase } from './adapters';
import { collect } from '../helpers/collect';

type Body = Record<string, unknown>;

const TOOLS = [
  { name: 'read_file', description: 'Reads a file of the workspace.', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
  { name: 'run_tests', description: 'Runs the test suite.', inputSchema: { type: 'object', properties: { grep: { type: 'string' }, watch: { type: 'boolean' } } } },
  { name: 'list_open_editors', description: 'Lists the open editors.' },
] as const;

const ASK: ChatRequest = {
  kind: 'chat',
  messages: [
    { role: 'system', content: 'You may use tools.' },
    { role: 'user', content: 'Why does the test fail?' },
  ],
  tools: TOOLS,
  maxTokens: 200,
};

/** The second turn: the model's calls and the tools' results go back with the question. */
const FOLLOW_UP: ChatRequest = {
  ...ASK,
  messages: [
    ...ASK.messages,
    {
      role: 'assistant',
      content: 'Let me look.',
      toolCalls: [
        { id: 'call_1', name: 'read_file', input: { path: 'src/app.ts' } },
        { id: 'call_2', name: 'run_tests', input: { grep: 'app' } },
      ],
    },
    {
      role: 'user',
      content: '',
      toolResults: [
        { callId: 'call_1', content: 'export const answer = 41;' },
        { callId: 'call_2', content: '1 failing: expected 42', isError: true },
      ],
    },
  ],
};

const TWO_CALLS: FakeReply = {
  text: 'Let me look.',
  toolCalls: [
    { name: 'read_file', input: '{"path": "src/app.ts"}' },
    { name: 'run_tests', input: ['{"gr', 'ep": "a', 'pp", "wat', 'ch": false}'] },
  ],
};

const WIRES: readonly { readonly adapter: AdapterCase; readonly finish: string }[] = [
  { adapter: byName('OpenAI chat'), finish: 'tool_calls' },
  { adapter: byName('Anthropic Messages'), finish: 'tool_use' },
];

function byName(prefix: string): AdapterCase {
  const adapter = ADAPTERS.find((a) => a.name.startsWith(prefix));
  if (!adapter) throw new Error(`no adapter ${prefix}`);
  return adapter;
}

const calls = (events: readonly StreamEvent[]): ToolCall[] => events.flatMap((e) => (e.type === 'tool-call' ? [e.call] : []));
const deltas = (events: readonly StreamEvent[]) => events.filter((e) => e.type === 'tool-call-delta');

describe('streamed tool calls through the SDKs', function () {
  this.timeout(15_000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  for (const { adapter, finish } of WIRES) {
    describe(adapter.name, () => {
      it('sends every tool with its schema, in the wire format of the API', async () => {
        llm.enqueue({ text: 'ok' });
        await collect(adapter.make(llm.url).stream({ ...ASK, toolChoice: 'required' }, new AbortController().signal));
        const body = llm.requests[0]?.body as Body;
        if (adapter.dialect === 'anthropic') {
          assert.deepEqual(body.tools, [
            { name: 'read_file', description: 'Reads a file of the workspace.', input_schema: TOOLS[0].inputSchema },
            { name: 'run_tests', description: 'Runs the test suite.', input_schema: TOOLS[1].inputSchema },
            { name: 'list_open_editors', description: 'Lists the open editors.', input_schema: { type: 'object', properties: {} } },
          ]);
          assert.deepEqual(body.tool_choice, { type: 'any' });
        } else {
          assert.deepEqual(body.tools, [
            { type: 'function', function: { name: 'read_file', description: 'Reads a file of the workspace.', parameters: TOOLS[0].inputSchema } },
            { type: 'function', function: { name: 'run_tests', description: 'Runs the test suite.', parameters: TOOLS[1].inputSchema } },
            { type: 'function', function: { name: 'list_open_editors', description: 'Lists the open editors.' } },
          ]);
          assert.equal(body.tool_choice, 'required');
        }
      });

      it('a request without tools carries no tool fields', async () => {
        llm.enqueue({ text: 'ok' });
        await collect(adapter.make(llm.url).stream(adapter.request, new AbortController().signal));
        const body = llm.requests[0]?.body as Body;
        assert.equal(body.tools, undefined);
        assert.equal(body.tool_choice, undefined);
      });

      it('streams text, then each call piece by piece, then each whole call with its input parsed', async () => {
        llm.enqueue(TWO_CALLS);
        const outcome = await collect(adapter.make(llm.url).stream(ASK, new AbortController().signal));
        assert.equal(outcome.error, undefined, outcome.error?.message);
        assert.equal(outcome.text, 'Let me look.');
        const made = calls(outcome.events);
        assert.deepEqual(
          made.map((c) => ({ name: c.name, input: c.input })),
          [
            { name: 'read_file', input: { path: 'src/app.ts' } },
            { name: 'run_tests', input: { grep: 'app', watch: false } },
          ],
        );
        const prefix = adapter.dialect === 'anthropic' ? 'toolu_fake' : 'call_fake';
        for (const call of made) assert.ok(call.id.startsWith(prefix), `the server's call id is kept: ${call.id}`);
        assert.notEqual(made[0]?.id, made[1]?.id);

        // The input arrived in pieces, each passed on as it came, in order, before its whole call.
        const pieces = deltas(outcome.events);
        const ofSecond = pieces.filter((d) => d.index === 1);
        assert.equal(ofSecond.map((d) => d.inputJson).join(''), '{"grep": "app", "watch": false}');
        assert.ok(ofSecond.filter((d) => d.inputJson !== '').length >= 4, 'the input was split across deltas');
        assert.deepEqual(
          { id: ofSecond[0]?.id, name: ofSecond[0]?.name },
          { id: made[1]?.id, name: 'run_tests' },
          'the first piece of a call names it',
        );
        const firstWhole = outcome.events.findIndex((e) => e.type === 'tool-call' && e.index === 0);
        const lastPieceOfFirst = outcome.events.map((e) => e.type === 'tool-call-delta' && e.index === 0).lastIndexOf(true);
        assert.ok(lastPieceOfFirst < firstWhole, 'a call is whole only after its last piece');
        const textAt = outcome.events.findIndex((e) => e.type === 'text');
        const firstPiece = outcome.events.findIndex((e) => e.type === 'tool-call-delta');
        assert.ok(textAt < firstPiece, 'the text came first');
        assert.equal(outcome.end, 'other', `the model stopped to call tools (${finish})`);
        const recorded = llm.requests[0];
        assert.ok(recorded?.finishedAt !== undefined, 'the answer was read to its end');
      });

      it('sends the calls and the tools\' results of the previous turn back, then streams the answer', async () => {
        llm.enqueue({ text: 'The answer is off by one.' });
        const outcome = await collect(adapter.make(llm.url).stream(FOLLOW_UP, new AbortController().signal));
        assert.equal(outcome.error, undefined, outcome.error?.message);
        assert.equal(outcome.text, 'The answer is off by one.');
        const messages = (llm.requests[0]?.body as Body).messages as Body[];
        if (adapter.dialect === 'anthropic') {
          assert.deepEqual(messages.slice(-2), [
            {
              role: 'assistant',
              content: [
                { type: 'text', text: 'Let me look.' },
                { type: 'tool_use', id: 'call_1', name: 'read_file', input: { path: 'src/app.ts' } },
                { type: 'tool_use', id: 'call_2', name: 'run_tests', input: { grep: 'app' } },
              ],
            },
            {
              role: 'user',
              content: [
                { type: 'tool_result', tool_use_id: 'call_1', content: 'export const answer = 41;' },
                { type: 'tool_result', tool_use_id: 'call_2', content: '1 failing: expected 42', is_error: true },
              ],
            },
          ]);
        } else {
          assert.deepEqual(messages.slice(-3), [
            {
              role: 'assistant',
              content: 'Let me look.',
              tool_calls: [
                { id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"src/app.ts"}' } },
                { id: 'call_2', type: 'function', function: { name: 'run_tests', arguments: '{"grep":"app"}' } },
              ],
            },
            { role: 'tool', tool_call_id: 'call_1', content: 'export const answer = 41;' },
            { role: 'tool', tool_call_id: 'call_2', content: '1 failing: expected 42' },
          ]);
        }
      });

      it('an abort in the middle of a call\'s input ends quietly, closes the socket and delivers no half call', async () => {
        llm.enqueue({ text: '', toolCalls: [{ name: 'read_file', input: '{"path": "a/long/path/to/some/file/in/the/workspace.ts"}' }], tokensPerSec: 20 });
        const controller = new AbortController();
        const events: StreamEvent[] = [];
        let abortedAt = 0;
        for await (const event of adapter.make(llm.url).stream(ASK, controller.signal)) {
          events.push(event);
          if (event.type === 'tool-call-delta' && event.inputJson !== '' && !abortedAt) {
            abortedAt = performance.now();
            controller.abort();
          }
        }
        assert.deepEqual(events.at(-1), { type: 'end', finishReason: 'aborted' });
        assert.deepEqual(calls(events), [], 'no call is delivered with half its input');
        const [request] = llm.requests;
        assert.ok(request);
        // The call had ~2 s of input left: only the abort can close the connection before that.
        await llm.waitForClose(request, 2000);
        assert.ok(request.closedByClientAt !== undefined, 'the client closed the connection');
        assert.ok(request.finishedAt === undefined, 'the server never finished the answer');
      });

      it('a call streaming its input slowly is the model writing: no idle timeout while it streams', async () => {
        // 7 pieces of input 250 ms apart, no text at all, with a 1 s idle deadline.
        llm.enqueue({ text: '', toolCalls: [{ name: 'read_file', input: ['{"pa', 'th"', ': "', 'src', '/app', '.ts', '"}'] }], tokensPerSec: 4 });
        const outcome = await collect(adapter.make(llm.url, { idleTimeoutMs: 1000, firstTokenTimeoutMs: 1000 }).stream(ASK, new AbortController().signal));
        assert.equal(outcome.error, undefined, outcome.error?.message);
        assert.deepEqual(calls(outcome.events).map((c) => c.input), [{ path: 'src/app.ts' }]);
      });

      it('a call whose input is not JSON fails with a message that says what to do', async () => {
        llm.enqueue({ toolCalls: [{ name: 'read_file', input: '{"path": src/app.ts}' }] });
        const outcome = await collect(adapter.make(llm.url).stream(ASK, new AbortController().signal));
        assert.equal(outcome.error?.kind, 'server');
        assert.match(outcome.error?.message ?? '', /call of the tool "read_file" whose input is not a valid JSON object.*choose a model that supports tool calling/);
      });
    });
  }
});
