// The sessions of each document: which can answer a state (join), which the user's typing
// contradicts (abort at once), and how many may stream at a time.
import type { AbortReason } from './requestRecord';
import type { SessionAnswer, SessionTextAnswer, SuggestionSession, TypingVerdict } from './session';
import type { Disposable } from '../base/disposable';
import type { DocumentState } from './types';

export type Found =
  | { readonly kind: 'text'; readonly session: SuggestionSession; readonly answer: SessionTextAnswer }
  | { readonly kind: 'wait'; readonly session: SuggestionSession };

interface DocumentEntry {
  latest: DocumentState | undefined;
  /** Newest last. Finished sessions are kept for type-through and hot streaks. */
  sessions: SuggestionSession[];
}

/** Finished sessions kept per document (live ones are never dropped). */
const KEEP_FINISHED = 8;
/**
 * Documents whose sessions are kept, the most recently used: each holds its prompt and text, so
 * a window open for days would otherwise keep every file ever completed in (and judge them all at
 * each keystroke). A document with a live session is never dropped.
 */
export const KEEP_DOCUMENTS = 16;

export class RequestManager implements Disposable {
  private readonly docs = new Map<string, DocumentEntry>();

  constructor(
    private readonly maxStreamsPerDocument: () => number,
    /** Told once per session when the user's typing contradicted it or wrote all of it. */
    private readonly onVerdict: (session: SuggestionSession, verdict: TypingVerdict) => void = () => undefined,
    /**
     * Whether a live session with no token yet, whose state the user has typed past, is still worth
     * waiting for (see slotWait.ts); when not, it is closed at the keystroke: the editor's call
     * waiting for it ends, and its next call asks for what was typed.
     */
    private readonly waitsForUnstarted: (session: SuggestionSession) => boolean = () => true,
  ) {}

  private entry(uri: string): DocumentEntry {
    const entry = this.docs.get(uri) ?? { latest: undefined, sessions: [] };
    // Most recently used last.
    this.docs.delete(uri);
    this.docs.set(uri, entry);
    this.dropOldDocuments();
    return entry;
  }

  private dropOldDocuments(): void {
    for (const [uri, entry] of this.docs) {
      if (this.docs.size <= KEEP_DOCUMENTS) return;
      if (!entry.sessions.some((s) => s.live)) this.docs.delete(uri);
    }
  }

  /** How many documents have sessions or a state kept (for tests: bounded by KEEP_DOCUMENTS). */
  get documentCount(): number {
    return this.docs.size;
  }

  add(session: SuggestionSession): void {
    const entry = this.entry(session.anchor.uri);
    entry.sessions.push(session);
    const finished = entry.sessions.filter((s) => !s.live);
    const drop = new Set(finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)));
    if (drop.size > 0) entry.sessions = entry.sessions.filter((s) => !drop.has(s));
    this.check(session);
  }

  sessions(uri: string): readonly SuggestionSession[] {
    return this.docs.get(uri)?.sessions ?? [];
  }

  byId(id: number): SuggestionSession | undefined {
    for (const entry of this.docs.values()) {
      const session = entry.sessions.find((s) => s.id === id);
      if (session) return session;
    }
    return undefined;
  }

  liveSessions(uri?: string): SuggestionSession[] {
    const all = uri === undefined ? [...this.docs.values()].flatMap((e) => e.sessions) : this.sessions(uri);
    return all.filter((s) => s.live);
  }

  /**
   * The editor's current state: aborts every live session it contradicts. Finished sessions are
   * judged too (a suggestion shown after its stream ended can still be contradicted), not aborted.
   */
  observe(state: DocumentState): void {
    this.entry(state.uri).latest = state;
    for (const [uri, entry] of this.docs) {
      for (const session of [...entry.sessions]) {
        // The user works elsewhere: streams for another document are no use.
        if (uri !== state.uri) {
          if (session.live) session.abort('moved');
        } else if (session.live || session.awaitsVerdict) this.judge(session, state);
      }
    }
  }

  /** A session's text changed: judged against the latest state (the user may have typed ahead of it). */
  check(session: SuggestionSession): void {
    const latest = this.docs.get(session.anchor.uri)?.latest;
    if (latest && session.live) this.judge(session, latest);
  }

  private judge(session: SuggestionSession, state: DocumentState): void {
    const relation = session.relate(state);
    if (relation.kind === 'elsewhere') {
      if (session.live) session.abort('moved');
      return;
    }
    if (relation.kind !== 'after') return;
    // The first contradiction of a live session is its verdict, and closes it.
    const verdict = session.noteTyped(relation.typed);
    if (verdict === 'contradicted' && session.live) session.abort('diverged');
    else if (session.live && relation.typed !== '' && session.receivedText === '' && !this.waitsForUnstarted(session)) session.abort('capacity');
    if (verdict) this.onVerdict(session, verdict);
  }

  /** Resolves true once no request but prefetches streams; false as soon as `signal` aborts. */
  async untilNoRequest(signal: AbortSignal): Promise<boolean> {
    for (;;) {
      if (signal.aborted) return false;
      const busy = this.liveSessions().find((s) => s.kind !== 'prefetch');
      if (!busy) return true;
      if (!(await busy.nextChange(signal))) return false;
    }
  }

  /**
   * Whether a session for exactly this state finished with nothing to show: the same prompt would
   * get the same nothing, so an automatic call does not ask again.
   */
  answeredNothingAt(state: DocumentState): boolean {
    return this.sessions(state.uri).some((s) => {
      if (s.state !== 'done') return false;
      const relation = s.relate(state);
      return relation.kind === 'after' && relation.typed === '' && s.answer('').kind === 'none';
    });
  }

  /**
   * Whether a finished session's model ended its answer exactly where this state's text ends (the
   * user took all of it, by Tab or by typing it). `trustEpoch`: only a session whose end the engine
   * trusted in that (the current) trust epoch: asked there, the model would add nothing.
   */
  modelEndedAt(state: DocumentState, trustEpoch?: number): boolean {
    return this.sessions(state.uri).some((s) => {
      if (s.state !== 'done') return false;
      const relation = s.relate(state);
      return relation.kind === 'after' && (trustEpoch === undefined ? s.endsAt(relation.typed) : s.nothingAfter(relation.typed, trustEpoch));
    });
  }

  /** Whether a session was started for exactly this state (whatever it answered). */
  hasSessionAt(state: DocumentState): boolean {
    return this.sessions(state.uri).some((s) => {
      const relation = s.relate(state);
      return relation.kind === 'after' && relation.typed === '';
    });
  }

  /** The best answer the sessions have for `state`: text if any has it, else a live one to wait for. */
  find(state: DocumentState): Found | undefined {
    let wait: SuggestionSession | undefined;
    const sessions = this.sessions(state.uri);
    for (let i = sessions.length - 1; i >= 0; i--) {
      const session = sessions[i];
      const relation = session.relate(state);
      if (relation.kind !== 'after') continue;
      const answer: SessionAnswer = session.answer(relation.typed);
      if (answer.kind === 'text') return { kind: 'text', session, answer };
      if (answer.kind === 'wait') wait ??= session;
    }
    return wait && { kind: 'wait', session: wait };
  }

  /**
   * Makes room for one more stream in `uri` (see the order below). Returns
   * false when `speculative` and no slot is free (a prefetch never displaces a real request).
   */
  makeRoom(uri: string, speculative: boolean): boolean {
    const live = this.liveSessions(uri);
    const excess = live.length - (this.maxStreamsPerDocument() - 1);
    if (excess <= 0) return true;
    if (speculative) return false;
    // Speculative streams first, then streams the user is not typing along, then the oldest.
    const latest = this.docs.get(uri)?.latest;
    const followed = (session: SuggestionSession) => (latest && session.relate(latest).kind === 'after' ? 1 : 0);
    const victims = [...live].sort((a, b) => Number(b.kind === 'prefetch') - Number(a.kind === 'prefetch') || followed(a) - followed(b) || a.id - b.id);
    for (const victim of victims.slice(0, excess)) victim.abort('capacity');
    return true;
  }

  /** Drops a session whose text the user deleted after accepting it: it is not offered again. */
  forget(id: number): SuggestionSession | undefined {
    const session = this.byId(id);
    const entry = session && this.docs.get(session.anchor.uri);
    if (!session || !entry) return undefined;
    entry.sessions = entry.sessions.filter((s) => s !== session);
    if (session.live) session.abort('diverged');
    return session;
  }

  abortAll(reason: AbortReason): void {
    for (const session of this.liveSessions()) session.abort(reason);
  }

  dispose(): void {
    this.abortAll('disposed');
    this.docs.clear();
  }
}

/** What one session (the one a call started) can say about `state`. */
export function findInSession(session: SuggestionSession, state: DocumentState): Found | undefined {
  const relation = session.relate(state);
  if (relation.kind !== 'after') return undefined;
  const answer = session.answer(relation.typed);
  if (answer.kind === 'text') return { kind: 'text', session, answer };
  return answer.kind === 'wait' ? { kind: 'wait', session } : undefined;
}
