// Prefetch of the state after Tab: when a suggestion is shown and its stream has ended, the
// completion for the document as it will be after accepting it is requested at once, so that the
// next suggestion appears the moment Tab is pressed (or the user finishes typing it through); not
// when the model itself ended its answer there (Strategy.trustsModelEnd). One
// speculative request at a time; it never displaces a real one, and the request manager aborts it
// when the user types something else. While the user has lately not taken suggestions' lines after
// their first (tail trust), the state after such lines is not asked for: it would rarely be reached.
import type { RequestManager } from './requestManager';
import type { SuggestionSession } from './session';
import { type CompletionSite, completionSite } from './site';
import { hasTail } from './tailTrust';
import { isBlank } from './text';
import type { DocumentState } from './types';

export interface ShownSuggestion {
  readonly state: DocumentState;
  readonly session: SuggestionSession;
  /** Where in the session's text the shown text starts. */
  readonly offset: number;
  readonly text: string;
  readonly edit: { readonly insertText: string; readonly replaceBefore: number; readonly replaceLength: number };
}

/** The document as it will be after the user accepts `shown`. */
export function afterAccept(shown: ShownSuggestion): DocumentState {
  const { state, edit } = shown;
  const kept = state.prefix.slice(0, state.prefix.length - edit.replaceBefore);
  return { ...state, prefix: kept + edit.insertText, suffix: state.suffix.slice(edit.replaceLength) };
}

export class Prefetcher {
  private considered: ShownSuggestion | undefined;
  /** The last prefetch, and the session whose acceptance it prepares. */
  private last: { readonly after: SuggestionSession; session: SuggestionSession | undefined; dismissed: boolean } | undefined;

  constructor(
    private readonly manager: RequestManager,
    private readonly start: (state: DocumentState, site: CompletionSite) => Promise<SuggestionSession | undefined>,
    /** Whether the user takes suggestions' lines after their first (see TailTrust.tailsTrusted). */
    private readonly tailsTrusted: () => boolean = () => true,
    /** Whether the model has said it has nothing to add at a state (see CompletionEngine.nothingToAskAt). */
    private readonly nothingToAsk: (state: DocumentState) => boolean = () => false,
  ) {}

  /** The user pressed Tab on `sessionId`'s text: the prefetch made for that moment is followed. */
  accepted(sessionId: number): void {
    if (this.last?.after.id === sessionId) this.last.session?.follow();
  }

  /** The user dismissed `sessionId`'s text (Esc): the prefetch made for accepting it is not wanted. */
  dismissed(sessionId: number): void {
    const last = this.last;
    if (last?.after.id !== sessionId) return;
    last.dismissed = true;
    last.session?.abort('dismissed');
  }

  /** `allowed`: completion is on for the language and automatic requests are not backed off. */
  consider(shown: ShownSuggestion, allowed: boolean): void {
    if (shown.session.live || this.considered === shown) return;
    this.considered = shown;
    const future = afterAccept(shown);
    const site = completionSite(future);
    // After a completion inside a line there is rarely a next one at its end.
    if (!isBlank(site.restOfLine)) return;
    if (!allowed) return;
    // Accepting it would take lines of its session after the first: only when such lines are taken.
    if (!this.tailsTrusted() && hasTail(shown.session.text.slice(0, shown.offset) + shown.text)) return;
    // Already covered, or already asked (a prefetch that found nothing to add is not repeated), or
    // the suggestion ends where its model ended its answer.
    if (this.manager.find(future) || this.manager.hasSessionAt(future) || this.nothingToAsk(future)) return;
    for (const session of this.manager.liveSessions()) if (session.kind === 'prefetch') session.abort('superseded');
    if (!this.manager.makeRoom(future.uri, true)) return;
    const last = { after: shown.session, session: undefined as SuggestionSession | undefined, dismissed: false };
    this.last = last;
    void this.start(future, site).then((session) => {
      last.session = session;
      // Dismissed while it was starting.
      if (last.dismissed) session?.abort('dismissed');
    });
  }
}
