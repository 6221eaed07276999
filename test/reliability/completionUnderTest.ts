// The completion engine with the configuration the extension uses, the real clock and a real
// provider built from Rill's own completion settings and key store: requests go over real HTTP to
// whatever server the user settings name. The host suites drive it through its service API
// (observe / provide / accepted), as the inline completion provider does, without keystrokes.
//
// The provider is built from this bundle's copy of src/llm, not taken from `api.providers`: the
// engine tells errors apart with `instanceof LlmError`, and the extension's bundle has its own
// copy of that class (the kinds would all read 'unknown').
import type { RillApi } from '../../src/extension';
import { systemClock } from '../../src/completion/clock';
import { CompletionEngine, defaultEngineConfig, type EngineConfig } from '../../src/completion/engine';
import type { CompletionAnswer, CompletionQuery, DocumentState } from '../../src/completion/types';
import { createProvider } from '../../src/llm/createProvider';
import type { LlmProvider } from '../../src/llm/types';

export function completionEngineOver(api: RillApi, config: Partial<EngineConfig> = {}): CompletionEngine {
  return new CompletionEngine({ ...defaultEngineConfig(), ...config }, { provider: completionProvider(api), clock: systemClock, logger: api.log });
}

/** The completion provider for the settings and key in force, rebuilt when they change. */
function completionProvider(api: RillApi): () => Promise<LlmProvider> {
  let built: { readonly key: string; readonly provider: LlmProvider } | undefined;
  return async () => {
    const s = api.providers.endpoint('completion');
    const apiKey = await api.keys.get(s.provider);
    const key = JSON.stringify([s, apiKey]);
    if (built?.key !== key) {
      const provider = createProvider({
        provider: s.provider,
        baseUrl: s.baseUrl || undefined,
        model: s.model,
        apiKey,
        headers: s.headers,
        fimMode: s.fimMode,
        maxRetries: s.maxRetries,
        firstTokenTimeoutMs: s.firstTokenTimeoutMs,
        idleTimeoutMs: s.idleTimeoutMs,
      });
      built = { key, provider };
    }
    return built.provider;
  };
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
