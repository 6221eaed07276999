// How the engine decides when to ask the model. The adaptive strategy is Rill's; the others are
// what peers do, built from the same engine so that the bench compares like with like.
import type { Budgets } from './backendStats';
import { blockPrefetchRules } from './blockPrefetchRules';
import type { PostProcessRule } from './postprocess/types';
import { AdaptiveThrottle, FixedDebounce, NoThrottle, type ThrottlePolicy } from './throttle';

export interface Strategy {
  readonly name: string;
  /** Join live sessions, answer from finished ones and from the cache. */
  readonly reuse: boolean;
  /** Request the state after Tab when a shown suggestion's stream ended. */
  readonly prefetch: boolean;
  /** Abort every stream on every keystroke, whatever it predicted. */
  readonly abortOnKeystroke: boolean;
  readonly throttle: ThrottlePolicy;
  /** Back off (wider debounce, shorter suggestions) while suggestions keep being contradicted. */
  readonly backoffOnRejection?: boolean;
  /** Ask for the state where the cursor rests, at a line end or on an empty line, before the first key (restRequest.ts). */
  readonly suggestOnRest?: boolean;
  /**
   * False: a stream is never closed by the user's typing, a newer request or a prefetch; it runs
   * until the model or a post-processing rule ends it (a peer that never cancels). Default true.
   */
  readonly closesStreams?: boolean;
  /** False: ghost text shows only once its response has ended (a peer that never streams). Default true. */
  readonly showsWhileStreaming?: boolean;
  /**
   * True: the partial-line cut-off also counts from the user's last key, so a user who has stopped
   * typing sees a slow line as it arrives (Rill's own). Otherwise it counts from the line's start only.
   */
  readonly partialLinesWhileWaiting?: boolean;
  /**
   * True: where the model ended its answer by itself (or its text ran into the text after the
   * cursor) and the user took all of it, nothing is asked for automatically (no prefetch of the
   * state after Tab, no request from the editor's call there, none when the cursor rests): asked
   * there, it has nothing to add (Rill's own). Otherwise such states are asked like any other.
   */
  readonly trustsModelEnd?: boolean;
  /**
   * True: on a one-slot server, a stream with no token yet that the user types past early in its
   * wait is closed for a request for what was typed (slotWait.ts; Rill's own). Otherwise it is
   * waited for, whatever its age.
   */
  readonly replacesUnstartedStreams?: boolean;
  /** At most one request (prefetches aside) in flight: a new one waits until none is. Default false. */
  readonly oneRequestAtATime?: boolean;
  /** Fixed budgets that replace those adapted to the backend's measured speed. */
  readonly budgets?: Partial<Budgets>;
  /** Post-processing rules that replace Rill's own. */
  readonly rules?: readonly PostProcessRule[];
}

export function adaptiveStrategy(): Strategy {
  return { name: 'rill', reuse: true, prefetch: true, abortOnKeystroke: false, throttle: new AdaptiveThrottle(), backoffOnRejection: true, suggestOnRest: true, partialLinesWhileWaiting: true, trustsModelEnd: true, replacesUnstartedStreams: true };
}

/** A request per provider call, every stream aborted by the next keystroke. */
export function perKeystrokeStrategy(): Strategy {
  return { name: 'per-keystroke', reuse: false, prefetch: false, abortOnKeystroke: true, throttle: new NoThrottle() };
}

/** A fixed debounce before every request, every stream aborted by the next keystroke. */
export function debounceStrategy(ms = 350): Strategy {
  return { name: `debounce-${ms}ms`, reuse: false, prefetch: false, abortOnKeystroke: true, throttle: new FixedDebounce(ms) };
}

/** The peer's n_predict: the most tokens one answer may have. */
export const BLOCK_PREFETCH_MAX_TOKENS = 128;

/**
 * The best non-streaming peer's way (llama.vscode, read from its source: completion.ts and
 * llama-server.ts): no debounce; one request at a time, a new one starting as soon as none is in
 * flight (the peer polls for that every 150 ms; starting at once only makes it faster); requests are
 * never aborted; up to 128 tokens or the end of the block (llama.cpp's n_indent: a line indented
 * less than the cursor's line); the whole block shown only when the response has ended; answers
 * cached and typed through; and as soon as a suggestion is shown, the state after accepting it is
 * requested (its cacheFutureSuggestion), alongside any new request.
 */
export function blockPrefetchStrategy(): Strategy {
  return {
    name: 'block-prefetch',
    reuse: true,
    prefetch: true,
    abortOnKeystroke: false,
    throttle: new NoThrottle(),
    closesStreams: false,
    showsWhileStreaming: false,
    oneRequestAtATime: true,
    budgets: { maxTokens: BLOCK_PREFETCH_MAX_TOKENS },
    rules: blockPrefetchRules,
  };
}
