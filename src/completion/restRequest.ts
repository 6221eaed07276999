// A suggestion before the first key. When the user, writing, moves the cursor to the end of a line
// or to an empty line and rests there (opening the next part of a file, thinking before typing),
// the state is asked for once the cursor has rested REST_MS, as a speculative request, and shown
// when its first line comes: by the time they start typing, the suggestion is there. Navigating costs little: at
// most one such request per typing burst (a keystroke must come between two of them), none while
// speculation is held back (errors, a model being contradicted), none inside a line.
import type { Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { DocumentState } from './types';

/** How long the cursor must rest before the state is asked for. */
export const REST_MS = 400;

export class RestRequest implements Disposable {
  private timer: Disposable | undefined;
  private typedSinceLast = false;

  constructor(
    private readonly clock: Clock,
    /** Asks for `state` if nothing answers it yet; true when a request went out. */
    private readonly ask: (state: DocumentState) => boolean,
  ) {}

  /** Every change the engine observes; `moved`: the state differs from the one before. */
  observe(state: DocumentState, keystroke: boolean, moved: boolean): void {
    if (keystroke) {
      this.typedSinceLast = true;
      this.cancel();
      return;
    }
    if (!moved) return;
    this.cancel();
    if (!this.typedSinceLast) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.ask(state)) this.typedSinceLast = false;
    }, REST_MS);
  }

  cancel(): void {
    this.timer?.dispose();
    this.timer = undefined;
  }

  dispose(): void {
    this.cancel();
  }
}
