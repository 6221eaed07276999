// What the editor shows: the ghost text last returned to it and the state it was for. Making an
// answer (the text and the edit) is pure; noting that it was shown is what changes state. As the
// shown session streams on, the editor is told to re-query (growth), or to hide a suggestion whose
// stream failed (withdraw); when the cursor rested where the editor got nothing, it is told the
// moment the text for there exists.
import type { Disposable } from '../base/disposable';
import { Emitter, type Event } from '../base/event';
import { displayText, lineRest, sameState } from './displayText';
import { ghostEdit, type GhostEdit } from './edit';
import type { GrowEvent } from './engineConfig';
import type { Prefetcher, ShownSuggestion } from './prefetcher';
import type { Found, RequestManager } from './requestManager';
import type { SuggestionSession } from './session';
import { lastLine } from './text';
import type { AnswerSource, CompletionAnswer, DocumentState } from './types';

/** The ghost text last returned to the editor, and the state it was for. */
export interface Shown extends ShownSuggestion {
  readonly state: DocumentState;
  readonly session: SuggestionSession;
  readonly typed: string;
  readonly edit: GhostEdit;
  /** A longer text already announced through onDidGrow. */
  announced?: string;
}

export type FoundText = Extract<Found, { kind: 'text' }>;

/** How much a partial line must grow before the editor re-queries (each re-query has a cost). */
const PARTIAL_STEP_CHARS = 16;

/** The answer for `found` at `state`, and what will be on screen if it is returned. Pure. */
export function makeAnswer(state: DocumentState, found: FoundText, source: AnswerSource): { readonly answer: CompletionAnswer; readonly shown: Shown } {
  const { session, answer } = found;
  const restOfLine = lineRest(state);
  const text = displayText(restOfLine, session, answer.offset, answer.text);
  const edit = ghostEdit(text, lastLine(state.prefix), restOfLine, answer.replaceBefore);
  const result: CompletionAnswer = {
    sessionId: session.id,
    insertText: edit.insertText,
    replaceBefore: edit.replaceBefore,
    replaceLength: edit.replaceLength,
    source,
    final: !session.live,
    availableAt: session.lastChangeCauseAt,
  };
  return { answer: result, shown: { state, session, typed: answer.typed, offset: answer.offset, text, edit } };
}

export class OnScreen implements Disposable {
  private shown: Shown | undefined;
  /** The state the cursor rested at, while its first text has not been announced or shown. */
  private rested: DocumentState | undefined;
  private readonly grew = new Emitter<GrowEvent>();
  /** The ghost text shown for the current state can now be longer: ask the editor to re-query. */
  readonly onDidGrow: Event<GrowEvent> = this.grew.event;
  private readonly withdrew = new Emitter<{ readonly uri: string }>();
  /** The ghost text shown in `uri` came from a stream that failed: the editor should hide it. */
  readonly onDidWithdraw: Event<{ readonly uri: string }> = this.withdrew.event;

  constructor(
    private readonly manager: RequestManager,
    private readonly prefetcher: Prefetcher,
    /** Whether the after-accept state may be prefetched for a suggestion in this language now. */
    private readonly prefetch: (languageId: string) => boolean,
  ) {}

  get current(): Shown | undefined {
    return this.shown;
  }

  /** The editor moved to `state`: what was shown for another state is gone. */
  observe(state: DocumentState): void {
    if (this.shown && !sameState(this.shown.state, state)) this.shown = undefined;
    if (this.rested && !sameState(this.rested, state)) this.rested = undefined;
  }

  /** `shown` was returned to the editor. */
  noteShown(shown: Shown): void {
    shown.session.noteShown(shown.offset, shown.text);
    this.shown = shown;
    this.rested = undefined;
    this.prefetcher.consider(shown, this.prefetch(shown.state.languageId));
  }

  /** The user pressed Tab on `session`'s text. */
  accepted(session: SuggestionSession | undefined, sessionId: number): void {
    session?.noteAccepted();
    this.prefetcher.accepted(sessionId);
    // Nothing is announced: the editor asks for the state Tab made by itself, after its own delay
    // (VS Code: 50 ms), and that call waits for the next suggestion (the rest of the stream, or the
    // prefetch). Asking it again would not be sooner: VS Code delays an explicit trigger too while its
    // call for an edit is pending, and starts that delay over (measured in both versions).
  }

  /** The user dismissed the ghost text (Esc): nothing shown grows back, nor is prefetched for. Returns what was shown. */
  dismissed(): Shown | undefined {
    const shown = this.shown;
    this.shown = undefined;
    this.rested = undefined;
    if (shown) this.prefetcher.dismissed(shown.session.id);
    return shown;
  }

  /**
   * The editor is asked to show the first text the sessions get for `state`, while it stays the
   * state: the cursor rested there after the editor's own call for it came back without text.
   */
  showWhenReady(state: DocumentState): void {
    this.rested = state;
    this.announceRested();
  }

  /** A session changed: the shown suggestion may grow, go (its stream failed), or be complete. */
  sessionChanged(session: SuggestionSession): void {
    this.announceRested();
    const shown = this.shown;
    if (shown?.session !== session) return;
    if (session.abortReason === 'error') {
      // Cut by an error before its line or block ended: what is on screen must not be taken for whole.
      this.shown = undefined;
      this.withdrew.fire({ uri: shown.state.uri });
      return;
    }
    const answer = session.answer(shown.typed);
    // A partial line (shown after a slow model's cut-off) grows in chunks, not word by word.
    const grown = answer.kind === 'text' && (!answer.partial || !session.live || answer.text.length >= (shown.announced ?? shown.text).length + PARTIAL_STEP_CHARS);
    const text = grown ? displayText(lineRest(shown.state), session, answer.offset, answer.text) : undefined;
    if (text !== undefined && text !== shown.text && text !== shown.announced) {
      shown.announced = text;
      this.grew.fire({ uri: shown.state.uri, final: !session.live, receivedAt: session.lastChangeCauseAt });
    }
    // Prefetch from what will stay shown: a final answer that differs is shown first (growth).
    if (!session.live && text === shown.text) this.prefetcher.consider(shown, this.prefetch(shown.state.languageId));
  }

  /** The first text the sessions have for the state the cursor rested at: a growth shows it. */
  private announceRested(): void {
    const state = this.rested;
    if (!state || this.shown) return;
    const found = this.manager.find(state);
    if (found?.kind !== 'text') return;
    this.rested = undefined;
    this.grew.fire({ uri: state.uri, final: !found.session.live, receivedAt: found.session.lastChangeCauseAt });
  }

  /** Nothing shown so far applies any more (the provider changed). */
  clear(): void {
    this.shown = undefined;
    this.rested = undefined;
  }

  dispose(): void {
    this.grew.dispose();
    this.withdrew.dispose();
  }
}
