// Answers an editor call from what exists: a session that has the text (waiting for a live one
// that may soon have it), or the cache. Making the answer is pure (makeAnswer); noting that it was
// shown goes to the screen, the cache and the engine's figures.
import { CompletionCache } from './completionCache';
import { type FoundText, makeAnswer, type OnScreen } from './onScreen';
import { findInSession, type RequestManager } from './requestManager';
import type { SuggestionSession } from './session';
import type { Strategy } from './strategies';
import type { AnswerSource, CompletionAnswer, CompletionQuery } from './types';

/** The editor call was cancelled while it waited. */
export const ABORTED = Symbol('aborted');
export type Answered = CompletionAnswer | typeof ABORTED | undefined;

export class Answerer {
  readonly cache = new CompletionCache();

  constructor(
    private readonly manager: RequestManager,
    private readonly screen: OnScreen,
    private readonly strategy: () => Strategy,
    /** An answer was returned to the editor (for the latency and the status). */
    private readonly onShown: () => void,
  ) {}

  /** From the sessions and the cache; a one-request-at-a-time strategy first waits for the one in flight. */
  async existing(query: CompletionQuery, signal: AbortSignal): Promise<Answered> {
    const { reuse, oneRequestAtATime } = this.strategy();
    const found = reuse ? await this.answer(query, signal) : undefined;
    if (found !== undefined || !oneRequestAtATime) return found;
    if (!(await this.manager.untilNoRequest(signal))) return ABORTED;
    return reuse ? this.answer(query, signal) : undefined;
  }

  /** From the session the call started, waiting until it has text for `query` (or has ended). */
  fromOwn(query: CompletionQuery, signal: AbortSignal, own: SuggestionSession): Promise<Answered> {
    return this.answer(query, signal, own);
  }

  /** Ghost text from the sessions (or only from `own`), waiting for a live one that may have it. */
  private async answer(query: CompletionQuery, signal: AbortSignal, own?: SuggestionSession): Promise<Answered> {
    for (;;) {
      if (signal.aborted) return ABORTED;
      const found = own ? findInSession(own, query) : this.manager.find(query);
      // A strategy that never streams shows a session's text only once its response ended.
      const showable = found?.kind === 'text' && (this.strategy().showsWhileStreaming !== false || !found.session.live);
      if (found?.kind === 'text' && showable) return this.show(query, found, own ? 'network' : 'session');
      if (found) {
        if (!(await found.session.nextChange(signal))) return ABORTED;
        continue;
      }
      const cached = own ? undefined : this.cache.get(query);
      const answer = cached?.session.answer(cached.typed);
      if (cached && answer?.kind === 'text') return this.show(query, { kind: 'text', session: cached.session, answer }, 'cache');
      return undefined;
    }
  }

  /** Makes the answer, then notes that it was shown (cache, screen, figures). */
  private show(query: CompletionQuery, found: FoundText, source: AnswerSource): CompletionAnswer {
    const { answer, shown } = makeAnswer(query, found, source);
    if (this.strategy().reuse) this.cache.set(query, { session: found.session, typed: found.answer.typed });
    this.screen.noteShown(shown);
    this.onShown();
    return answer;
  }
}
