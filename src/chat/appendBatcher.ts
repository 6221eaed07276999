// Batches streamed text on its way to the webview: a fast model sends a token every half
// millisecond, and one postMessage per token would cost more than drawing them. The page draws
// once per animation frame anyway, so one message per ~frame loses nothing.
import type { AnswerAppend } from './chatSession';

const FLUSH_MS = 16;

type Timer = unknown;

/** setTimeout / clearTimeout, replaceable by a test's manual clock. */
export interface Timers {
  set(fn: () => void, ms: number): Timer;
  clear(timer: Timer): void;
}

export class AppendBatcher {
  private pending: AnswerAppend | undefined;
  private timer: Timer | undefined;

  constructor(
    private readonly send: (append: AnswerAppend) => void,
    private readonly timers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (t) => clearTimeout(t as ReturnType<typeof setTimeout>) },
  ) {}

  add(append: AnswerAppend): void {
    const p = this.pending;
    if (p && p.turnId === append.turnId && p.conversationId === append.conversationId && p.offset + p.text.length === append.offset) {
      this.pending = { ...p, text: p.text + append.text };
    } else {
      this.flush();
      this.pending = append;
    }
    this.timer ??= this.timers.set(() => this.flush(), FLUSH_MS);
  }

  flush(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    const p = this.pending;
    this.pending = undefined;
    if (p) this.send(p);
  }

  /** Drops what is pending: a snapshot about to be sent already contains it. */
  discard(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  dispose(): void {
    this.discard();
  }
}
