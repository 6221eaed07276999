// Which timers are alive, and whose they are. `process.getActiveResourcesInfo()` only counts
// timers by type, and the extension host has plenty of its own; this wraps the global timer
// functions while a soak runs, keeps each live timer's creation stack (captured cheaply, formatted
// only when asked), and attributes a timer to Rill when a frame of that stack is in Rill's code.
// Node's own fetch (undici) keeps its timers inside Node's internals: its sockets are counted
// separately (the fake server's open connections).

export interface LiveTimer {
  readonly kind: 'timeout' | 'interval';
  readonly delayMs: number;
  /** The first frames of the creation stack that are in Rill's code. */
  readonly where: string;
}

export interface TimerTracker {
  /** Timers created since `start` that have neither fired (timeouts) nor been cleared. */
  live(): LiveTimer[];
  /** How many timers were created since `start` (all code, not only Rill's). */
  readonly created: number;
  stop(): void;
}

type TimerFn = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => NodeJS.Timeout;
type ClearFn = (timer: NodeJS.Timeout | string | number | undefined) => void;

interface Entry {
  readonly kind: LiveTimer['kind'];
  readonly delayMs: number;
  readonly trace: Error;
}

/**
 * `isRill(frame)`: whether a stack frame (one line of `Error.stack`) is Rill's code. Source maps
 * should be on (`process.setSourceMapsEnabled(true)`) so that bundled frames name their sources.
 */
export function trackTimers(isRill: (frame: string) => boolean): TimerTracker {
  const g = globalThis as unknown as Record<'setTimeout' | 'setInterval', TimerFn> & Record<'clearTimeout' | 'clearInterval', ClearFn>;
  const original = { setTimeout: g.setTimeout, setInterval: g.setInterval, clearTimeout: g.clearTimeout, clearInterval: g.clearInterval };
  const live = new Map<NodeJS.Timeout, Entry>();
  let created = 0;

  const forget = (timer: NodeJS.Timeout | string | number | undefined) => {
    if (timer === undefined) return;
    if (typeof timer === 'object') {
      live.delete(timer);
      return;
    }
    // Cleared by its numeric id (`+timer`): find the object it belongs to.
    for (const t of live.keys()) if (Number(t) === Number(timer)) live.delete(t);
  };

  const wrap = (kind: LiveTimer['kind'], create: TimerFn): TimerFn => {
    const wrapped: TimerFn = (callback, ms, ...args) => {
      created++;
      const trace = new Error('timer created');
      let timer: NodeJS.Timeout | undefined;
      const run = (...a: unknown[]) => {
        if (kind === 'timeout' && timer) live.delete(timer);
        callback(...a);
      };
      timer = create(run, ms, ...args);
      live.set(timer, { kind, delayMs: ms ?? 0, trace });
      return timer;
    };
    // Keeps util.promisify(setTimeout) and friends working.
    Object.assign(wrapped, create);
    return wrapped;
  };

  g.setTimeout = wrap('timeout', original.setTimeout);
  g.setInterval = wrap('interval', original.setInterval);
  g.clearTimeout = (t) => {
    forget(t);
    original.clearTimeout(t);
  };
  g.clearInterval = (t) => {
    forget(t);
    original.clearInterval(t);
  };

  return {
    get created() {
      return created;
    },
    live() {
      const found: LiveTimer[] = [];
      for (const [timer, entry] of live) {
        if (!isPending(timer)) continue;
        const frames = (entry.trace.stack ?? '').split('\n').slice(1).filter(isRill);
        if (frames.length === 0) continue;
        found.push({ kind: entry.kind, delayMs: entry.delayMs, where: frames.slice(0, 3).map((f) => f.trim()).join(' < ') });
      }
      return found;
    },
    stop() {
      Object.assign(g, original);
      live.clear();
    },
  };
}

/** Node marks a timer that ran (and was not refreshed) or was cleared as destroyed. */
function isPending(timer: NodeJS.Timeout): boolean {
  return (timer as unknown as { _destroyed?: boolean })._destroyed !== true;
}
