// Asks each server once per model, not on every request: reports are kept per provider, server
// root, model and credentials (key and headers) until `clear()` (settings changed) or `forget()`
// (the server refused a request sent the way it had reported: a local server restarted with another
// model). A server that could not be reached is asked again after a while (it may have been started since), never more often.
import { createHash } from 'node:crypto';
import { type Clock, systemClock } from '../base/clock';
import { chooseFim, type FimChoice, fixedFimChoice, shouldProbe } from './fimChoice';
import { endpointUrls } from './endpointUrls';
import { probeServer, type ProbeTarget, type ServerReport } from './serverCapabilities';
import type { FimMode } from './types';

/** How long an unreachable server's report stands before it is asked again. */
export const UNREACHABLE_RETRY_MS = 30_000;

export type Probe = (target: ProbeTarget, signal?: AbortSignal) => Promise<ServerReport>;

interface Entry {
  readonly report: Promise<ServerReport>;
  readonly at: number;
  settled?: ServerReport;
}

export class ServerCapabilities {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly probe: Probe = probeServer,
    private readonly clock: Pick<Clock, 'now'> = systemClock,
  ) {}

  /** What the server reports for this endpoint; asked at most once per server and model. */
  report(target: ProbeTarget): Promise<ServerReport> {
    const key = keyOf(target);
    const now = this.clock.now();
    const cached = this.entries.get(key);
    if (cached && !(cached.settled && !cached.settled.reachable && now - cached.at >= UNREACHABLE_RETRY_MS)) return cached.report;
    // Not tied to any caller's signal: several callers share the answer, and the probe bounds its own time.
    const entry: Entry = { report: this.probe(target), at: now };
    void entry.report.then((r) => (entry.settled = r));
    this.entries.set(key, entry);
    return entry.report;
  }

  /** How fill-in-the-middle is sent to this endpoint (the server is asked only in `auto`). */
  async fimChoice(target: ProbeTarget & { readonly fimMode?: FimMode; readonly fimModeFrom?: string }): Promise<FimChoice> {
    if (!shouldProbe(target)) return fixedFimChoice(target);
    return chooseFim(target, await this.report(target));
  }

  /** The server's slot count (llama.cpp's total_slots), or undefined when it does not report one. */
  async totalSlots(target: ProbeTarget): Promise<number | undefined> {
    const report = await this.report(target);
    return report.kind === 'llamacpp' ? report.totalSlots : undefined;
  }

  /** What the server reported no longer holds (it refused a request sent that way): ask again next time. */
  forget(target: ProbeTarget): void {
    this.entries.delete(keyOf(target));
  }

  /** Settings changed: ask again next time. */
  clear(): void {
    this.entries.clear();
  }
}

function keyOf(target: ProbeTarget): string {
  return `${target.provider} ${endpointUrls(target.provider, target.baseUrl).root} ${target.model} ${credentials(target)}`;
}

/**
 * What the request carries that can change the server's answer (a server behind auth refuses a probe
 * without the key): a digest, so that no key is kept as text in the cache. A provider built before a
 * key change and still asking (a request that was already under way) thus fills an entry of its own
 * instead of the one the new key's provider reads.
 */
function credentials(target: ProbeTarget): string {
  if (!target.apiKey && !target.headers) return '-';
  return createHash('sha256').update(JSON.stringify([target.apiKey ?? null, target.headers ?? null])).digest('base64url').slice(0, 22);
}
