// The completion engine the extension built (`api.completion.engine`: its settings, Rill's provider
// registry and network stack, the real clock), driven through its service API (observe / provide /
// accepted) as the inline completion provider drives it, without keystrokes in the UI. Requests go
// over real HTTP to whatever server the user settings name.
import type { CompletionEngine } from '../../src/completion/engine';
import type { CompletionAnswer, CompletionQuery, DocumentState } from '../../src/completion/types';
import type { RillApi } from '../host/rill';

/**
 * Rill's own engine, with no pause, error or cached answer left from an earlier test (what a change
 * of provider does). Never dispose it: it is the extension's.
 */
export function freshCompletionEngine(api: RillApi): CompletionEngine {
  const engine = api.completion.engine;
  engine.providerChanged();
  return engine;
}

/** A Python document with the cursor at the end of `prefix`. */
export function documentAt(prefix: string, suffix = '', uri = 'file:///reliability/soak.py'): DocumentState {
  return { uri, path: uri.slice(uri.lastIndexOf('/') + 1), languageId: 'python', prefix, suffix, indentUnit: '    ', tabSize: 4 };
}

export interface Settled<T> {
  readonly value: T;
  readonly ms: number;
}

/**
 * Awaits `promise`, failing (not hanging) if it has not settled within `limitMs`: "every wait
 * ends" is asserted with a generous bound, never a tight timing threshold.
 */
export async function settlesWithin<T>(what: string, promise: Promise<T>, limitMs: number): Promise<Settled<T>> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${limitMs} ms (a wait that never ends)`)), limitMs);
  });
  try {
    const value = await Promise.race([promise, limit]);
    return { value, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** One editor call at `state` (a keystroke first, as VS Code's document change precedes its call). */
export function typeAndAsk(engine: CompletionEngine, state: DocumentState, signal: AbortSignal, trigger: CompletionQuery['trigger'] = 'automatic'): Promise<CompletionAnswer | undefined> {
  engine.observe(state, true);
  return engine.provide({ ...state, trigger }, signal);
}
