// On a fake clock: the wire's pauses, the deadlines and the retry waits are all fake time, so
// the order of events is decided by the script and not by how busy the machine is.
import * as assert from 'node:assert/strict';
import { sleep } from '../../../src/base/clock';
import { LlmError } from '../../../src/llm/errors';
import { guardedStream } from '../../../src/llm/guardedStream';
import { retryingStream } from '../../../src/llm/retryingStream';
import type { StreamEvent } from '../../../src/llm/types';
import type { ErrorContext } from '../../../src/llm/errorMapping';
import { collect } from '../../helpers/collect';
import { FakeClock } from '../helpers/fakeClock';

const ctx: ErrorContext = { who: 'the server at http://x', model: 'm', baseUrl: 'http://x', keyLabel: 'X', hasKey: true };
const deadlines = { firstTokenTimeoutMs: 80, idleTimeoutMs: 60 };
let clock: FakeClock;
beforeEach(() => {
  clock = new FakeClock();
});

/** A scripted wire stream: [delayMs, event] pairs on the fake clock; records whether its signal was aborted. */
function scripted(steps: [number, StreamEvent][], record: { aborted?: boolean } = {}) {
  return (signal: AbortSignal) =>
    (async function* () {
      signal.addEventListener('abort', () => (record.aborted = true));
      for (const [delay, event] of steps) {
        await sleep(clock, delay);
        if (signal.aborted) return;
        yield event;
      }
    })();
}

/** Reads `stream` to its end, moving the fake clock as far as it takes: what the user got of it. */
async function read(stream: AsyncIterable<StreamEvent>, fakeMs?: { limit: number; step: number }): Promise<{ text: string; end?: string; error?: LlmError }> {
  const { text, end, error } = await clock.settle(collect(stream), fakeMs?.limit, fakeMs?.step);
  return { text, ...(end === undefined ? {} : { end }), ...(error === undefined ? {} : { error }) };
}

const t = (text: string): StreamEvent => ({ type: 'text', text });
const end: StreamEvent = { type: 'end', finishReason: 'stop' };

describe('guardedStream', () => {
  it('a read that fails after the caller aborted is not left as an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const caller = new AbortController();
      // The wire has an error event buffered right after the first token.
      const wire = () =>
        (async function* () {
          yield t('a');
          await sleep(clock, 5);
          throw new Error('error event after the abort');
        })();
      const stream = guardedStream(wire, caller.signal, deadlines, 'x', clock);
      const first = await stream.next();
      assert.deepEqual(first.value, t('a'));
      // The consumer aborts while handling the token, then asks for the next event (as the
      // completion session's pipeline does before it sees its own state).
      caller.abort();
      assert.deepEqual((await stream.next()).value, { type: 'end', finishReason: 'aborted' });
      await clock.advance(30);
      // Unhandled rejections are reported after the microtask queue drains: one more turn.
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('passes events through and ends', async () => {
    const r = await read(guardedStream(scripted([[1, t('a')], [1, t('b')], [1, end]]), new AbortController().signal, deadlines, 'x', clock));
    assert.deepEqual(r, { text: 'ab', end: 'stop' });
  });

  it('stalls with a clear error when no text comes before the first-token deadline', async () => {
    const record: { aborted?: boolean } = {};
    const r = await read(guardedStream(scripted([[500, t('late')]], record), new AbortController().signal, deadlines, 'the server', clock));
    assert.equal(r.error?.kind, 'stalled');
    assert.match(r.error?.message ?? '', /sent no text for 0\.08 s/, 'the deadline as set, not rounded to whole seconds');
    // "Try again" alone fails the same way for a slow local model: the setting that helps is named.
    assert.match(r.error?.message ?? '', /slow local model .*raise "rill\.network\.firstTokenTimeoutMs"/);
    assert.equal(record.aborted, true, 'the request is aborted');
  });

  it('counts the idle deadline on text only: usage events do not keep it alive', async () => {
    const usage: StreamEvent = { type: 'usage', outputTokens: 1 };
    const r = await read(guardedStream(scripted([[1, t('a')], [40, usage], [40, usage], [40, t('b')]]), new AbortController().signal, deadlines, 'x', clock));
    assert.equal(r.text, 'a', 'partial text delivered before the error');
    assert.equal(r.error?.kind, 'stalled');
    assert.match(r.error?.message ?? '', /stopped sending text/);
    assert.match(r.error?.message ?? '', /"rill\.network\.idleTimeoutMs"/, 'the setting for a slow model is named');
  });

  it('ends with end(aborted) and no error when the caller aborts, and aborts the request at once', async () => {
    const caller = new AbortController();
    const record: { aborted?: boolean } = {};
    const stream = guardedStream(scripted([[1, t('a')], [1000, t('b')]], record), caller.signal, { firstTokenTimeoutMs: 5000, idleTimeoutMs: 5000 }, 'x', clock);
    const seen: StreamEvent[] = [];
    await clock.settle(
      (async () => {
        for await (const e of stream) {
          seen.push(e);
          if (e.type === 'text') caller.abort();
        }
      })(),
    );
    assert.deepEqual(seen, [t('a'), { type: 'end', finishReason: 'aborted' }]);
    assert.equal(record.aborted, true);
  });

  it('a consumer that stops early aborts the request', async () => {
    const record: { aborted?: boolean } = {};
    const stream = guardedStream(scripted([[1, t('a')], [1000, t('b')]], record), new AbortController().signal, { firstTokenTimeoutMs: 5000, idleTimeoutMs: 5000 }, 'x', clock);
    await clock.settle(
      (async () => {
        for await (const e of stream) {
          if (e.type === 'text') break;
        }
      })(),
    );
    assert.equal(record.aborted, true);
  });
});

describe('retryingStream', () => {
  const failing = (errors: unknown[], then: StreamEvent[]) => {
    let calls = 0;
    const open = () =>
      (async function* () {
        const e = errors[calls++];
        if (e) throw e;
        yield* then;
      })();
    return { open, calls: () => calls };
  };
  const rateLimited = (ms: number) => new LlmError('rate-limited', 'slow down', { status: 429, retryAfterMs: ms });

  it('retries a transient failure before output, honouring Retry-After', async () => {
    const s = failing([rateLimited(20)], [t('ok'), end]);
    const r = await read(retryingStream(s.open, new AbortController().signal, deadlines, { maxRetries: 2, maxRetryWaitMs: 1000 }, ctx, clock));
    assert.equal(r.text, 'ok');
    assert.equal(s.calls(), 2);
  });

  it('says it will ask again, and after how long, before it waits', async () => {
    const s = failing([rateLimited(20_000)], [t('ok'), end]);
    const events: StreamEvent[] = [];
    const consume = (async () => {
      for await (const e of retryingStream(s.open, new AbortController().signal, deadlines, { maxRetries: 2, maxRetryWaitMs: 30_000 }, ctx, clock)) events.push(e);
    })();
    await clock.advance(10);
    assert.deepEqual(events, [{ type: 'retrying', waitMs: 20_000, kind: 'rate-limited' }], 'told at once, not after the wait');
    await clock.settle(consume, 30_000);
    assert.deepEqual(events.map((e) => e.type), ['retrying', 'text', 'end']);
  });

  it("waits a 503's Retry-After before the retry, not the default backoff", async () => {
    const unavailable = new LlmError('overloaded', 'The server is unavailable (HTTP 503). Retry in 3 s.', { status: 503, retryAfterMs: 3000 });
    const asked: number[] = [];
    let calls = 0;
    const open = () =>
      (async function* () {
        asked.push(clock.now());
        if (calls++ === 0) throw unavailable;
        yield* [t('ok'), end];
      })();
    const r = await read(retryingStream(open, new AbortController().signal, deadlines, { maxRetries: 2, maxRetryWaitMs: 20_000 }, ctx, clock));
    assert.equal(r.text, 'ok');
    assert.deepEqual(asked.map((at) => at - asked[0]), [0, 3000]);
  });

  it('does not wait out a Retry-After longer than the cap: fails at once', async () => {
    const s = failing([rateLimited(300_000)], [t('ok'), end]);
    const r = await read(retryingStream(s.open, new AbortController().signal, deadlines, { maxRetries: 2, maxRetryWaitMs: 1000 }, ctx, clock));
    assert.equal(r.error?.kind, 'rate-limited');
    assert.equal(s.calls(), 1);
  });

  it('never retries with retries off (completion) or a non-transient kind', async () => {
    const a = failing([rateLimited(1)], [end]);
    assert.equal((await read(retryingStream(a.open, new AbortController().signal, deadlines, { maxRetries: 0, maxRetryWaitMs: 1000 }, ctx, clock))).error?.kind, 'rate-limited');
    const b = failing([new LlmError('auth', 'bad key', { status: 401 })], [end]);
    assert.equal((await read(retryingStream(b.open, new AbortController().signal, deadlines, { maxRetries: 3, maxRetryWaitMs: 1000 }, ctx, clock))).error?.kind, 'auth');
    assert.equal(b.calls(), 1);
  });

  it('never retries once text was delivered', async () => {
    let calls = 0;
    const open = () =>
      (async function* () {
        calls++;
        yield t('partial');
        throw new LlmError('network', 'lost');
      })();
    const r = await read(retryingStream(open, new AbortController().signal, deadlines, { maxRetries: 3, maxRetryWaitMs: 1000 }, ctx, clock));
    assert.equal(r.text, 'partial');
    assert.equal(r.error?.kind, 'network');
    assert.equal(calls, 1);
  });

  describe('a connection lost through a proxy after a long silence', () => {
    // Long enough deadlines that the silence is the proxy's to end, as for a reasoning model given time to think.
    const patient = { firstTokenTimeoutMs: 120_000, idleTimeoutMs: 120_000 };
    const policy = { maxRetries: 2, maxRetryWaitMs: 1000 };
    /** Fake time enough for three attempts, moved in steps of 100 ms (timers still fire at their exact time). */
    const minutes = { limit: 200_000, step: 100 };
    const lost = () => new LlmError('network', 'Could not complete the request to http://x: the connection was lost mid-answer.');
    /** The model reasons once, then says nothing for `silentMs` until the connection is cut. */
    const cutAfter = (silentMs: number) => {
      let calls = 0;
      const open = () =>
        (async function* () {
          calls++;
          yield { type: 'reasoning' } as StreamEvent;
          await sleep(clock, silentMs);
          throw lost();
        })();
      return { open, calls: () => calls };
    };

    it("names the proxy's idle timeout and is not retried (a second attempt thinks as long again and is cut the same)", async () => {
      const s = cutAfter(30_000);
      const r = await read(retryingStream(s.open, new AbortController().signal, patient, policy, { ...ctx, viaProxy: true }, clock), minutes);
      assert.equal(r.error?.kind, 'network');
      assert.match(r.error?.message ?? '', /^Could not complete the request to http:\/\/x: the connection was lost mid-answer\. It was cut after 30 s in which the model sent nothing, through the proxy in http\.proxy/);
      assert.match(r.error?.message ?? '', /longer idle timeout .* http\.noProxy/);
      assert.equal(s.calls(), 1);
    });

    it('without a proxy, the same loss is retried as any network fault, and no proxy is named', async () => {
      const s = cutAfter(30_000);
      const r = await read(retryingStream(s.open, new AbortController().signal, patient, policy, ctx, clock), minutes);
      assert.equal(r.error?.message, lost().message);
      assert.equal(s.calls(), 3);
    });

    it('through a proxy, a loss after a short silence is a passing fault: retried, no idle timeout named', async () => {
      const s = cutAfter(2_000);
      const r = await read(retryingStream(s.open, new AbortController().signal, patient, policy, { ...ctx, viaProxy: true }, clock), minutes);
      assert.equal(r.error?.message, lost().message);
      assert.equal(s.calls(), 3);
    });
  });

  it('an abort during the wait ends cleanly', async () => {
    const caller = new AbortController();
    const s = failing([rateLimited(500)], [t('ok'), end]);
    clock.setTimeout(() => caller.abort(), 20);
    const r = await read(retryingStream(s.open, caller.signal, deadlines, { maxRetries: 2, maxRetryWaitMs: 1000 }, ctx, clock));
    assert.equal(r.end, 'aborted');
    assert.equal(r.error, undefined);
  });
});
