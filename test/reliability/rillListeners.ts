// Listener counts on the emitters Rill owns that a test can reach from the API: the chat session's,
// the completion engine's and the registries'. They are private fields, read here only to count;
// a count that grows with the number of requests is a leak.
import type { CompletionEngine } from '../../src/completion/engine';
import type { RillApi } from '../../src/extension';

/** Rill's core Emitter keeps `listeners`; VS Code's EventEmitter keeps `_size`. */
function listenerCount(emitter: unknown): number | undefined {
  if (typeof emitter !== 'object' || emitter === null) return undefined;
  const e = emitter as { listeners?: unknown; _size?: unknown };
  if (Array.isArray(e.listeners)) return e.listeners.length;
  if (typeof e._size === 'number') return e._size;
  return undefined;
}

function field(owner: unknown, name: string): unknown {
  return typeof owner === 'object' && owner !== null ? (owner as Record<string, unknown>)[name] : undefined;
}

export function rillListenerCounts(api: RillApi, engine?: CompletionEngine): Record<string, number> {
  const sources: [string, unknown][] = [
    ['chat.session.onDidChange', field(api.chat.session, 'changed')],
    ['chat.session.onDidAppend', field(api.chat.session, 'appended')],
    ['providers.onDidChange', field(api.providers, 'changed')],
    ['keys.onDidChange', field(api.keys, 'changed')],
  ];
  if (engine) {
    sources.push(
      ['completion.log.onDidChange', field(engine.log, 'changed')],
      ['completion.onDidGrow', field(engine, 'grew')],
      ['completion.onDidChangeStatus', field(engine, 'statusChanged')],
    );
  }
  const out: Record<string, number> = {};
  for (const [name, emitter] of sources) {
    const n = listenerCount(emitter);
    if (n !== undefined) out[name] = n;
  }
  return out;
}
