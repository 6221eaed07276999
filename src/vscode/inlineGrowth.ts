// Growing a shown suggestion while its stream adds lines, with the document and cursor unchanged.
//
// What VS Code does (read in its source, measured per animation frame by
// test/e2e/completionGrowth.probe.ts on 1.100.3 and 1.139.1):
// - A trigger is skipped while the shown result's request "satisfies" it: same position, same
//   document version, and the shown request was explicit (or the new one is automatic). So
//   `editor.action.inlineSuggest.trigger` re-queries once after an automatic result, then never.
// - Since some version after 1.100 (seen in 1.139), the provider set is part of that check, so a
//   re-registered provider is re-queried; but an explicit trigger then keeps the shown item first
//   and adds the new one after it, so `showNext` is needed to show the longer text.
// - `hide` + `trigger` always re-queries, but clears the ghost text for one round trip (blank or
//   half-drawn frames, 15-140 ms measured).
// The algorithm: swap the registration, trigger; if VS Code called the provider, `showNext` (a no-op
// with one item, selects the new one when the old is kept first): no blank frame on 1.139, and on
// 1.100 the first growth. While VS Code has been re-querying, a trigger it let pass (on a busy
// machine, one that came while it was still taking in the last answer) is tried once more after
// RETRY_MS. Otherwise fall back to `hide` + `trigger`, at most every FALLBACK_MS
// (and once more when the stream ends; one VS Code let pass, with no provider call, is tried again
// up to FALLBACK_RETRIES times), to keep the blanks few: each costs one round trip to the
// extension host (13-35 ms, one or two frames, on code-server 1.100.3; `npm run bench` reports it as
// completion.growthBlankMsMax). The one way without a blank on 1.100, a provider's
// `onDidChangeInlineCompletions`, needs the proposed API `inlineCompletionsAdditions`.
import * as vscode from 'vscode';
import { CoalescedRun } from '../base/coalescedRun';
import { MutableDisposable } from '../base/disposable';
import { COMPLETION_SELECTOR } from './completionDocuments';
import type { RillInlineProvider } from './inlineProvider';

const FALLBACK_MS = 1000;
/** The wait before a trigger VS Code let pass is tried again (while it has been re-querying). */
const RETRY_MS = 100;
/** How many more times a fallback VS Code did not answer (no provider call) is tried. */
const FALLBACK_RETRIES = 2;

export type GrowthPath = 'requery' | 'fallback';

/** How many recent growths `history` keeps (for tests and the log; a long session must not grow it). */
const HISTORY = 32;

export class InlineGrowth implements vscode.Disposable {
  /** The provider's registration of the moment (swapped to make VS Code ask again). */
  private readonly registration = new MutableDisposable<vscode.Disposable>();
  /** One growth at a time; growths that come meanwhile make one more, with the latest `final`. */
  private readonly runs = new CoalescedRun<boolean>((final) => this.run(final));
  private lastFallbackAt = 0;
  private fallbackTimer: ReturnType<typeof setTimeout> | undefined;
  /** A fallback's commands are under way. */
  private fallbackRunning = false;
  /** Counts cancellations: a retry that waited across one does not go on. */
  private epoch = 0;
  private readonly paths: GrowthPath[] = [];
  private noted = 0;
  /** The document whose suggestion grows: a growth applied later acts only while it is still the active one. */
  private uri: string | undefined;

  constructor(private readonly provider: RillInlineProvider) {
    this.register();
  }

  private register(): void {
    // The old one goes first: VS Code never holds two registrations of this provider.
    this.registration.clear();
    this.registration.value = vscode.languages.registerInlineCompletionItemProvider(COMPLETION_SELECTOR, this.provider);
  }

  /** A growth is being applied or waits for its turn (tests wait for this before pressing Tab). */
  get pending(): boolean {
    return this.runs.pending || this.fallbackTimer !== undefined || this.fallbackRunning;
  }

  /** How recent growths went (for tests and the log). */
  get history(): readonly GrowthPath[] {
    return this.paths;
  }

  /** How many growths there have been in all (a test takes the ones after a count it read). */
  get count(): number {
    return this.noted;
  }

  /** The shown suggestion in `uri` got longer. `final`: its stream ended. */
  grow(uri: string, final: boolean): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.toString() !== uri) return;
    this.uri = uri;
    // Coalesced: the latest call says whether the stream has ended (its last growth must not wait).
    this.runs.request(final);
  }

  private async run(final: boolean): Promise<void> {
    const epoch = this.epoch;
    if (await this.requery()) {
      // No newer growth waits and the document is as it was: leave VS Code one item (see settle).
      if (!this.runs.queued && epoch === this.epoch) await this.ask();
      return;
    }
    // VS Code has been re-querying (or has not been asked yet): the trigger may have come too early.
    if (this.paths.at(-1) !== 'fallback') {
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      // The document or cursor changed meanwhile (before or during the second try): nothing to grow.
      if (epoch !== this.epoch || (await this.requery()) || epoch !== this.epoch) return;
    }
    this.scheduleFallback(final);
  }

  /** Swaps the registration and triggers; true when VS Code called the provider again. */
  private async requery(): Promise<boolean> {
    if (!(await this.ask())) return false;
    this.note('requery');
    return true;
  }

  /**
   * Swaps the registration, triggers, and when VS Code called the provider shows the newest item.
   * After a growth, asking once more is what settles VS Code's list: an explicit trigger keeps the
   * shown item first and adds the new one after it (1.139), so the list holds the text before the
   * growth too, and as soon as the shown item's text moves (Accept Next Word or Line, typing
   * through it) VS Code falls back to its first item: that stale, shorter one (the block's end was
   * lost). Asked again with the stream unchanged, the provider returns the shown text itself, and
   * VS Code replaces the shown item with it, alone: no stale item, nothing redrawn. (If the stream
   * grew meanwhile, that is a growth and its own run settles it. On 1.100 VS Code does not call
   * the provider again: nothing happens.)
   */
  private async ask(): Promise<boolean> {
    // The user switched to another editor meanwhile: triggering there would ask for that one.
    if (!this.growingIsActive()) return false;
    const before = this.provider.calls;
    this.register();
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    if (this.provider.calls === before) return false;
    await vscode.commands.executeCommand('editor.action.inlineSuggest.showNext');
    return true;
  }

  private growingIsActive(): boolean {
    return this.uri !== undefined && vscode.window.activeTextEditor?.document.uri.toString() === this.uri;
  }

  private note(path: GrowthPath): void {
    this.noted++;
    this.paths.push(path);
    if (this.paths.length > HISTORY) this.paths.splice(0, this.paths.length - HISTORY);
  }

  private scheduleFallback(final: boolean): void {
    const wait = final ? 0 : Math.max(0, this.lastFallbackAt + FALLBACK_MS - Date.now());
    if (this.fallbackTimer) clearTimeout(this.fallbackTimer);
    const epoch = this.epoch;
    this.fallbackTimer = setTimeout(() => void this.fallback(epoch, FALLBACK_RETRIES), wait);
  }

  private async fallback(epoch: number, retries: number): Promise<void> {
    this.fallbackTimer = undefined;
    if (epoch !== this.epoch || !this.growingIsActive()) return;
    this.lastFallbackAt = Date.now();
    // One growth, one entry, however many tries it took.
    if (retries === FALLBACK_RETRIES) this.note('fallback');
    const before = this.provider.calls;
    this.fallbackRunning = true;
    try {
      // Not awaited one by one: both commands reach the workbench together. The trigger resolves
      // once VS Code's fetch (the provider call, if it makes one) is done.
      await Promise.all([vscode.commands.executeCommand('editor.action.inlineSuggest.hide'), vscode.commands.executeCommand('editor.action.inlineSuggest.trigger')]);
    } finally {
      this.fallbackRunning = false;
    }
    // A busy VS Code (seen on 1.100.3 under load) can let the trigger pass: the block would stay as
    // it was last drawn (or hidden) though its stream has more. Tried again, a bounded number of times.
    if (this.provider.calls !== before || retries === 0 || epoch !== this.epoch) return;
    this.fallbackTimer = setTimeout(() => void this.fallback(epoch, retries - 1), RETRY_MS);
  }

  /**
   * The user asked (Alt+\): VS Code takes its last answer for the same place and text as still
   * good, even an empty one, and would not ask again (a second Alt+\ after a failed request did
   * nothing). A swapped registration makes VS Code 1.139 ask; 1.100 does not look at it, and asks
   * again only once the text or the cursor moved.
   */
  async reask(): Promise<void> {
    this.register();
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  }

  /** No growth that is pending or waits its turn goes on (the user dismissed the suggestion). */
  stop(): void {
    this.cancelPending();
    this.runs.cancelNext();
  }

  /** The suggestion shown in `uri` came from a stream that failed: it goes, and no growth follows. */
  withdraw(uri: string): void {
    this.stop();
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.toString() !== uri) return;
    void vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
  }

  /** The document or cursor changed: a pending fallback is for a state that is gone. */
  cancelPending(): void {
    this.epoch++;
    if (this.fallbackTimer) clearTimeout(this.fallbackTimer);
    this.fallbackTimer = undefined;
  }

  dispose(): void {
    this.cancelPending();
    this.registration.dispose();
  }
}
