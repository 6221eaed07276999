// What the fake server keeps of a request's credentials: not the value (records are written to the
// test artifacts), but a fingerprint a test can compare with the key it expects to have been sent.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Headers that carry a key; recorded as "<redacted>", fingerprinted in `credentials`. */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'api-key']);

/** `sha256:<hex>` of a header value, e.g. of `Bearer sk-…` or of an Anthropic key. */
export function credentialFingerprint(value: string): string {
  return `sha256:${createHash('sha256').update(value, 'utf8').digest('hex')}`;
}

/** The fingerprint of each credential header the request carried, by lower-case name. */
export function recordedCredentials(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || !CREDENTIAL_HEADERS.has(name)) continue;
    out[name] = credentialFingerprint(Array.isArray(value) ? value.join(', ') : value);
  }
  return out;
}
