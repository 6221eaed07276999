import assert from 'node:assert/strict';
import { copiedNews, statusNews } from '../../../media/chat/statusNews';
import type { TurnView } from '../../../src/protocol/chat';

const turn = (over: Partial<TurnView>): TurnView => ({ id: 't', question: 'q', context: [], answer: 'a', status: 'done', truncated: false, model: 'm', ...over });

describe('chat page: what the status region says', () => {
  it('a cut answer is never said to be complete', () => {
    assert.equal(statusNews(turn({ truncated: true, continuable: true })), 'Answer cut off at the token limit; Continue goes on from it');
    assert.equal(statusNews(turn({ truncated: true })), 'Answer cut off at the token limit');
    assert.equal(statusNews(turn({})), 'Answer complete');
    assert.equal(statusNews(turn({ status: 'stopped' })), 'Answer stopped');
    assert.equal(statusNews(turn({ status: 'streaming' })), 'Rill is responding');
  });

  it('an error is left to its own alert, and no turn says nothing', () => {
    assert.equal(statusNews(turn({ status: 'error', error: { kind: 'http', message: 'x' } })), '');
    assert.equal(statusNews(undefined), '');
  });

  it('a second Copy in a row is said again, worded apart', () => {
    assert.equal(copiedNews('Answer complete'), 'Code copied');
    assert.equal(copiedNews('Code copied'), 'Code copied again');
    assert.equal(copiedNews('Code copied again'), 'Code copied');
  });
});
