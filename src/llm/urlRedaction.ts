// A server's URL as Rill shows it: in error messages (the chat panel, the status bar, the log,
// the errors other extensions get from Rill's models) and in Show Last Completion Prompt. A user
// may have put a credential in the base URL (`https://user:password@proxy/v1`,
// `…/v1?api-key=…`); it is replaced by •••• there. The text is changed in place, not parsed and
// re-serialised, so a URL without a credential reads exactly as it was written.

const MASK = '••••';

/** Query parameters whose value is taken for a credential. */
const SECRET_PARAM = /key|token|secret|passw|pwd|auth|sig|credential|session|code/i;

/** `scheme://userinfo@`: the credentials part of an authority. */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s]+)@/i;

/** `?name=value` / `&name=value` pairs (`;` too), up to the next pair or fragment. */
const QUERY_PAIR = /([?&;])([^=&;#?\s]+)=([^&;#\s]*)/g;

/** The URL with its user name, password and credential-like query values masked. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const head = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : url.slice(queryAt);
  const maskedHead = head.replace(USERINFO, `$1${MASK}@`);
  const maskedQuery = query.replace(QUERY_PAIR, (pair, separator: string, name: string, value: string) =>
    value !== '' && SECRET_PARAM.test(name) ? `${separator}${name}=${MASK}` : pair,
  );
  return maskedHead + maskedQuery;
}

/**
 * The credentials in a URL, as text to mask wherever it might show up (the log masks them in
 * whatever a server or library echoes back): the user information, its parts, and the values of
 * credential-like query parameters, each as written and decoded.
 */
export function urlSecrets(url: string): string[] {
  const found = new Set<string>();
  const add = (value: string): void => {
    for (const text of [value, decoded(value)]) if (text.length >= 4) found.add(text);
  };
  const queryAt = url.indexOf('?');
  const userinfo = USERINFO.exec(queryAt < 0 ? url : url.slice(0, queryAt))?.[2];
  if (userinfo) {
    add(userinfo);
    for (const part of userinfo.split(':')) add(part);
  }
  if (queryAt >= 0) {
    for (const [, , name, value] of url.slice(queryAt).matchAll(QUERY_PAIR)) if (name && value && SECRET_PARAM.test(name)) add(value);
  }
  return [...found];
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Header names whose value is taken for a credential (Authorization, x-api-key, api-key, Cookie, …). */
const SECRET_HEADER = /auth|key|token|secret|cookie|passw|session|signature|credential/i;

/** The values of the headers that carry a credential, to be masked like the key. */
export function headerSecrets(headers: Readonly<Record<string, string>> | undefined): string[] {
  const found = new Set<string>();
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (typeof value !== 'string' || !SECRET_HEADER.test(name)) continue;
    const trimmed = value.trim();
    if (trimmed.length >= 4) found.add(trimmed);
    // `Bearer <token>`, `Basic <…>`: the token alone may be echoed too.
    const token = /^\S+\s+(\S{4,})$/.exec(trimmed)?.[1];
    if (token) found.add(token);
  }
  return [...found];
}
