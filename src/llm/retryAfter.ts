// How long a server asked us to wait, from `retry-after-ms` (OpenAI, Azure) or `retry-after`
// (seconds or an HTTP date).

export interface HeaderSource {
  get(name: string): string | null;
}

export function retryAfterMs(headers: HeaderSource | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && /^\s*\d+(\.\d+)?\s*$/.test(raw)) return Math.round(seconds * 1000);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** "3 s", "5 min", "2 h": how a wait is told to a user. */
export function describeWait(ms: number): string {
  if (ms < 1000) return 'a second';
  const s = Math.ceil(ms / 1000);
  if (s < 120) return `${s} s`;
  const min = Math.ceil(s / 60);
  if (min < 120) return `${min} min`;
  return `${Math.ceil(min / 60)} h`;
}
