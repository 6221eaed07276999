import * as assert from 'node:assert/strict';
import type { Turn } from '../../../src/chat/model';
import { buildChatMessages } from '../../../src/chat/prompt';

function turn(question: string, answer: string): Turn {
  return { id: question, question, context: [], answer, status: 'done', model: 'm', askedAt: 0 };
}

describe('buildChatMessages', () => {
  const options = { systemPrompt: 'SYS', historyBudgetTokens: 10 };

  it('keeps the newest earlier turns that fit the budget and always sends the current question', () => {
    // Each earlier turn costs 2 + 2 estimated tokens (8 characters each side).
    const turns = [turn('q1------', 'a1------'), turn('q2------', 'a2------'), turn('q3------', 'a3------'), turn('x'.repeat(400), '')];
    const messages = buildChatMessages(turns, 3, options);
    assert.deepEqual(
      messages.map((m) => m.content),
      ['SYS', 'q2------', 'a2------', 'q3------', 'a3------', 'x'.repeat(400)],
    );
  });

  it('answers the turn asked for, ignoring the turns after it', () => {
    const turns = [turn('q1', 'a1'), turn('q2', 'a2'), turn('q3', '')];
    assert.deepEqual(
      buildChatMessages(turns, 1, options).map((m) => m.role),
      ['system', 'user', 'assistant', 'user'],
    );
  });

  it("leaves out an earlier turn the provider's safety system declined (asked again, it would be declined again), keeping the others", () => {
    const declined: Turn = { ...turn('q2', 'partial'), status: 'error', error: { kind: 'declined', message: 'stopped' } };
    const failed: Turn = { ...turn('q3', 'cut'), status: 'error', error: { kind: 'network', message: 'dropped' } };
    assert.deepEqual(
      buildChatMessages([turn('q1', 'a1'), declined, failed, turn('q4', '')], 3, options).map((m) => m.content),
      ['SYS', 'q1', 'a1', 'q3', 'cut', 'q4'],
    );
  });

  it('refuses an index without a turn', () => {
    assert.throws(() => buildChatMessages([], 0, options), RangeError);
  });
});
