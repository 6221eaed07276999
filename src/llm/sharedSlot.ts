// One slot, one stream. A local model server often runs one request at a time (llama.cpp's
// default, Ollama with one parallel request): while a chat answer streams from it, a completion
// request either queues behind the answer (and is useless when it finally returns) or takes the
// slot and stalls the answer. This rule says when completion must wait for chat. Pure.
import { endpointUrls } from './endpointUrls';
import type { ProviderKind } from './types';

export interface SlotEndpoint {
  readonly provider: ProviderKind;
  /** Empty or undefined: the provider's default URL. */
  readonly baseUrl?: string;
}

export interface SlotInputs {
  readonly completion: SlotEndpoint;
  readonly chat: SlotEndpoint;
  /** What the completion server reports (llama.cpp `/props` `total_slots`), when it does. */
  readonly reportedSlots?: number;
  /** `rill.localServer.slots`: what a local server that reports nothing is assumed to run at once. */
  readonly configuredSlots: number;
}

/** Why completion waits, or undefined when it need not. */
export type SlotVerdict = { readonly waits: true; readonly slots: number; readonly server: string } | { readonly waits: false };

/** Whether completion must send nothing while a chat answer (or Generate) streams. */
export function completionWaitsForChat(inputs: SlotInputs): SlotVerdict {
  const completion = serverOf(inputs.completion);
  if (completion === undefined || completion !== serverOf(inputs.chat)) return { waits: false };
  // A hosted API runs many requests at once; a local server what it says, else what it is set to.
  const slots = inputs.reportedSlots ?? (isLocalServer(completion) ? inputs.configuredSlots : Infinity);
  return slots <= 1 ? { waits: true, slots, server: completion } : { waits: false };
}

export interface StreamLimitInputs {
  readonly completion: SlotEndpoint;
  /** What the completion server reports (llama.cpp `/props` `total_slots`), when it does. */
  readonly reportedSlots?: number;
  readonly configuredSlots: number;
}

/**
 * How many completion streams may be live at once: one where the server runs one request at a
 * time (a second stream would only queue behind the first, which the user's typing may already
 * have made useless), else two. A llama.cpp server gets one whatever it reports: Rill pins its
 * completions to one slot when it has several. Whether the server is llama.cpp is known from the
 * provider setting or from what it reported (`/props`), since it is often set up as OpenAI-compatible.
 */
export function completionStreamLimit(inputs: StreamLimitInputs & { readonly llamacpp?: boolean }): 1 | 2 {
  if (inputs.completion.provider === 'llamacpp' || inputs.llamacpp) return 1;
  const server = serverOf(inputs.completion);
  const slots = inputs.reportedSlots ?? (server !== undefined && isLocalServer(server) ? inputs.configuredSlots : Infinity);
  return slots <= 1 ? 1 : 2;
}

/** The server an endpoint talks to: scheme, host and port (the same server serves /v1 and /infill). */
export function serverOf(endpoint: SlotEndpoint): string | undefined {
  try {
    const url = new URL(endpointUrls(endpoint.provider, endpoint.baseUrl).root);
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return `${url.protocol}//${canonicalHost(url.hostname)}:${port}`;
  } catch {
    return undefined;
  }
}

/** Loopback and private-network hosts: a machine of the user's, not a hosted API. */
export function isLocalServer(server: string): boolean {
  let host: string;
  try {
    host = new URL(server).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host === '::1') return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (!v4) return /^f[cd][0-9a-f]{2}:/i.test(host) || /^fe80:/i.test(host);
  const [a, b] = [Number(v4[1]), Number(v4[2])];
  return a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31) || (a === 169 && b === 254);
}

/** localhost and 127.0.0.1 are the same server. */
function canonicalHost(host: string): string {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h) ? '127.0.0.1' : h;
}
