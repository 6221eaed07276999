import * as assert from 'node:assert/strict';
import type { AnswerAppend } from '../../../src/chat/chatSession';
import { AppendBatcher, type Timers } from '../../../src/chat/appendBatcher';

/** A manual clock: `tick()` runs the pending timer, if any. */
function manualTimers(): Timers & { tick(): void; pending(): number } {
  let next = 1;
  const timers = new Map<number, () => void>();
  return {
    set: (fn) => {
      const id = next++;
      timers.set(id, fn);
      return id;
    },
    clear: (id) => timers.delete(id as number),
    tick: () => {
      const [id, fn] = [...timers][0] ?? [];
      if (id === undefined || !fn) return;
      timers.delete(id);
      fn();
    },
    pending: () => timers.size,
  };
}

const a = (offset: number, text: string, turnId = 't1'): AnswerAppend => ({ conversationId: 'c1', turnId, offset, text });

describe('AppendBatcher', () => {
  it('sends the tokens of one frame as one append', () => {
    const sent: AnswerAppend[] = [];
    const timers = manualTimers();
    const batcher = new AppendBatcher((m) => sent.push(m), timers);
    batcher.add(a(0, 'Hel'));
    batcher.add(a(3, 'lo'));
    batcher.add(a(5, '!'));
    assert.deepEqual(sent, []);
    timers.tick();
    assert.deepEqual(sent, [a(0, 'Hello!')]);
    assert.equal(timers.pending(), 0);
  });

  it('does not merge across turns or gaps: each keeps its own offset', () => {
    const sent: AnswerAppend[] = [];
    const timers = manualTimers();
    const batcher = new AppendBatcher((m) => sent.push(m), timers);
    batcher.add(a(0, 'one'));
    batcher.add(a(0, 'two', 't2'));
    batcher.add(a(10, 'gap', 't2'));
    timers.tick();
    assert.deepEqual(sent, [a(0, 'one'), a(0, 'two', 't2'), a(10, 'gap', 't2')]);
  });

  it('discard drops what is pending (a snapshot carries it) and its timer', () => {
    const sent: AnswerAppend[] = [];
    const timers = manualTimers();
    const batcher = new AppendBatcher((m) => sent.push(m), timers);
    batcher.add(a(0, 'in the snapshot'));
    batcher.discard();
    timers.tick();
    assert.deepEqual(sent, []);
    assert.equal(timers.pending(), 0);
    batcher.add(a(15, ' later'));
    timers.tick();
    assert.deepEqual(sent, [a(15, ' later')]);
  });
});
