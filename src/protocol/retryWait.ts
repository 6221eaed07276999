// The waits a server asks for (Retry-After), as the reader sees them counted down: the note of an
// answer waiting to be asked again, and when Retry can work again. Shared by the host, which
// knows the wait, and the chat page, which counts it down once a second, so both say it alike.

/** "44 s", "5 min", "2 h": what is left of a wait, rounded up (never "0 s" while it lasts). */
export function describeLeft(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 120) return `${s} s`;
  const min = Math.ceil(s / 60);
  if (min < 120) return `${min} min`;
  return `${Math.ceil(min / 60)} h`;
}

/** What the reader sees while the request waits `leftMs` more to be asked again; `why` is the failure. */
export function retryingNote(why: string, leftMs: number): string {
  return leftMs > 0 ? `${why}; asking again in ${describeLeft(leftMs)}…` : `${why}; asking again…`;
}

/**
 * When a countdown showing `leftMs` should tick next: just past the next whole second left (what
 * the reader sees changes then), or the end. Past it by a millisecond: a timer may fire a little
 * before the clock (coarsened in a browser) reaches its time, and a tick there would show the same
 * second again.
 */
export function nextTickMs(leftMs: number): number {
  return leftMs - (Math.ceil(leftMs / 1000) - 1) * 1000 + 1;
}

/** Why Retry is not offered yet: the server asked not to be asked again for `leftMs`. */
export function retryRefusedFor(leftMs: number): string {
  return `The server asked to wait before asking again: Retry in ${describeLeft(leftMs)}.`;
}
