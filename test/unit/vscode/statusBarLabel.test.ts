// The completion status bar item's accessible name: what a screen reader user hears must carry what
// a sighted user reads off the item (the state, the latency, the snooze's minutes) and the error
// the item shows only by its colour.
import * as assert from 'node:assert/strict';
import type { EngineStatus } from '../../../src/completion/engineStatus';
import { statusBarLabel } from '../../../src/vscode/statusBarLabel';

const NOW = 1_000_000;
const clock = (at: number): string => `t+${(at - NOW) / 1000}s`;

function status(over: Partial<EngineStatus>): EngineStatus {
  return { state: 'idle', lastLatencyMs: undefined, model: 'm', ttftMs: undefined, tokensPerSec: undefined, error: undefined, snoozedUntil: undefined, pausedUntil: undefined, ...over };
}

describe('statusBarLabel: the completion item read aloud', () => {
  it('says the state in words and what the latency figure is', () => {
    assert.equal(statusBarLabel(status({}), NOW, clock), 'Rill inline completion: ready');
    assert.equal(statusBarLabel(status({ lastLatencyMs: 481 }), NOW, clock), 'Rill inline completion: ready, last suggestion in 481 ms');
    assert.equal(statusBarLabel(status({ state: 'streaming', lastLatencyMs: 90 }), NOW, clock), 'Rill inline completion: streaming a suggestion, last suggestion in 90 ms');
    assert.equal(statusBarLabel(status({ state: 'off', lastLatencyMs: 90 }), NOW, clock), 'Rill inline completion: off');
  });

  it('a snooze says how many minutes are left, as the item shows', () => {
    assert.equal(statusBarLabel(status({ state: 'snoozed', snoozedUntil: NOW + 14.5 * 60_000, lastLatencyMs: 90 }), NOW, clock), 'Rill inline completion: snoozed, 15 minutes left');
    assert.equal(statusBarLabel(status({ state: 'snoozed', snoozedUntil: NOW + 10_000 }), NOW, clock), 'Rill inline completion: snoozed, 1 minute left');
  });

  it('an error says what went wrong (on one line, cut when long) and until when requests pause', () => {
    const error = { kind: 'rate-limited' as const, message: 'Rate limited by the server.\nRetry in 5 min.' };
    assert.equal(
      statusBarLabel(status({ state: 'error', error, lastLatencyMs: 300, pausedUntil: NOW + 300_000 }), NOW, clock),
      'Rill inline completion: error, Rate limited by the server. Retry in 5 min., last suggestion in 300 ms, paused until t+300s',
    );
    const long = statusBarLabel(status({ state: 'error', error: { kind: 'server', message: 'x'.repeat(500) } }), NOW, clock);
    assert.equal(long, `Rill inline completion: error, ${'x'.repeat(119)}…`);
  });
});
