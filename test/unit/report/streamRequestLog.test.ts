import * as assert from 'node:assert/strict';
import { LlmError } from '../../../src/llm/errors';
import type { LlmProvider, StreamEvent } from '../../../src/llm/types';
import { allRequests } from '../../../src/report/requestSources';
import { STOPPED, StreamRequestLog } from '../../../src/report/streamRequestLog';
import { record } from './records';

const REQUEST = { kind: 'chat', messages: [{ role: 'user', content: 'hi' }] } as const;

/** A provider that plays `script` (events, or an error to throw), ticking the fake clock by 100 ms before each. */
function scripted(clock: { now: number }, script: readonly (StreamEvent | Error)[], model = 'chat-model'): LlmProvider {
  return {
    label: 'scripted',
    model,
    listModels: async () => [model],
    async *stream(_request, signal) {
      for (const step of script) {
        clock.now += 100;
        if (signal.aborted) {
          yield { type: 'end', finishReason: 'aborted' };
          return;
        }
        if (step instanceof Error) throw step;
        yield step;
      }
    },
  };
}

async function drain(provider: LlmProvider, signal = new AbortController().signal, stopAfter = Infinity): Promise<void> {
  let n = 0;
  for await (const _ of provider.stream(REQUEST, signal)) if (++n >= stopAfter) break;
}

describe('StreamRequestLog: records of chat and Generate requests', () => {
  it('records model, time to first token, tokens in and out and a done outcome', async () => {
    const clock = { now: 1000 };
    const log = new StreamRequestLog({ now: () => clock.now });
    const text = (t: string): StreamEvent => ({ type: 'text', text: t });
    await drain(log.recording(scripted(clock, [text('a'), text('b'), text('c'), { type: 'usage', inputTokens: 40, outputTokens: 3 }, { type: 'end', finishReason: 'stop' }]), 'chat'));
    const [r] = log.all();
    assert.deepEqual(
      { feature: r?.feature, model: r?.model, requestedAt: r?.requestedAt, sentAt: r?.sentAt, firstByteAt: r?.firstByteAt, endedAt: r?.endedAt },
      { feature: 'chat', model: 'chat-model', requestedAt: 1000, sentAt: 1000, firstByteAt: 1100, endedAt: 1500 },
    );
    assert.equal(r?.outcome, 'done');
    assert.equal(r?.stopReason, 'stop');
    assert.equal(r?.tokensIn, 40);
    assert.equal(r?.tokensOut, 3);
    assert.equal(r?.charsOut, 3);
  });

  it('counts text events as output tokens when the server sends no usage', async () => {
    const clock = { now: 0 };
    const log = new StreamRequestLog({ now: () => clock.now });
    await drain(log.recording(scripted(clock, [{ type: 'text', text: 'x' }, { type: 'text', text: 'y' }, { type: 'end', finishReason: 'stop' }]), 'generate', 'python'));
    assert.equal(log.all()[0]?.tokensOut, 2);
    assert.equal(log.all()[0]?.tokensIn, undefined);
    assert.equal(log.all()[0]?.languageId, 'python');
  });

  it('a stopped request is aborted; a failed one keeps its error kind and the error still reaches the reader', async () => {
    const clock = { now: 0 };
    const log = new StreamRequestLog({ now: () => clock.now });
    const stop = new AbortController();
    const stopping = scripted(clock, [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }, { type: 'text', text: 'c' }]);
    let seen = 0;
    for await (const event of log.recording(stopping, 'chat').stream(REQUEST, stop.signal)) {
      if (event.type === 'text' && ++seen === 1) stop.abort();
    }
    const failing = scripted(clock, [{ type: 'text', text: 'a' }, new LlmError('server', 'The server failed (500).', { status: 500 })]);
    await assert.rejects(drain(log.recording(failing, 'generate')), /500/);
    const [stopped, failed] = log.all();
    assert.equal(stopped?.outcome, 'aborted');
    assert.equal(stopped?.abortReason, STOPPED);
    assert.equal(stopped?.tokensOut, 1);
    assert.equal(failed?.outcome, 'error');
    assert.equal(failed?.errorKind, 'server');
  });

  it('a reader that stops reading with all it wanted (a closed code fence) leaves a done request', async () => {
    const clock = { now: 0 };
    const log = new StreamRequestLog({ now: () => clock.now });
    await drain(log.recording(scripted(clock, [{ type: 'text', text: '```' }, { type: 'text', text: 'more' }]), 'generate'), undefined, 1);
    assert.equal(log.all()[0]?.outcome, 'done');
    assert.ok(log.all()[0]?.endedAt !== undefined);
  });

  it('keeps the last `capacity` records and says when they change', async () => {
    const clock = { now: 0 };
    const log = new StreamRequestLog({ now: () => clock.now }, 2);
    let changes = 0;
    const sub = log.onDidChange(() => changes++);
    for (let i = 0; i < 3; i++) await drain(log.recording(scripted(clock, [{ type: 'end', finishReason: 'stop' }], `m${i}`), 'chat'));
    sub.dispose();
    assert.deepEqual(log.all().map((r) => r.model), ['m1', 'm2']);
    assert.ok(changes >= 6, `added and ended three times (${changes} changes)`);
  });

  it('the wrapped provider is the same model for the rest of Rill (label, model list)', async () => {
    const log = new StreamRequestLog({ now: () => 0 });
    const wrapped = log.recording(scripted({ now: 0 }, [], 'qwen'), 'chat');
    assert.equal(wrapped.model, 'qwen');
    assert.equal(wrapped.label, 'scripted');
    assert.deepEqual(await wrapped.listModels(), ['qwen']);
  });

  it('allRequests: completion records tagged as completion, merged with chat records by time', async () => {
    const clock = { now: 5000 };
    const streams = new StreamRequestLog({ now: () => clock.now });
    await drain(streams.recording(scripted(clock, [{ type: 'end', finishReason: 'stop' }]), 'chat'));
    const { feature: _, ...completionRecord } = record(1000);
    const { feature: __, ...later } = record(9000);
    const completion = { all: () => [completionRecord, later], onDidChange: () => ({ dispose: () => undefined }) };
    const merged = allRequests(completion, streams).all();
    assert.deepEqual(merged.map((r) => [r.feature, r.requestedAt]), [['completion', 1000], ['chat', 5000], ['completion', 9000]]);
  });
});
