// CPU-time figures of the chat bench from a Chrome trace. Wall-clock durations on a busy machine
// include the time the OS gave the CPU to other processes; a trace's thread time (`tdur`) does
// not, so these figures stay comparable between a quiet run and a loaded one.

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string; readonly detail?: string };
}

export interface TraceFigures {
  /** For each `rill-render` measure, in order: the answer's length and the CPU ms of its frame callback. */
  readonly renders: ReadonlyArray<readonly [chars: number, cpuMs: number]>;
  /** The most CPU time one task of the page's main thread took. */
  readonly longestTaskCpuMs: number;
  /** The longest one task of the page's main thread lasted, wall clock (what the Long Tasks API reports only above 50 ms). */
  readonly longestTaskWallMs: number;
}

/** The categories `traceFigures` reads. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];

export function traceFigures(trace: Buffer): TraceFigures {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = (e: TraceEvent): boolean => main.has(`${e.pid}:${e.tid}`);
  let longestTaskCpuMs = 0;
  let longestTaskWallMs = 0;
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || !onMain(e)) continue;
    longestTaskCpuMs = Math.max(longestTaskCpuMs, (e.tdur ?? 0) / 1000);
    longestTaskWallMs = Math.max(longestTaskWallMs, (e.dur ?? 0) / 1000);
  }
  // A render runs inside an animation frame callback; that callback's CPU time is its cost
  // (the measure itself forces the layout, so layout is inside it too).
  const frames = events.filter((e) => e.name === 'FireAnimationFrame' && e.ph === 'X' && onMain(e)).sort((a, b) => a.ts - b.ts);
  const measures = events.filter((e) => e.name === 'rill-render' && e.ph === 'b').sort((a, b) => a.ts - b.ts);
  const renders: Array<readonly [number, number]> = [];
  let f = 0;
  for (const m of measures) {
    while (f < frames.length && (frames[f]?.ts ?? 0) + (frames[f]?.dur ?? 0) < m.ts) f++;
    const frame = frames[f];
    if (!frame || frame.ts > m.ts) continue;
    const chars = Number((JSON.parse(m.args?.detail ?? '{}') as { chars?: number }).chars ?? Number.NaN);
    renders.push([chars, (frame.tdur ?? 0) / 1000]);
  }
  return { renders, longestTaskCpuMs, longestTaskWallMs };
}
