// Owned disposables, as VS Code's own code has them (src/vs/base/common/lifecycle.ts): whatever
// listens, times or streams is a Disposable, added where it is created to the store of its owner,
// and the owner's dispose() ends them all. The shapes match `vscode.Disposable`, so the adapters
// put VS Code's subscriptions in the same stores.

export interface Disposable {
  dispose(): void;
}

/** A Disposable that runs `fn` once, on its first dispose(). */
export function toDisposable(fn: () => void): Disposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      fn();
    },
  };
}

/**
 * Disposes each of `items` even when one throws, then throws the first error (or an AggregateError
 * naming them all), so one broken listener cannot keep the others alive.
 */
export function disposeAll(items: Iterable<Disposable>): void {
  const errors: unknown[] = [];
  for (const item of items) {
    try {
      item.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} disposables threw while being disposed`);
}

/** The disposables one owner holds; disposing the store disposes them, in the order they were added. */
export class DisposableStore implements Disposable {
  private readonly items = new Set<Disposable>();
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Holds `item` until the store is cleared or disposed; a disposed store disposes it at once (nothing would). */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.add(item);
    return item;
  }

  /** Holds each of `items` (see add). */
  addAll(...items: Disposable[]): void {
    for (const item of items) this.add(item);
  }

  /** Disposes `item` now and forgets it. */
  delete(item: Disposable): void {
    if (!this.items.delete(item)) return;
    item.dispose();
  }

  /** Disposes what the store holds; the store stays usable. */
  clear(): void {
    const items = [...this.items];
    this.items.clear();
    disposeAll(items);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clear();
  }
}

/**
 * One disposable value that is replaced over time (a subscription to the current source, the
 * registration of the moment): setting a new value disposes the one before.
 */
export class MutableDisposable<T extends Disposable> implements Disposable {
  private current: T | undefined;
  private disposed = false;

  get value(): T | undefined {
    return this.current;
  }

  set value(value: T | undefined) {
    if (this.disposed) {
      value?.dispose();
      return;
    }
    if (value === this.current) return;
    const previous = this.current;
    this.current = value;
    previous?.dispose();
  }

  /** Disposes the value and holds none. */
  clear(): void {
    this.value = undefined;
  }

  dispose(): void {
    this.clear();
    this.disposed = true;
  }
}
