// A connection lost through a proxy after a long silence is most likely the proxy's idle timeout
// (30-120 s on many company proxies), not a passing fault: a reasoning model that thinks before it
// writes sends nothing for that long. Said as such, with what to ask for, and not retried: a second
// attempt thinks as long again (and is billed again) and is cut at the same point.
import { LlmError } from './errors';

/** A silence this long before a lost connection points at the proxy's idle timeout. */
export const PROXY_IDLE_SILENCE_MS = 15_000;

/** `error` with the proxy's idle timeout named, when it is one; else `error` itself. */
export function proxyIdleCut(error: LlmError, silentMs: number, viaProxy: boolean | undefined): LlmError {
  if (!viaProxy || error.kind !== 'network' || error.lasting || silentMs < PROXY_IDLE_SILENCE_MS) return error;
  const seconds = Math.round(silentMs / 1000);
  return new LlmError(
    'network',
    `${error.message} It was cut after ${seconds} s in which the model sent nothing, through the proxy in http.proxy: a proxy that closes connections idle that long cuts a model that thinks before it writes. Ask for a longer idle timeout for this host on the proxy, or add the host to http.noProxy if it need not go through the proxy.`,
    { status: error.status, cause: error.cause, lasting: true },
  );
}
