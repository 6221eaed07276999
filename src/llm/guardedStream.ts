// Wraps one attempt of a wire-protocol stream with what every adapter needs: its own
// AbortController (so the caller's abort closes the socket at once), a first-token and an idle
// deadline counted on content events only (text and tool-call input), and a clean `end('aborted')`
// instead of an error on abort.
// A consumer that stops iterating early (a stop rule) also aborts the request.
import { type Clock, systemClock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import { LlmError } from './errors';
import type { StreamEvent } from './types';

export interface Deadlines {
  /** Read at each wait, so a getter may lengthen it while the request runs (a model found to reason silently). */
  readonly firstTokenTimeoutMs: number;
  readonly idleTimeoutMs: number;
}

/** Opens the wire stream on the given signal; may throw SDK or fetch errors. */
export type OpenStream = (signal: AbortSignal) => AsyncIterable<StreamEvent>;

/** Said of a stall when requests go through a proxy (a company's often holds streams back to scan them). */
export const PROXY_ADVICE =
  'Requests to it go through the proxy in http.proxy: a proxy that holds an event stream back until it ends (to scan it) makes a streaming answer look stalled. Ask for text/event-stream responses to pass unbuffered, or add the host to http.noProxy if it need not go through the proxy.';

type Outcome = { kind: 'next'; result: IteratorResult<StreamEvent> } | { kind: 'timeout' } | { kind: 'aborted' };

export async function* guardedStream(
  open: OpenStream,
  callerSignal: AbortSignal,
  deadlines: Deadlines,
  who: string,
  clock: Clock = systemClock,
  /** Requests go through a proxy: one that holds an event stream back until it ends looks like a stall. */
  viaProxy = false,
): AsyncGenerator<StreamEvent> {
  if (callerSignal.aborted) {
    yield { type: 'end', finishReason: 'aborted' };
    return;
  }
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(callerSignal.reason);
  callerSignal.addEventListener('abort', forwardAbort, { once: true });
  const iterator = open(controller.signal)[Symbol.asyncIterator]();
  let settled = false;
  let sawText = false;
  const startedAt = clock.now();
  let lastOutputAt = startedAt;
  // Read at each wait: the first-token limit may grow while the request runs (see Deadlines).
  const deadlineAt = () => (sawText ? lastOutputAt + deadlines.idleTimeoutMs : startedAt + deadlines.firstTokenTimeoutMs);
  /** The read still under way when a deadline was checked: the next wait goes on with it. */
  let pending: Promise<IteratorResult<StreamEvent>> | undefined;
  try {
    while (true) {
      pending ??= iterator.next();
      const outcome = await race(pending, deadlineAt(), callerSignal, clock);
      if (outcome.kind === 'aborted') {
        yield { type: 'end', finishReason: 'aborted' };
        return;
      }
      if (outcome.kind === 'timeout' && clock.now() < deadlineAt()) continue;
      if (outcome.kind === 'timeout') {
        const limit = sawText ? deadlines.idleTimeoutMs : deadlines.firstTokenTimeoutMs;
        // Trying again fails the same way for a model that is slow rather than stuck (a local model
        // reading a long prompt): the advice names the setting that lets it finish.
        const advice = sawText
          ? 'Try again; if it keeps happening, the server may be overloaded, or a slow model needs a longer "rill.network.idleTimeoutMs".'
          : 'A slow local model can need longer than that to read the prompt, and a reasoning model to think before it writes: raise "rill.network.firstTokenTimeoutMs". A hosted server may be overloaded: try again later.';
        const what = sawText ? 'stopped sending text' : 'sent no text';
        const proxy = viaProxy ? ` ${PROXY_ADVICE}` : '';
        throw new LlmError('stalled', `${cap(who)} ${what} for ${seconds(limit)} s, so Rill stopped the request. ${advice}${proxy}`);
      }
      pending = undefined;
      const { result } = outcome;
      if (result.done) {
        settled = true;
        return;
      }
      const event = result.value;
      // A tool call's input streaming in is the model writing, as much as text is; its reasoning
      // is the model at work before it writes (keep-alive comments are not: a gateway sends them
      // whether or not the model behind it moves).
      if ((event.type === 'text' && event.text.length > 0) || event.type === 'tool-call-delta' || event.type === 'reasoning') {
        sawText = true;
        lastOutputAt = clock.now();
      }
      if (event.type === 'end') {
        // The answer is complete; what is left on the wire ([DONE], EOF) is read in the
        // background so the connection can be reused, and cut off if the server never closes.
        settled = true;
        drain(iterator, controller, clock);
      }
      yield event;
      if (settled) return;
    }
  } finally {
    callerSignal.removeEventListener('abort', forwardAbort);
    if (!settled) {
      controller.abort();
      iterator.return?.().catch(() => undefined);
    }
  }
}

const DRAIN_LIMIT_MS = 2_000;

function drain(iterator: AsyncIterator<StreamEvent>, controller: AbortController, clock: Clock): void {
  const timer = clock.setTimeout(() => controller.abort(), DRAIN_LIMIT_MS);
  void (async () => {
    try {
      while (!(await iterator.next()).done);
    } catch {
      // The answer was already delivered; a late error on the wire changes nothing.
    } finally {
      timer.dispose();
    }
  })();
}

/** The next event, a deadline, or the caller's abort, whichever comes first; leaves no timer or listener behind. */
function race(next: Promise<IteratorResult<StreamEvent>>, deadlineAt: number, signal: AbortSignal, clock: Clock): Promise<Outcome> {
  return new Promise<Outcome>((resolve, reject) => {
    let timer: Disposable | undefined;
    const onAbort = () => finish({ kind: 'aborted' });
    const finish = (outcome: Outcome) => {
      timer?.dispose();
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    if (signal.aborted) {
      // The wire may still fail after the abort (an error event already buffered): that read
      // is nobody's business any more, but it must not become an unhandled rejection.
      next.catch(() => undefined);
      return finish({ kind: 'aborted' });
    }
    signal.addEventListener('abort', onAbort, { once: true });
    timer = clock.setTimeout(() => finish({ kind: 'timeout' }), Math.max(0, deadlineAt - clock.now()));
    next.then(
      (result) => finish({ kind: 'next', result }),
      (error: unknown) => {
        timer?.dispose();
        signal.removeEventListener('abort', onAbort);
        // After an abort the SDK's own error is noise: the caller already got `end('aborted')`.
        if (signal.aborted) resolve({ kind: 'aborted' });
        else reject(error);
      },
    );
  });
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A deadline in seconds as people write it: 20, 1.5, 0.25. */
function seconds(ms: number): string {
  return String(Math.round(ms / 10) / 100);
}
