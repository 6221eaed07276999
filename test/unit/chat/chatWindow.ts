// One window's chat over `store`, the workspace storage that outlives the window: a ChatSession on
// a fake provider and a fake clock, with ids unique across every window of the test run.
import { ChatSession } from '../../../src/chat/chatSession';
import { ChatHistory } from '../../../src/chat/history';
import { FakeClock } from '../helpers/fakeClock';
import { FakeChatProvider } from './fakeProvider';
import type { MemoryStore } from './memoryStore';

let ids = 0;

export function chatWindowOn(store: MemoryStore, clock = new FakeClock(), provider = new FakeChatProvider()) {
  const history = new ChatHistory(store);
  const session = new ChatSession({
    provider: () => Promise.resolve(provider),
    requestOptions: () => ({}),
    history,
    now: () => clock.now(),
    newId: () => `chat${++ids}`,
    clock,
  });
  return { session, history, provider, clock };
}
