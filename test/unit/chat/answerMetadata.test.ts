import * as assert from 'node:assert/strict';
import { historyEnd, historyTurn } from '../../../src/chat/answerMetadata';
import { buildChatMessages } from '../../../src/chat/prompt';

describe('an @rill answer kept in VS Code chat history, as a turn', () => {
  const options = { systemPrompt: 'SYS', historyBudgetTokens: 1000 };

  it('an answer the safety system declined is left out of the next question; a finished one and one cut by the network stay', () => {
    const turns = [
      historyTurn('1', 'q1', { model: 'm', answer: 'a1', context: [] }, 'a1'),
      historyTurn('2', 'q2', { model: 'm', answer: 'Sure, the first', errorKind: 'declined' }, 'Sure, the first'),
      historyTurn('3', 'q3', { model: 'm', answer: 'cut', errorKind: 'network', continuable: true }, 'cut'),
      historyTurn('4', 'q4', undefined, ''),
    ];
    assert.deepEqual(
      buildChatMessages(turns, 3, options).map((m) => m.content),
      ['SYS', 'q1', 'a1', 'q3', 'cut', 'q4'],
    );
    assert.equal(turns[2]?.continuable, true);
    assert.equal(turns[0]?.status, 'done');
  });

  it('metadata another version wrote (no error kind, odd context) reads as a finished answer without context', () => {
    const turn = historyTurn('1', 'q', { context: 'not a list' as never }, 'shown text');
    assert.deepEqual([turn.status, turn.error, turn.context, turn.answer, turn.continuable], ['done', undefined, [], 'shown text', false]);
  });

  it("a /continue answer's end is the whole answer's: declined after a cut, it is declined", () => {
    assert.deepEqual(historyEnd({ errorKind: 'declined' }), { status: 'error', error: { kind: 'declined', message: '' }, continuable: false });
    assert.deepEqual(historyEnd({ finishReason: 'stop' }), { status: 'done', continuable: false });
  });
});
