// What the page's status region (role=status, polite) says about the last answer. An error is
// left to its own alert (turnView.ts): said here too, it would be read twice. A cut answer is never
// said to be complete: the token limit's cut says so, and that Continue goes on from it.
import type { TurnView } from '../../src/protocol/chat';

export function statusNews(last: TurnView | undefined): string {
  if (!last || last.status === 'error') return '';
  if (last.status === 'streaming') return 'Rill is responding';
  if (last.status === 'stopped') return 'Answer stopped';
  if (last.truncated) return last.continuable ? 'Answer cut off at the token limit; Continue goes on from it' : 'Answer cut off at the token limit';
  return 'Answer complete';
}

/** What the status region says after a Copy: said again (worded apart) when copied twice in a row, which a repeated text would not be. */
export function copiedNews(current: string): string {
  return current === 'Code copied' ? 'Code copied again' : 'Code copied';
}
