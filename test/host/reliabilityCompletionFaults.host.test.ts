// Every fault of the catalog played through Rill's completion engine in the extension host, over
// its real provider and real HTTP, once per completion wire format (OpenAI completions, llama.cpp
// /infill, a raw FIM template): the editor's call always ends, the status the status bar
// shows names the error and what to do, completion never retries, and a long Retry-After does not
// freeze ghost text without saying until when.
import * as assert from 'node:assert/strict';
import type { CompletionEngine } from '../../src/completion/engine';
import type { FakeReply, RecordedRequest } from '../fake-llm/server';
import { documentAt, freshCompletionEngine, settlesWithin, typeAndAsk } from '../reliability/completionUnderTest';
import { completionExpectation, FAULT_CASES, FAULT_DEADLINES } from '../reliability/faultCatalog';
import { COMPLETION_WIRES } from '../reliability/faultWires';
import { closedPortUrl, type PointedRill, pointRillAtFakeServer } from '../reliability/hostEndpoint';
import { type UnhandledWatch, watchUnhandled } from '../reliability/unhandled';
import { type RillApi, rillApi, waitFor } from './rill';
import { flavorShare } from './share';

const CALL_LIMIT_MS = 30_000;
const COMPLETION = '"Hello, " + name\n';

/** A document of its own per test: replies are routed by prompt, so a stray request elsewhere takes nothing. */
const prefixFor = (id: string) => `# reliability: ${id}\ndef greet(name):\n    return `;

for (const wire of flavorShare(Object.values(COMPLETION_WIRES))) describe(`Reliability: faults in completion over ${wire.label} (extension host)`, function () {
  this.timeout(60_000);
  let api: RillApi;
  let pointed: PointedRill;
  let unhandled: UnhandledWatch;
  let engine: CompletionEngine | undefined;

  before(async () => {
    api = await rillApi();
    pointed = await pointRillAtFakeServer(api, {
      'network.firstTokenTimeoutMs': FAULT_DEADLINES.firstTokenTimeoutMs,
      'network.idleTimeoutMs': FAULT_DEADLINES.idleTimeoutMs,
    }, { completion: wire });
    unhandled = watchUnhandled();
  });
  after(async () => {
    unhandled?.stop();
    await pointed?.dispose();
  });
  beforeEach(() => {
    pointed.llm.reset();
    engine = freshCompletionEngine(api);
  });

  /** Whether the request's text before the cursor ends at `prefix`, in this wire's body. */
  const endsAt = (r: RecordedRequest, prefix: string) => wire.prefixOf(r)?.endsWith(prefix) === true;
  /** Completion requests whose prompt ends at `prefix` (a retry would repeat the prompt). */
  const requestsFor = (prefix: string) => pointed.llm.requests.filter((r) => r.endpoint === wire.endpoint && endsAt(r, prefix));
  /** Answers requests for `prefix` with `reply`; everything else (prefetches) gets a plain completion. */
  const answerAt = (prefix: string, reply: (n: number) => FakeReply) => {
    let n = 0;
    pointed.llm.route((r) => (endsAt(r, prefix) ? reply(n++) : undefined));
    pointed.llm.setDefault({ text: COMPLETION });
  };
  const ask = (prefix: string, trigger: 'automatic' | 'explicit' = 'automatic') => {
    if (!engine) throw new Error('no engine');
    return settlesWithin('the editor\'s completion call', typeAndAsk(engine, documentAt(prefix), new AbortController().signal, trigger), CALL_LIMIT_MS);
  };

  for (const fault of FAULT_CASES) {
    const expectation = completionExpectation(fault, wire.id);
    const expected = expectation.error;
    it(`${fault.label}: ${expected ? `the call ends, the status says ${expected.kind}` : 'ghost text appears'}; one request, no retry`, async () => {
      const prefix = prefixFor(fault.id);
      const reply = fault.reply;
      if (reply === 'refused') await pointed.useServer(await closedPortUrl());
      else answerAt(prefix, () => reply);
      try {
        const { value: answer } = await ask(prefix);
        const e = engine as CompletionEngine;
        if (expected) {
          const status = await waitFor('the engine to report the error', () => (e.currentStatus().state === 'error' ? e.currentStatus() : undefined));
          assert.equal(status.error?.kind, expected.kind, status.error?.message);
          assert.match(status.error?.message ?? '', expected.message);
          const record = e.log.last();
          assert.equal(record?.outcome, 'error');
          assert.equal(record?.errorKind, expected.kind);
          // A stream that failed was cut: none of its text is offered as ghost text (issue 13).
          assert.equal(answer, undefined, `cut text offered as a suggestion: ${JSON.stringify(answer)}`);
        } else {
          assert.ok(answer && answer.insertText.trim().length > 0, `no ghost text (status ${JSON.stringify(e.currentStatus())})`);
          assert.notEqual(e.currentStatus().state, 'error', e.currentStatus().error?.message);
          assert.ok(!/\uFFFD/.test(answer.insertText), `replacement characters in ${JSON.stringify(answer.insertText)}`);
        }
      } finally {
        if (fault.reply === 'refused') await pointed.useOwnServer();
      }
      if (fault.reply !== 'refused') {
        const requests = requestsFor(prefix);
        assert.equal(requests.length, 1, 'completion requests for the state (completion never retries)');
        await waitFor('the completion connection to end', () => requests[0].finishedAt ?? requests[0].closedByClientAt ?? requests[0].destroyedByServerAt);
      }
    });
  }

  it('a 429 with Retry-After: 300 does not freeze ghost text silently: the status says until when, and an explicit request still asks', async () => {
    const prefix = prefixFor('429-300-then');
    answerAt(prefix, () => ({ status: 429, headers: { 'retry-after': '300' } }));
    const e = engine as CompletionEngine;
    await ask(prefix);
    const limited = await waitFor('the rate limit in the status', () => (e.currentStatus().error ? e.currentStatus() : undefined));
    assert.equal(limited.error?.kind, 'rate-limited');
    // The next automatic request: either it is sent at once, or the status tells when it will be.
    const { value: next } = await ask(`${prefix}"`);
    const attempted = requestsFor(`${prefix}"`).length === 1;
    if (!attempted) {
      assert.equal(next, undefined);
      const status = e.currentStatus();
      assert.match(status.error?.message ?? '', /Retry in 5 min/, 'the error does not say how long');
      // The status bar shows the time ghost text comes back (tooltip and accessible label).
      const resumesIn = (status.pausedUntil ?? 0) - Date.now();
      // The engine's clock (performance.timeOrigin + performance.now()) may run a little ahead of Date.now().
      assert.ok(resumesIn > 240_000 && resumesIn <= 301_000, `paused until ${status.pausedUntil} (${Math.round(resumesIn / 1000)} s from now)`);
    }
    // Alt+\ (an explicit trigger) always asks the server, whatever the pause.
    const { value: explicit } = await ask(`${prefix}'`, 'explicit');
    assert.equal(requestsFor(`${prefix}'`).length, 1, 'the explicit request was not sent');
    assert.ok(explicit && explicit.insertText.length > 0, 'no ghost text from the explicit request');
  });

  it('typing on after an error makes no request while paused, and the pause ends', async () => {
    const prefix = prefixFor('503-then');
    answerAt(prefix, (n) => (n === 0 ? { status: 503, headers: { 'retry-after': '1' } } : { text: COMPLETION }));
    const e = engine as CompletionEngine;
    await ask(prefix);
    const failed = await waitFor('the error in the status', () => e.currentStatus().error);
    assert.equal(failed.kind, 'overloaded');
    // Within the server's second the engine keeps quiet...
    const { value: paused } = await ask(`${prefix}"`);
    if (requestsFor(`${prefix}"`).length === 0) assert.equal(paused, undefined);
    // ...and once it has passed, ghost text comes back and the error clears.
    const answer = await waitFor('ghost text after the pause', async () => (await ask(prefix)).value, 10_000);
    assert.ok(answer.insertText.length > 0);
    assert.notEqual(e.currentStatus().state, 'error');
  });

  it('no promise was left unhandled and no exception uncaught', () => {
    assert.deepEqual(unhandled.rejections, []);
    assert.deepEqual(unhandled.exceptions, []);
  });
});
