// Where an error goes that no caller can take: a listener that threw while an event was delivered.
// Thrown on, it would stop the other listeners and reach whoever fired the event (a stream's loop,
// which would take it for a model error). Reported here instead: to the console until the
// extension host sends it to Rill's log (extension.ts), and to a test's own handler in tests.
import { type Disposable, toDisposable } from './disposable';

export type UnexpectedErrorHandler = (error: unknown) => void;

const consoleHandler: UnexpectedErrorHandler = (error) => console.error('Rill: unexpected error', error);
let handler: UnexpectedErrorHandler = consoleHandler;

/** Reports `error`; never throws, even when the handler does. */
export function reportUnexpectedError(error: unknown): void {
  try {
    handler(error);
  } catch {
    // A handler that throws has nowhere left to report to.
  }
}

/** Sends unexpected errors to `next` until the returned Disposable puts back the handler before. */
export function setUnexpectedErrorHandler(next: UnexpectedErrorHandler): Disposable {
  const previous = handler;
  handler = next;
  return toDisposable(() => {
    if (handler === next) handler = previous;
  });
}
