// The fix offered beside a failed answer (the chat panel's button, @rill's, Generate's): from the
// error's kind, or the one its mapping named (nothing runs at Rill's default server: another provider).
import * as assert from 'node:assert/strict';
import { toTurnView } from '../../../src/chat/viewState';
import type { Turn } from '../../../src/chat/model';
import { LlmError, remedyOf } from '../../../src/llm/errors';

const failed = (error: Turn['error']): Turn => ({ id: 't1', question: 'Why?', context: [], answer: '', status: 'error', error, model: 'm', askedAt: 0 });

describe('The fix offered for a failed answer', () => {
  it('a refused or missing key: Set API Key; out of credit: Choose Provider; others: none (Retry)', () => {
    assert.equal(remedyOf(new LlmError('auth', 'No key')), 'setApiKey');
    assert.equal(remedyOf(new LlmError('quota', 'Out of credit')), 'chooseProvider');
    for (const kind of ['network', 'rate-limited', 'server', 'stalled', 'bad-request'] as const) assert.equal(remedyOf(new LlmError(kind, 'x')), undefined, kind);
  });

  it('a remedy the error names wins over its kind (no server at the default URL: another provider)', () => {
    assert.equal(remedyOf(new LlmError('network', 'connection refused', { remedy: 'chooseProvider' })), 'chooseProvider');
  });

  it('reaches the chat page with the turn, also for a turn stored before remedies existed', () => {
    assert.deepEqual(toTurnView(failed({ kind: 'auth', message: 'No key' }), 0).error, { kind: 'auth', message: 'No key', remedy: 'setApiKey' });
    assert.deepEqual(toTurnView(failed({ kind: 'network', message: 'refused', remedy: 'chooseProvider' }), 0).error, { kind: 'network', message: 'refused', remedy: 'chooseProvider' });
    assert.deepEqual(toTurnView(failed({ kind: 'network', message: 'reset' }), 0).error, { kind: 'network', message: 'reset', remedy: undefined });
  });
});
