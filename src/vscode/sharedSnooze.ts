// A snooze is for every window: it is kept in the extension's globalState, which VS Code keeps in
// step across its windows (a window's memento takes another's writes), but which has no change
// event. So each window looks at it when the user comes back to it (window focus, another editor),
// as they type, and every few seconds (another window's write arrives a moment after it is made,
// and the status bar should say it without a key), and takes a snooze or a resume stored there. Only a change of the
// stored value counts: a window's own state is never reverted to a value it has already seen,
// and a window's own writes count as seen (through `store`), so that its own snooze, resumed in
// another window before this one looked again, is still a change here.
import * as vscode from 'vscode';
import { DisposableStore, toDisposable } from '../base/disposable';
import type { Enablement } from '../completion/enablement';

/** Where the snooze's end is kept, for every window (absent: not snoozed). */
export const SNOOZE_KEY = 'rill.completion.snoozedUntil';

/** How often the stored value is looked at without an event. */
const LOOK_EVERY_MS = 5000;

export class SharedSnooze implements vscode.Disposable {
  private readonly subscriptions = new DisposableStore();
  private seen: number | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly enablement: Enablement,
    /** Another window's snooze (true) or resume (false) was taken. */
    private readonly onDidTake: (snoozed: boolean) => void,
  ) {
    this.seen = state.get<number>(SNOOZE_KEY);
    // A snooze outlives a reload: the window starts snoozed until its end.
    if (this.seen) enablement.snoozeUntil(this.seen);
    const sync = () => this.sync();
    this.subscriptions.addAll(
      vscode.window.onDidChangeWindowState((e) => e.focused && sync()),
      vscode.window.onDidChangeActiveTextEditor(sync),
      vscode.workspace.onDidChangeTextDocument(sync),
    );
    const timer = setInterval(sync, LOOK_EVERY_MS);
    this.subscriptions.add(toDisposable(() => clearInterval(timer)));
  }

  /** This window's snooze end (undefined: resumed), stored for every window and seen here. */
  store(until: number | undefined): Thenable<void> {
    this.seen = until;
    return this.state.update(SNOOZE_KEY, until);
  }

  /** Takes what another window stored since the last look, if anything. */
  sync(): void {
    const stored = this.state.get<number>(SNOOZE_KEY);
    if (stored === this.seen) return;
    this.seen = stored;
    const snoozedBefore = this.enablement.snoozeEnd;
    if (stored) this.enablement.snoozeUntil(stored);
    else this.enablement.unsnooze();
    const snoozedNow = this.enablement.snoozeEnd;
    if (snoozedNow !== snoozedBefore) this.onDidTake(snoozedNow !== undefined);
  }

  dispose(): void {
    this.subscriptions.dispose();
  }
}
