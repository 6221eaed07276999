// Which links from a model's answer Rill opens: http and https only, with no user name or password
// in them (`https://trusted.example@evil.example/` is a phishing trick). Every link a model writes
// is text an attacker may have chosen, so a refusal says why, in words a user can act on.
//
// Who asks before a link opens: VS Code's own link protection asks for every web address outside
// the user's trusted domains, but opens addresses on this machine without asking. A model's link
// to a local server (an admin page, a dev server's "delete" route) gets Rill's own prompt.
import { safeExternalUrl } from './validateMessage';

export type LinkDecision = { readonly url: URL; readonly local: boolean } | { readonly refused: string };

export function checkModelLink(href: string): LinkDecision {
  const url = safeExternalUrl(href);
  if (url) return { url, local: isThisMachine(url) };
  let parsed: URL | undefined;
  try {
    parsed = new URL(href);
  } catch {
    parsed = undefined;
  }
  if (!parsed) return { refused: 'it is not a complete web address.' };
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { refused: `only http and https links open from an answer, and this one is ${parsed.protocol}.` };
  return { refused: `it has a user name or password before the host (${parsed.host}), a common way to disguise where a link goes.` };
}

/** localhost (and its subdomains), 127.0.0.0/8, ::1 and 0.0.0.0: what VS Code opens without asking. */
export function isThisMachine(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]' || host === '0.0.0.0';
}
