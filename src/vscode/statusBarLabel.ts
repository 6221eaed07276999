// What a screen reader says for the completion status bar item: the state in words and what the
// item's text shows beside its icon (the last latency, the minutes of a snooze), plus the error
// and its pause, which the item shows only by colour and in its hover. Pure: no vscode import.
import type { EngineStatus } from '../completion/engineStatus';

const STATES: Readonly<Record<EngineStatus['state'], string>> = {
  idle: 'ready',
  waiting: 'waiting to ask',
  streaming: 'streaming a suggestion',
  error: 'error',
  snoozed: 'snoozed',
  off: 'off',
};

/** An error message is cut here: the label is read whole every time the item gets the focus. */
const MAX_ERROR_CHARS = 120;

/** 'Rill inline completion: ready, last suggestion in 481 ms'; `clockTime` formats an epoch time. */
export function statusBarLabel(status: EngineStatus, now: number, clockTime: (at: number) => string): string {
  const parts = [STATES[status.state]];
  if (status.state === 'snoozed' && status.snoozedUntil !== undefined) {
    const minutes = Math.max(1, Math.ceil((status.snoozedUntil - now) / 60_000));
    parts.push(`${minutes} ${minutes === 1 ? 'minute' : 'minutes'} left`);
  }
  if (status.state === 'error' && status.error) {
    const message = status.error.message.replace(/\s+/g, ' ').trim();
    if (message) parts.push(message.length > MAX_ERROR_CHARS ? `${message.slice(0, MAX_ERROR_CHARS - 1)}…` : message);
  }
  if (status.state !== 'off' && status.state !== 'snoozed' && status.lastLatencyMs !== undefined) parts.push(`last suggestion in ${status.lastLatencyMs} ms`);
  if (status.pausedUntil !== undefined) parts.push(`paused until ${clockTime(status.pausedUntil)}`);
  return `Rill inline completion: ${parts.join(', ')}`;
}
