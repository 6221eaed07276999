// Every provider adapter, through the real SDKs, against the fake server's real wire formats and
// every fault it can inject. Each case asserts what the user ends up with: the text, a clean end
// or a typed error with an actionable message, and what the server saw of the connection.
import * as assert from 'node:assert/strict';
import { FakeLlmServer, type FakeReply, type RecordedRequest } from '../fake-llm/server';
import { ADAPTERS, type AdapterCase, TEST_KEY } from './adapters';
import { collect, type Outcome } from '../helpers/collect';

const ANSWER = 'Hello from the fake model, friend.';

interface Case {
  readonly name: string;
  readonly reply: FakeReply;
  readonly only?: (a: AdapterCase) => boolean;
  readonly config?: Record<string, unknown>;
  /** How many requests reach the server (retries included), where that is the point. */
  readonly requests?: number;
  check(o: Outcome, a: AdapterCase): void;
}

const err = (o: Outcome, kind: string, message?: RegExp) => {
  assert.ok(o.error, `expected a ${kind} error, got text ${JSON.stringify(o.text.slice(0, 40))} end ${o.end}`);
  assert.equal(o.error.kind, kind, o.error.message);
  if (message) assert.match(o.error.message, message);
  assert.ok(!o.error.message.includes(TEST_KEY), 'the key never appears in an error');
};
const clean = (o: Outcome, text = ANSWER) => {
  assert.equal(o.error, undefined, o.error?.message);
  assert.equal(o.text, text);
  assert.ok(o.end === 'stop' || o.end === 'other', `end ${o.end}`);
};

const CASES: Case[] = [
  { name: 'a normal stream', reply: { text: ANSWER }, check: (o) => { clean(o); assert.equal(o.end, 'stop'); } },
  { name: 'CRLF line ends', reply: { text: ANSWER, lineEnding: 'crlf' }, check: (o) => clean(o) },
  { name: 'lone CR line ends', reply: { text: ANSWER, lineEnding: 'cr' }, check: (o) => clean(o) },
  { name: 'keep-alive comments and pings between tokens', reply: { text: ANSWER, keepAlive: true, ttftMs: 20 }, check: (o) => clean(o) },
  { name: 'every byte in its own write, UTF-8 split mid-character', reply: { text: 'Grüße, 世界 🌊 ok', splitEveryByte: true }, check: (o) => clean(o, 'Grüße, 世界 🌊 ok') },
  { name: 'an empty-choices first chunk (Azure)', reply: { text: ANSWER, emptyChoicesFirst: true }, only: (a) => a.dialect.startsWith('openai'), check: (o) => clean(o) },
  // [DONE] / message_stop are missing but the finish reason came: the answer is complete. On
  // /infill the `stop: true` event is both, so without it the suggestion was cut (streamEnd.contract).
  { name: 'a missing terminal event after the finish reason ends cleanly with the text', reply: { text: ANSWER, fault: 'missing-done' }, only: (a) => a.dialect !== 'infill', check: (o) => clean(o) },
  { name: 'a server that never closes after the end', reply: { text: ANSWER, fault: 'never-close-after-done' }, check: (o) => clean(o) },
  { name: 'a giant 1 MiB line', reply: { text: 'a b', fault: 'giant-line', faultAfterTokens: 1 }, check: (o) => { assert.equal(o.error, undefined, o.error?.message); assert.ok(o.text.length > 1_000_000); } },
  { name: 'usage is reported', reply: { text: ANSWER, usage: { input: 42, output: 7 } }, check: (o) => { clean(o); assert.deepEqual(o.usage, { inputTokens: 42, outputTokens: 7 }); } },
  { name: '400 bad request', reply: { status: 400, body: { message: 'Unrecognized field "frobnicate".' } }, check: (o) => err(o, 'bad-request', /rejected the request \(HTTP 400\).*frobnicate/) },
  { name: '400 context too long', reply: { status: 400, body: { message: "This model's maximum context length is 8192 tokens." } }, check: (o) => err(o, 'bad-request', /too long for model/) },
  { name: '401 bad key', reply: { status: 401, body: { message: `Incorrect API key provided: ${TEST_KEY}.` } }, check: (o) => err(o, 'auth', /rejected the API key.*Rill: Set API Key/) },
  { name: '403 forbidden', reply: { status: 403 }, check: (o) => err(o, 'auth', /refused access \(HTTP 403\)/) },
  { name: '404 unknown model', reply: { status: 404 }, check: (o) => err(o, 'not-found', /not found at .*Check the model name/) },
  { name: "404 from Ollama: its words end with a full stop before Rill's advice", reply: { status: 404, body: { message: 'model "qwen2.5-coder:7b" not found, try pulling it first', type: 'api_error' } }, check: (o) => err(o, 'not-found', /not found, try pulling it first\. Check the model name/) },
  { name: '400 "does not support insert" (Ollama, model without FIM template)', reply: { status: 400, body: { message: 'qwen2.5:7b does not support insert' } }, only: (a) => a.dialect === 'openai-completions', check: (o) => err(o, 'not-found', /cannot fill in the middle.*fimMode/) },
  { name: '408 timeout', reply: { status: 408 }, check: (o) => err(o, 'network', /timed out/) },
  { name: '413 too large', reply: { status: 413 }, check: (o) => err(o, 'bad-request', /too long/) },
  { name: '429 with Retry-After: 1', reply: { status: 429, headers: { 'retry-after': '1' } }, check: (o) => { err(o, 'rate-limited', /Retry in 1 s/); assert.equal(o.error?.retryAfterMs, 1000); } },
  { name: '429 with Retry-After: 300 fails at once', reply: { status: 429, headers: { 'retry-after': '300' } }, config: { maxRetries: 2 }, check: (o) => { err(o, 'rate-limited', /Retry in 5 min/); assert.equal(o.error?.retryAfterMs, 300_000); } },
  { name: '429 with retry-after-ms', reply: { status: 429, headers: { 'retry-after-ms': '2500' } }, check: (o) => { err(o, 'rate-limited', /Retry in 3 s/); assert.equal(o.error?.retryAfterMs, 2500); } },
  // Out of quota or credit: no retry, no "retry in a few seconds", the account's billing named.
  { name: "429 insufficient_quota (OpenAI's out of quota) is not retried and names billing", reply: { status: 429, body: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', code: 'insufficient_quota' } }, config: { maxRetries: 2 }, requests: 1, check: (o) => { err(o, 'quota', /quota.*used up.*exceeded your current quota.*Retrying will not help.*billing settings.*Choose Provider/); assert.doesNotMatch(o.error?.message ?? '', /Retry in|few seconds/); assert.equal(o.error?.retryAfterMs, undefined); } },
  { name: '429 whose code alone says insufficient_quota', only: (a) => a.dialect.startsWith('openai'), reply: { status: 429, body: { message: 'Quota exceeded.', type: 'requests', code: 'insufficient_quota' } }, config: { maxRetries: 2 }, requests: 1, check: (o) => err(o, 'quota', /billing settings/) },
  { name: "400 \"credit balance is too low\" (Anthropic's out of credit)", reply: { status: 400, body: { type: 'invalid_request_error', message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.' } }, config: { maxRetries: 2 }, requests: 1, check: (o) => err(o, 'quota', /credit balance is too low.*Retrying will not help/) },
  { name: "402 billing_error (Anthropic's billing problem)", reply: { status: 402, body: { type: 'billing_error', message: 'There is an issue with your payment method.' } }, config: { maxRetries: 2 }, requests: 1, check: (o) => err(o, 'quota', /HTTP 402.*billing settings/) },
  { name: '429 rate limit whose text mentions billing stays a rate limit', reply: { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Rate limit reached for requests. Add a payment method at https://platform.openai.com/account/billing to increase your rate limit.' } }, check: (o) => err(o, 'rate-limited', /Retry in 1 s/) },
  { name: '500', reply: { status: 500 }, check: (o) => err(o, 'server', /failed \(HTTP 500\)/) },
  { name: '502 with an HTML error page', reply: { status: 502, body: '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>', headers: { 'content-type': 'text/html' } }, check: (o) => err(o, 'server', /HTTP 502.*HTML page/) },
  { name: '503', reply: { status: 503 }, check: (o) => err(o, 'overloaded', /HTTP 503/) },
  { name: '503 with Retry-After: 3 says when', reply: { status: 503, headers: { 'retry-after': '3' } }, check: (o) => { err(o, 'overloaded', /HTTP 503.*Retry in 3 s\.$/); assert.doesNotMatch(o.error?.message ?? '', /in a moment/); assert.equal(o.error?.retryAfterMs, 3000); } },
  { name: '502 with Retry-After: 2 says when', reply: { status: 502, headers: { 'retry-after': '2' } }, check: (o) => { err(o, 'server', /failed \(HTTP 502\).*[.!?] Retry in 2 s\.$/); assert.equal(o.error?.retryAfterMs, 2000); } },
  { name: '504 with Retry-After: 1 says when', reply: { status: 504, headers: { 'retry-after': '1' } }, check: (o) => { err(o, 'server', /HTTP 504.*Retry in 1 s\.$/); assert.equal(o.error?.retryAfterMs, 1000); } },
  { name: '529 with Retry-After: 4 says when', reply: { status: 529, headers: { 'retry-after': '4' } }, check: (o) => { err(o, 'overloaded', /overloaded \(HTTP 529\)\. Retry in 4 s\.$/); assert.equal(o.error?.retryAfterMs, 4000); } },
  { name: '529 overloaded', reply: { status: 529 }, check: (o) => err(o, 'overloaded', /overloaded \(HTTP 529\)/) },
  { name: 'a 200 with an HTML page', reply: { fault: 'html-200' }, check: (o) => err(o, 'server', /web page.*Check the base URL/) },
  { name: 'reset before headers', reply: { fault: 'reset-before-headers' }, check: (o) => err(o, 'network') },
  { name: 'reset after headers', reply: { fault: 'reset-after-headers' }, check: (o) => err(o, 'network') },
  { name: 'reset after 3 tokens keeps the partial text', reply: { text: ANSWER, fault: 'reset-after-tokens', faultAfterTokens: 3 }, check: (o) => { err(o, 'network', /lost mid-answer|reset|closed/); assert.equal(o.text, 'Hello from the'); } },
  { name: 'silence after headers: first-token timeout', reply: { fault: 'silence-after-headers' }, config: { firstTokenTimeoutMs: 300 }, check: (o) => err(o, 'stalled', /sent no text for/) },
  { name: 'keep-alive only: pings do not count as text', reply: { fault: 'keepalive-only' }, config: { firstTokenTimeoutMs: 700 }, check: (o) => err(o, 'stalled', /sent no text for/) },
  { name: 'an error event after 2 tokens keeps the partial text', reply: { text: ANSWER, fault: 'error-event-after-tokens', faultAfterTokens: 2 }, check: (o, a) => { assert.equal(o.text, 'Hello from'); err(o, a.dialect === 'anthropic' ? 'overloaded' : 'server', /stopped the answer/); assert.doesNotMatch(o.error?.message ?? '', /\w Try again/, 'the advice starts a new sentence'); } },
  { name: 'invalid JSON in an event keeps the partial text', reply: { text: ANSWER, fault: 'invalid-json-event', faultAfterTokens: 2 }, check: (o) => { assert.equal(o.text, 'Hello from'); err(o, 'server', /malformed data/); } },
];

describe('provider adapters against the fake wire-format server', function () {
  this.timeout(15_000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  /** A stall must close the socket itself: the server stops generating and billing. */
  const assertClosedByClient = async (request: RecordedRequest | undefined) => {
    assert.ok(request, 'the request reached the server');
    await llm.waitForClose(request, 2000);
    assert.ok(request.closedByClientAt !== undefined, 'the client closed the connection');
  };

  for (const adapter of ADAPTERS) {
    describe(adapter.name, () => {
      for (const c of CASES) {
        if (c.only && !c.only(adapter)) continue;
        it(c.name, async () => {
          llm.enqueue(c.reply);
          const provider = adapter.make(llm.url, c.config);
          const outcome = await collect(provider.stream(adapter.request, new AbortController().signal));
          c.check(outcome, adapter);
          if (c.requests !== undefined) assert.equal(llm.requests.length, c.requests, 'requests that reached the server');
          assert.ok(llm.requests.length >= 1, 'the request reached the server');
          if (outcome.error?.kind === 'stalled') await assertClosedByClient(llm.requests.at(-1));
          const retries = llm.requests.length - 1;
          if (outcome.text) assert.equal(retries, 0, 'nothing is retried after output started');
        });
      }

      it('connection refused says the server is not running', async () => {
        const dead = await FakeLlmServer.start();
        const url = dead.url;
        await dead.close();
        const outcome = await collect(adapter.make(url).stream(adapter.request, new AbortController().signal));
        err(outcome, 'network', /connection refused: is the server running\?/);
      });

    });
  }

  it('chat retries a 429 with a short Retry-After before any output, then streams', async () => {
    llm.enqueue({ status: 429, headers: { 'retry-after': '0' } }, { text: ANSWER });
    const adapter = ADAPTERS[0] as AdapterCase;
    const outcome = await collect(adapter.make(llm.url, { maxRetries: 2 }).stream(adapter.request, new AbortController().signal));
    clean(outcome);
    assert.equal(llm.requests.length, 2);
  });

  it('completion never retries, even with retries configured', async () => {
    llm.enqueue({ status: 503 }, { text: ANSWER });
    const adapter = ADAPTERS[1] as AdapterCase;
    const outcome = await collect(adapter.make(llm.url, { maxRetries: 2 }).stream(adapter.request, new AbortController().signal));
    assert.equal(outcome.error?.kind, 'overloaded');
    assert.equal(llm.requests.length, 1);
  });

  it('the key is sent to the server and recorded redacted', async () => {
    llm.enqueue({ text: ANSWER });
    const adapter = ADAPTERS[0] as AdapterCase;
    await collect(adapter.make(llm.url).stream(adapter.request, new AbortController().signal));
    const headers = llm.requests[0]?.headers ?? {};
    assert.equal(headers.authorization, '<redacted>');
    assert.ok(!JSON.stringify(llm.requests).includes(TEST_KEY));
  });
});
