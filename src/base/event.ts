// A typed event for the pure core (the core may not import `vscode`, whose EventEmitter has the
// same shape). The producer owns the Emitter; consumers only see `Event<T>`. Shared by chat and completion.
import { type Disposable, toDisposable } from './disposable';
import { reportUnexpectedError } from './unexpectedError';

export type Event<T> = (listener: (e: T) => void) => Disposable;

export interface EmitterOptions {
  /** Where a listener's error goes (default: reportUnexpectedError). */
  readonly onListenerError?: (error: unknown) => void;
}

const NOTHING: Disposable = { dispose: () => undefined };

export class Emitter<T> implements Disposable {
  /** One entry per subscription, so that the same function subscribed twice is removed once per dispose. */
  private listeners: Array<{ readonly call: (e: T) => void }> = [];
  private disposed = false;

  constructor(private readonly options: EmitterOptions = {}) {}

  readonly event: Event<T> = (listener) => {
    // A disposed emitter never fires again: a listener added now would only be held for nothing.
    if (this.disposed) return NOTHING;
    const entry = { call: listener };
    this.listeners.push(entry);
    return toDisposable(() => {
      this.listeners = this.listeners.filter((l) => l !== entry);
    });
  };

  /**
   * Calls every listener with `value`. A listener that throws is reported and the others still
   * hear the event: one broken listener must not silence the rest, nor throw into the producer.
   */
  fire(value: T): void {
    // A copy, so that a listener may unsubscribe (or subscribe) while being called.
    for (const listener of [...this.listeners]) {
      try {
        listener.call(value);
      } catch (error) {
        (this.options.onListenerError ?? reportUnexpectedError)(error);
      }
    }
  }

  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }

  dispose(): void {
    this.disposed = true;
    this.listeners = [];
  }
}
