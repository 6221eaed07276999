// How long a server asked us to wait, from `retry-after-ms` (OpenAI, Azure) or `retry-after`
// (seconds or an HTTP date); for a rate limit without either, from OpenAI's `x-ratelimit-reset-*`.

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

/**
 * When a rate limit that said no Retry-After is whole again, from OpenAI's headers (its rate-limit
 * guide): `x-ratelimit-reset-requests` / `x-ratelimit-reset-tokens` in Go's duration form ("1s",
 * "6m0s", "20ms"). The limit used up (`x-ratelimit-remaining-*` at 0) is the one to wait for; with
 * requests left, the request was refused for its tokens.
 */
export function rateLimitResetMs(headers: HeaderSource | undefined): number | undefined {
  if (!headers) return undefined;
  const spent = (['requests', 'tokens'] as const).filter((limit) => headers.get(`x-ratelimit-remaining-${limit}`)?.trim() === '0');
  const waits = (spent.length ? spent : (['tokens'] as const)).map((limit) => goDuration(headers.get(`x-ratelimit-reset-${limit}`)));
  const known = waits.filter((ms): ms is number => ms !== undefined);
  return known.length ? Math.max(...known) : undefined;
}

const DURATION_PART = /(\d+(?:\.\d+)?)(h|ms|m|s)/g;
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** "1h2m3.5s", "6m0s", "20ms" in milliseconds; undefined for anything else. */
function goDuration(text: string | null): number | undefined {
  const value = text?.trim() ?? '';
  if (!/^(\d+(\.\d+)?(h|ms|m|s))+$/.test(value)) return undefined;
  let ms = 0;
  for (const [, amount, unit] of value.matchAll(DURATION_PART)) ms += Number(amount) * (UNIT_MS[unit ?? 's'] ?? 1000);
  return Math.round(ms);
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
