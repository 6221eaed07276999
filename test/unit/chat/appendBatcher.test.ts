import * as assert from 'node:assert/strict';
import type { AnswerAppend } from '../../../src/chat/chatSession';
import { AppendBatcher } from '../../../src/chat/appendBatcher';
import { FakeClock } from '../helpers/fakeClock';

/** Longer than a frame: the batch is due. */
const A_FRAME_LATER = 100;

const a = (offset: number, text: string, turnId = 't1'): AnswerAppend => ({ conversationId: 'c1', turnId, offset, text });

describe('AppendBatcher', () => {
  it('sends the tokens of one frame as one append', async () => {
    const sent: AnswerAppend[] = [];
    const clock = new FakeClock();
    const batcher = new AppendBatcher((m) => sent.push(m), clock);
    batcher.add(a(0, 'Hel'));
    batcher.add(a(3, 'lo'));
    batcher.add(a(5, '!'));
    assert.deepEqual(sent, []);
    await clock.advance(A_FRAME_LATER);
    assert.deepEqual(sent, [a(0, 'Hello!')]);
    assert.equal(clock.pendingTimers, 0);
  });

  it('does not merge across turns or gaps: each keeps its own offset', async () => {
    const sent: AnswerAppend[] = [];
    const clock = new FakeClock();
    const batcher = new AppendBatcher((m) => sent.push(m), clock);
    batcher.add(a(0, 'one'));
    batcher.add(a(0, 'two', 't2'));
    batcher.add(a(10, 'gap', 't2'));
    await clock.advance(A_FRAME_LATER);
    assert.deepEqual(sent, [a(0, 'one'), a(0, 'two', 't2'), a(10, 'gap', 't2')]);
  });

  it('discard drops what is pending (a snapshot carries it) and its timer', async () => {
    const sent: AnswerAppend[] = [];
    const clock = new FakeClock();
    const batcher = new AppendBatcher((m) => sent.push(m), clock);
    batcher.add(a(0, 'in the snapshot'));
    batcher.discard();
    await clock.advance(A_FRAME_LATER);
    assert.deepEqual(sent, []);
    assert.equal(clock.pendingTimers, 0);
    batcher.add(a(15, ' later'));
    await clock.advance(A_FRAME_LATER);
    assert.deepEqual(sent, [a(15, ' later')]);
  });
});
