// What the status bar item says: a request in flight shows as such even after an error (the error
// stays in the status for the tooltip), and an error shows when nothing is asked.
import assert from 'node:assert/strict';
import { type StatusInputs, statusEndsAt, statusOf } from '../../../src/completion/engineStatus';

const AUTH_ERROR = { kind: 'auth' as const, message: 'OpenAI rejected the API key for OpenAI (HTTP 401).' };

function inputs(overrides: Partial<StatusInputs>): StatusInputs {
  return {
    enablement: { enabled: true, snoozeEnd: undefined },
    lastError: undefined,
    streaming: false,
    waiting: false,
    lastLatencyMs: 912,
    model: 'm',
    stats: undefined,
    pausedUntil: undefined,
    ...overrides,
  };
}

describe('completion status', () => {
  it('after a 401, the next request streaming shows as streaming, not error; the error stays for the tooltip', () => {
    const status = statusOf(inputs({ lastError: AUTH_ERROR, streaming: true }));
    assert.equal(status.state, 'streaming');
    assert.deepEqual(status.error, AUTH_ERROR);
  });

  it('after an error, a request waiting in the throttle shows as waiting', () => {
    assert.equal(statusOf(inputs({ lastError: AUTH_ERROR, waiting: true })).state, 'waiting');
  });

  it('an error shows while nothing is asked', () => {
    assert.equal(statusOf(inputs({ lastError: AUTH_ERROR })).state, 'error');
    assert.equal(statusOf(inputs({})).state, 'idle');
  });

  it('off and snoozed win over everything', () => {
    assert.equal(statusOf(inputs({ enablement: { enabled: false, snoozeEnd: undefined }, lastError: AUTH_ERROR, streaming: true })).state, 'off');
    assert.equal(statusOf(inputs({ enablement: { enabled: true, snoozeEnd: 5 }, lastError: AUTH_ERROR, streaming: true })).state, 'snoozed');
  });

  it('a pause after an error or a snooze says when it ends by itself (the status bar redraws then)', () => {
    assert.equal(statusEndsAt(statusOf(inputs({ lastError: AUTH_ERROR, pausedUntil: 40_000 }))), 40_000);
    assert.equal(statusEndsAt(statusOf(inputs({ enablement: { enabled: true, snoozeEnd: 90_000 }, pausedUntil: 40_000 }))), 40_000, 'the earlier end');
    assert.equal(statusEndsAt(statusOf(inputs({ enablement: { enabled: true, snoozeEnd: 90_000 } }))), 90_000);
    assert.equal(statusEndsAt(statusOf(inputs({ lastError: AUTH_ERROR }))), undefined, 'nothing ends by itself');
  });
});
