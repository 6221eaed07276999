// How the engine decides when to ask the model. The adaptive strategy is Rill's; the naive ones are
// what several peers do, built from the same engine so that the bench compares like with like.
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
}

export function adaptiveStrategy(): Strategy {
  return { name: 'rill', reuse: true, prefetch: true, abortOnKeystroke: false, throttle: new AdaptiveThrottle(), backoffOnRejection: true };
}

/** A request per provider call, every stream aborted by the next keystroke. */
export function perKeystrokeStrategy(): Strategy {
  return { name: 'per-keystroke', reuse: false, prefetch: false, abortOnKeystroke: true, throttle: new NoThrottle() };
}

/** A fixed debounce before every request, every stream aborted by the next keystroke. */
export function debounceStrategy(ms = 350): Strategy {
  return { name: `debounce-${ms}ms`, reuse: false, prefetch: false, abortOnKeystroke: true, throttle: new FixedDebounce(ms) };
}
