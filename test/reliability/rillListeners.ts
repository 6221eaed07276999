// Listener counts on the emitters Rill owns that a test can reach from the API: the chat session's,
// the completion engine's and the registries'. They are private fields, read here only to count;
// a count that grows with the number of requests is a leak.
//
// Rill's core Emitter keeps a `listeners` array; VS Code's EventEmitter keeps its count in a private
// field that VS Code's build renames (`_size` in 1.139, another name in 1.100). So the count is found
// by probing: subscribe a no-op listener, see which own field went up by one and back down again
// when it is disposed, and read that field. A source that cannot be reached or counted throws:
// the check never passes by leaving an emitter out.
import type { CompletionEngine } from '../../src/completion/engine';
import type { RillApi } from '../host/rill';

interface Subscribable {
  event: (listener: () => void) => { dispose(): void };
}

/** A field's listener count: a number as is, an array by its length. */
const sizeOf = (value: unknown): number | undefined => (typeof value === 'number' ? value : Array.isArray(value) ? value.length : undefined);

function sizes(emitter: object): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, value] of Object.entries(emitter)) {
    const n = sizeOf(value);
    if (n !== undefined) out.set(key, n);
  }
  return out;
}

/** The own field of `emitter` that counts its listeners, found by adding and removing one. */
function countingField(emitter: Subscribable): string | undefined {
  const before = sizes(emitter);
  const probe = emitter.event(() => undefined);
  const during = sizes(emitter);
  probe.dispose();
  const after = sizes(emitter);
  // A field created by the first listener (absent before) counts from 0. VS Code's listener array
  // keeps a hole for a removed listener, so its length does not come back and it is not chosen.
  const counting = [...during.keys()].filter((key) => {
    const was = before.get(key) ?? 0;
    return during.get(key) === was + 1 && (after.get(key) ?? 0) === was;
  });
  // Prefer a plain counter over an array when an emitter has both.
  const numeric = counting.filter((key) => typeof (emitter as unknown as Record<string, unknown>)[key] === 'number');
  const chosen = numeric.length > 0 ? numeric : counting;
  return chosen.length === 1 ? chosen[0] : undefined;
}

function listenerCount(name: string, emitter: unknown): number {
  if (typeof emitter !== 'object' || emitter === null || typeof (emitter as Partial<Subscribable>).event !== 'function') {
    throw new Error(`${name}: no emitter there (Rill's field was renamed?), so its listeners cannot be counted`);
  }
  const key = countingField(emitter as Subscribable);
  if (key === undefined) throw new Error(`${name}: no field of its emitter counts its listeners, so they cannot be counted`);
  return sizeOf((emitter as Record<string, unknown>)[key]) ?? 0;
}

function field(owner: unknown, name: string): unknown {
  return typeof owner === 'object' && owner !== null ? (owner as Record<string, unknown>)[name] : undefined;
}

/** The sources counted: four from the API, three more with the completion engine. */
export function rillListenerSources(api: RillApi, engine?: CompletionEngine): [string, unknown][] {
  const sources: [string, unknown][] = [
    ['chat.session.onDidChange', field(api.chat.session, 'changed')],
    ['chat.session.onDidAppend', field(api.chat.session, 'appended')],
    ['providers.onDidChange', field(api.providers, 'changed')],
    ['keys.onDidChange', field(api.keys, 'changed')],
  ];
  if (engine) {
    sources.push(
      ['completion.log.onDidChange', field(engine.log, 'changed')],
      ['completion.onDidGrow', field(field(engine, 'screen'), 'grew')],
      ['completion.onDidChangeStatus', field(field(engine, 'status'), 'changed')],
    );
  }
  return sources;
}

/** Listeners on each source, every source counted (or an error saying which one could not be). */
export function rillListenerCounts(api: RillApi, engine?: CompletionEngine): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, emitter] of rillListenerSources(api, engine)) out[name] = listenerCount(name, emitter);
  return out;
}
