// Batches streamed text on its way to the webview: a fast model sends a token every half
// millisecond, and one postMessage per token would cost more than drawing them. The page draws
// once per animation frame anyway, so one message per ~frame loses nothing.
import { type Clock, systemClock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { AnswerAppend } from './chatSession';

const FLUSH_MS = 16;

export class AppendBatcher {
  private pending: AnswerAppend | undefined;
  private timer: Disposable | undefined;

  constructor(
    private readonly send: (append: AnswerAppend) => void,
    private readonly clock: Clock = systemClock,
  ) {}

  add(append: AnswerAppend): void {
    const p = this.pending;
    if (p && p.turnId === append.turnId && p.conversationId === append.conversationId && p.offset + p.text.length === append.offset) {
      this.pending = { ...p, text: p.text + append.text };
    } else {
      this.flush();
      this.pending = append;
    }
    this.timer ??= this.clock.setTimeout(() => this.flush(), FLUSH_MS);
  }

  flush(): void {
    this.timer?.dispose();
    this.timer = undefined;
    const p = this.pending;
    this.pending = undefined;
    if (p) this.send(p);
  }

  /** Drops what is pending: a snapshot about to be sent already contains it. */
  discard(): void {
    this.timer?.dispose();
    this.timer = undefined;
    this.pending = undefined;
  }

  dispose(): void {
    this.discard();
  }
}
