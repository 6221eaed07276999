// Measures what a long run could leave behind in the extension host process: heap after full
// garbage collections, active handles by type (sockets, timers...), and listeners on the process.
// A snapshot before and one after; the soak reports the differences.
import { getEventListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface ProcessSnapshot {
  /** `process.memoryUsage().heapUsed` after full collections, in bytes. */
  readonly heapUsed: number;
  /** `process.getActiveResourcesInfo()` counted by type (TCPWrap, Timeout, FSReqCallback...). */
  readonly resources: Readonly<Record<string, number>>;
  /** Listeners on `process` per event name. */
  readonly processListeners: Readonly<Record<string, number>>;
}

type Gc = () => void;
let gc: Gc | undefined;

/**
 * A full GC function: the extension host is not started with --expose-gc, so the flag is set at
 * run time and the `gc` global is taken from a fresh context, where V8 installs it.
 */
export function fullGc(): Gc {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as Gc;
  }
  return gc;
}

/** Collects until the heap stops shrinking (finalizers and weak callbacks get their turns). */
export async function settledHeap(): Promise<number> {
  const collect = fullGc();
  let previous = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 6; round++) {
    collect();
    await new Promise((resolve) => setImmediate(resolve));
    const used = process.memoryUsage().heapUsed;
    if (used >= previous - 64 * 1024) return Math.min(used, previous);
    previous = used;
  }
  return previous;
}

export async function snapshot(): Promise<ProcessSnapshot> {
  const heapUsed = await settledHeap();
  return { heapUsed, resources: countBy(process.getActiveResourcesInfo()), processListeners: processListeners() };
}

/** After minus before, per key; only keys that changed. */
export function difference(before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const d = (after[key] ?? 0) - (before[key] ?? 0);
    if (d !== 0) out[key] = d;
  }
  return out;
}

/** How many 'abort' listeners an AbortSignal still has (a finished stream should leave none). */
export function abortListeners(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

function countBy(items: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[item] = (out[item] ?? 0) + 1;
  return out;
}

function processListeners(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of process.eventNames()) out[String(name)] = process.listenerCount(name);
  return out;
}
