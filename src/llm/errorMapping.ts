// Turns whatever an SDK or fetch threw into an LlmError with a message the user can act on.
// Server messages are quoted only after trimming and masking anything that looks like a key.
import { azureDeploymentOf } from './endpointUrls';
import { LlmError, type LlmErrorKind } from './errors';
import { describeWait, type HeaderSource, rateLimitResetMs, retryAfterMs } from './retryAfter';

/** What the messages need to know about the endpoint. */
export interface ErrorContext {
  /** "OpenAI", "Anthropic", "the server at http://127.0.0.1:11434/v1"... */
  readonly who: string;
  readonly model: string;
  readonly baseUrl: string;
  /** Provider name as shown by "Rill: Set API Key…". */
  readonly keyLabel: string;
  readonly keyEnv?: string;
  readonly hasKey: boolean;
  /** The key sent is the one stored with Set API Key…: the environment variable would not replace it. */
  readonly keyStored?: boolean;
  /** Whether the request was a fill-in-the-middle completion. */
  readonly fim?: boolean;
  /** The key in use and any other credential (in the base URL, in headers): masked out of anything a server echoes back. */
  readonly secrets?: readonly string[];
  /** Said when the key is refused: the key looks like another provider's (see keyShape.ts). */
  readonly keyHint?: string;
  /** The hosted provider's own URL, which the user did not type: a failed lookup is the network's, not a typo. */
  readonly officialUrl?: boolean;
  /** The local server Rill points at by default ("Ollama", "a llama.cpp server"), when the URL is its default one. */
  readonly defaultLocalServer?: string;
  /** Requests go through a proxy (`http.proxy`). */
  readonly viaProxy?: boolean;
  /** A header of the user's carries the gateway's own key (`${gatewayKey}`): a 401 may be about either key. */
  readonly gatewayKey?: boolean;
}

/** The shape shared by both SDKs' APIError (status, headers, parsed error body). */
interface ApiErrorLike {
  readonly status?: number;
  readonly headers?: HeaderSource;
  readonly error?: unknown;
  readonly message: string;
}

const CONTEXT_TOO_LONG = /context.{0,20}(length|window)|too long|maximum.{0,30}tokens|too many tokens|reduce the length|prompt is too long/i;
// Ollama's "does not support insert", vLLM's "suffix is not currently supported", llama.cpp's 501
// "Infill is not supported by this model".
const NO_INSERT = /does not support (insert|fim|suffix)|(suffix|insert|infill).{0,20}not supported/i;
const OVERLOADED = /overload/i;
/** OpenAI's `insufficient_quota` (a 429), Anthropic's `billing_error` (402), other servers' codes. */
const QUOTA_TYPE = /quota|billing|credit/i;
/** Anthropic says "Your credit balance is too low…" in a 400 invalid_request_error, and a spend limit also as a 400. */
const QUOTA_TEXT = /credit balance is too low|exceeded your (current )?quota|insufficient (quota|credits?|balance|funds)|purchase credits|specified API usage limits|spend(ing)? limit/i;

export function toLlmError(error: unknown, ctx: ErrorContext): LlmError {
  const mapped = mapError(error, ctx);
  // Longest first: a secret that contains another is masked whole.
  const present = [...(ctx.secrets ?? [])].filter((s) => s !== '' && mapped.message.includes(s)).sort((a, b) => b.length - a.length);
  if (present.length === 0) return mapped;
  const message = present.reduce((text, secret) => text.split(secret).join('••••'), mapped.message);
  return new LlmError(mapped.kind, message, { status: mapped.status, retryAfterMs: mapped.retryAfterMs, remedy: mapped.remedy, lasting: mapped.lasting });
}

function mapError(error: unknown, ctx: ErrorContext): LlmError {
  if (error instanceof LlmError) return error;
  if (isApiError(error)) return fromApiError(error, ctx);
  if (error instanceof SyntaxError) {
    return new LlmError('server', `${cap(ctx.who)} sent malformed data (invalid JSON in the event stream).`, { cause: error });
  }
  const code = networkCode(error);
  if (code !== undefined) return fromNetwork(code, ctx, error);
  const message = error instanceof Error ? error.message : String(error);
  return new LlmError('server', `${cap(ctx.who)} failed: ${quote(message)}`, { cause: error });
}

/** An HTTP error answered before any stream (used by the fetch-based adapters). */
export function fromStatus(status: number, body: string, headers: HeaderSource, ctx: ErrorContext): LlmError {
  return toLlmError(fromApiError({ status, headers, error: safeJson(body) ?? body, message: body }, ctx), ctx);
}

/** An error event inside a stream that had started (no HTTP status of its own). */
export function fromStreamError(body: unknown, ctx: ErrorContext): LlmError {
  const message = typeof body === 'object' && body !== null ? JSON.stringify(body) : String(body);
  return toLlmError(fromApiError({ status: undefined, headers: undefined, error: body, message }, ctx), ctx);
}

function fromApiError(e: ApiErrorLike, ctx: ErrorContext): LlmError {
  const status = e.status;
  const detail = serverMessage(e);
  const type = errorType(e);
  const wait = retryAfterMs(e.headers) ?? (status === 429 ? rateLimitResetMs(e.headers) : undefined);
  const http = status ? ` (HTTP ${status})` : '';
  const said = detail ? `: ${detail}` : '.';
  /** `said` as a whole sentence, for a message that goes on after it. */
  const saidSentence = detail && !/[.!?]$/.test(detail) ? `${said}.` : said;
  /** A server that says when to come back (429, and 502/503/504 from a proxy or a loading server). */
  const retryIn = wait !== undefined ? `Retry in ${describeWait(wait)}.` : undefined;
  const make = (kind: LlmErrorKind, message: string) =>
    new LlmError(kind, message, { status, retryAfterMs: wait, cause: e });

  // Out of quota or credit: no wait fixes it, so this is neither a rate limit nor a bad request.
  if (status === 402 || QUOTA_TYPE.test(type) || QUOTA_TEXT.test(detail)) {
    return new LlmError('quota', quotaMessage(ctx, http, saidSentence), { status, cause: e });
  }
  if (status === undefined) {
    // An error event inside a stream that had started (OpenAI `{"error":…}`, Anthropic `event: error`).
    if (OVERLOADED.test(type) || OVERLOADED.test(detail)) return make('overloaded', `${cap(ctx.who)} is overloaded and stopped the answer${saidSentence} Try again in a moment.`);
    if (/rate.?limit/i.test(type)) return make('rate-limited', `${cap(ctx.who)} stopped the answer: rate limited${said}`);
    return make('server', `${cap(ctx.who)} stopped the answer with an error${said}`);
  }
  if (status === 401 || (status === 403 && /key|auth/i.test(detail) && !ctx.hasKey)) {
    if (!ctx.hasKey) return noKeyError(ctx, http, { status, retryAfterMs: wait, cause: e });
    const hint = ctx.keyHint ? ` ${ctx.keyHint}` : '';
    if (ctx.gatewayKey) {
      return make(
        'auth',
        `${cap(ctx.who)} refused a key${http}${saidSentence} It is the API key for ${ctx.keyLabel} or the gateway key your rill.*.headers send: set a valid one with "Rill: Set API Key…" or "Rill: Set Gateway Key…".${hint}`,
      );
    }
    // A stored key wins over the environment's: setting the variable would change nothing.
    return make('auth', `${cap(ctx.who)} rejected the API key for ${ctx.keyLabel}${http}.${hint} Set a valid key with "Rill: Set API Key…"${ctx.keyStored ? ', which replaces the one stored' : envHint(ctx)}.`);
  }
  if (status === 403) return make('auth', `${cap(ctx.who)} refused access${http}${saidSentence} Check that your key may use model "${ctx.model}".`);
  if (status === 429) {
    return make('rate-limited', `${cap(ctx.who)} is rate limiting requests${http}. ${retryIn ?? 'Retry in a few seconds.'}${detail ? ` (${detail})` : ''}`);
  }
  if (status === 529 || (status === 503 && OVERLOADED.test(`${type} ${detail}`))) {
    return make('overloaded', `${cap(ctx.who)} is overloaded${http}. ${retryIn ?? 'Try again in a moment.'}`);
  }
  if (status === 404 || NO_INSERT.test(detail)) {
    if (NO_INSERT.test(detail)) {
      return make('not-found', `Model "${ctx.model}" cannot fill in the middle${http}${saidSentence} Set "rill.completion.fimMode" to "chat" or choose a code model.`);
    }
    const role = ctx.fim ? 'completion' : 'chat';
    const deployment = azureDeploymentOf(ctx.baseUrl);
    if (deployment !== undefined) {
      // On a classic Azure URL the deployment picks the model: the model setting is not what to check.
      return make(
        'not-found',
        `The deployment "${deployment}" was not found at ${ctx.baseUrl}${http}${saidSentence} On an Azure deployment URL the deployment picks the model, not "rill.${role}.model": check the deployment's name in "rill.${role}.baseUrl" (Azure's portal lists them).`,
      );
    }
    return make(
      'not-found',
      `Model "${ctx.model}" or its endpoint was not found at ${ctx.baseUrl}${http}${saidSentence} Check the model name and base URL in Rill's settings ("rill.${role}.model", "rill.${role}.baseUrl"), or pick a model the server has with "Rill: Select Model…".`,
    );
  }
  if (status === 408) return make('network', `${cap(ctx.who)} timed out waiting for the request${http}. Try again.`);
  if (status === 413 || ((status === 400 || status === 422) && CONTEXT_TOO_LONG.test(detail))) {
    return make('bad-request', `The prompt is too long for model "${ctx.model}"${http}${saidSentence} Send less: attach or select less text, or start a new chat (earlier questions and answers go with each one), or use a model with a larger context window.`);
  }
  if (status >= 400 && status < 500) return make('bad-request', `${cap(ctx.who)} rejected the request${http}${said}`);
  if (status === 503) return make('overloaded', `${cap(ctx.who)} is unavailable${http}${saidSentence} ${retryIn ?? 'Try again in a moment.'}`);
  return make('server', `${cap(ctx.who)} failed${http}${retryIn ? `${saidSentence} ${retryIn}` : said}`);
}

function quotaMessage(ctx: ErrorContext, http: string, saidSentence: string): string {
  return (
    `${cap(ctx.who)} refused the request: the account's quota, credit or spending limit is used up${http}${saidSentence} ` +
    `Retrying will not help: add credit or raise the limit in the plan and billing settings of the account your ${ctx.keyLabel} key belongs to, ` +
    `or choose another provider ("Rill: Choose Provider…").`
  );
}

function fromNetwork(code: string, ctx: ErrorContext, cause: unknown): LlmError {
  const reason: Record<string, string> = {
    ECONNREFUSED: 'connection refused: is the server running?',
    ENOTFOUND: 'host not found: check the base URL',
    EAI_AGAIN: 'host name lookup failed: check your network',
    ECONNRESET: 'the connection was reset',
    EPIPE: 'the connection was closed',
    ETIMEDOUT: 'the connection timed out',
    UND_ERR_SOCKET: 'the server closed the connection',
    UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
    TIMEOUT: 'the request timed out',
    TERMINATED: 'the connection was lost mid-answer',
    CERT: 'the server certificate was not accepted: check the proxy settings, or add your company\'s CA to rill.network.caCertificates',
  };
  const lookupFailed = code === 'ENOTFOUND' || code === 'EAI_AGAIN';
  const text =
    lookupFailed && ctx.officialUrl
      ? 'host not found: check your network connection, or the proxy (http.proxy)'
      : ((code === 'CERT' ? certificateProblem(cause) : undefined) ?? reason[code] ?? proxyRefusal(code) ?? `network error ${code}`);
  if (code === 'ECONNREFUSED' && ctx.defaultLocalServer) {
    // A new user who never chose a provider meets this first: say what the default is and the way out.
    return new LlmError(
      'network',
      `Could not complete the request to ${ctx.baseUrl}: connection refused. Rill's default server is ${ctx.defaultLocalServer} on this machine, and none is running there: start it, or pick another provider with "Rill: Choose Provider…".`,
      { cause, remedy: 'chooseProvider' },
    );
  }
  // "is the server running?" ends a sentence already.
  const end = text.endsWith('?') ? '' : '.';
  // A certificate or a proxy's refusal stays until a setting changes: asking again only delays the message
  // (and sends wrong proxy credentials again, which some proxies count towards locking the account).
  const lasting = code === 'CERT' || code.startsWith('PROXY_');
  return new LlmError('network', `Could not complete the request to ${ctx.baseUrl}: ${text}${end}`, { cause, ...(lasting ? { lasting } : {}) });
}

const ADD_CA = 'add its PEM file to rill.network.caCertificates in your user settings';

/** Node's TLS verification codes, said with what to do about each. */
const CERTIFICATE_PROBLEMS: Record<string, string> = {
  CERT_HAS_EXPIRED: "the server's certificate has expired (or this machine's clock is wrong): the server's certificate must be renewed; trusting another CA will not help",
  CERT_NOT_YET_VALID: "the server's certificate is not valid yet (or this machine's clock is wrong): check the clock",
  ERR_TLS_CERT_ALTNAME_INVALID:
    "the server's certificate is for another host name than the base URL's: use the host name the certificate names in the base URL (an IP address or a short name often differs from it)",
  DEPTH_ZERO_SELF_SIGNED_CERT: `the server's certificate is self-signed: to trust it, ${ADD_CA}`,
  SELF_SIGNED_CERT_IN_CHAIN: `the server's certificate comes from a certificate authority this machine does not trust (a company root CA, or a proxy that inspects TLS): ${ADD_CA}`,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: `the server's certificate comes from a certificate authority this machine does not trust (a company root CA, or a proxy that inspects TLS): ${ADD_CA}`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    `the server's certificate could not be traced to a trusted certificate authority (the server may leave out its intermediate certificate, or its CA is a company one): add the CA's or the intermediate's PEM file to rill.network.caCertificates in your user settings`,
};

/** What is wrong with a refused certificate and what to set, from the TLS error's code in the cause chain. */
function certificateProblem(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 6 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CERTIFICATE_PROBLEMS[code]) return CERTIFICATE_PROBLEMS[code];
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A proxy that answered CONNECT with another status than 200 (`PROXY_407`): what to set. */
function proxyRefusal(code: string): string | undefined {
  const status = /^PROXY_(\d{3})$/.exec(code)?.[1];
  if (!status) return undefined;
  if (status === '407') {
    return (
      'the proxy asked for credentials (HTTP 407 Proxy Authentication Required): set http.proxyAuthorization ' +
      '(e.g. "Basic " and the base64 of user:password) in your user settings, or put user:password@ in http.proxy'
    );
  }
  return `the proxy refused to connect to the server (HTTP ${status}): check http.proxy and http.noProxy, or ask whoever runs the proxy to allow this host`;
}

function isApiError(e: unknown): e is ApiErrorLike {
  if (!(e instanceof Error)) return false;
  const name = e.constructor?.name ?? '';
  if (/Abort|Connection/.test(name)) return false;
  return 'status' in e && 'headers' in e && 'error' in e;
}

/** Finds a network error code in an error's cause chain (fetch wraps them as TypeError causes). */
export function networkCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 6 && e; depth++) {
    if (typeof e === 'object' && e !== null) {
      // undici's ProxyAgent: "Proxy response (407) !== 200 when HTTP Tunneling" (code UND_ERR_ABORTED).
      const proxyStatus = /^Proxy response \((\d{3})\)/.exec(String((e as { message?: unknown }).message ?? ''))?.[1];
      if (proxyStatus) return `PROXY_${proxyStatus}`;
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) {
        return code.includes('CERT') || code.startsWith('ERR_TLS') ? 'CERT' : code;
      }
      const message = (e as { message?: unknown }).message;
      const name = (e as { constructor?: { name?: string } }).constructor?.name ?? '';
      if (/Connection(Timeout)?Error/.test(name)) {
        if (/timed? ?out/i.test(String(message))) return 'TIMEOUT';
      }
      if (typeof message === 'string' && /^terminated$/i.test(message)) return 'TERMINATED';
      if (typeof message === 'string' && /certificate|self.signed/i.test(message)) return 'CERT';
      e = (e as { cause?: unknown }).cause;
    } else break;
  }
  const name = error instanceof Error ? error.constructor.name : '';
  if (/ConnectionError/.test(name) || (error instanceof TypeError && /fetch failed/.test(error.message))) return 'ECONNRESET';
  return undefined;
}

function serverMessage(e: ApiErrorLike): string {
  const body = e.error;
  let text = '';
  if (typeof body === 'string') text = looksLikeHtml(body) ? htmlPage(body) : body;
  else if (body && typeof body === 'object') {
    const inner = (body as { error?: unknown }).error;
    const source = inner && typeof inner === 'object' ? inner : body;
    // `detail`: the error body of gateways built on FastAPI ({"detail": "..."}).
    const { message, detail } = source as { message?: unknown; detail?: unknown };
    if (typeof message === 'string') text = message;
    else if (typeof inner === 'string') text = inner;
    else if (typeof detail === 'string') text = detail;
  }
  if (!text) text = e.message.replace(/^\d{3}\s*/, '');
  if (looksLikeHtml(text)) text = htmlPage(text);
  return quote(text);
}

function errorType(e: ApiErrorLike): string {
  const body = e.error;
  if (!body || typeof body !== 'object') return '';
  const inner = (body as { error?: unknown }).error;
  const source = inner && typeof inner === 'object' ? inner : body;
  // Both: OpenAI's `insufficient_quota` may come as the code alone, beside a generic type.
  const { type, code } = source as { type?: unknown; code?: unknown };
  return [type, code].filter((v): v is string => typeof v === 'string').join(' ');
}

/** A server's words, made safe to show: one line, bounded, no control chars, no key-like tokens. */
export function quote(text: string): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/\b(sk-[A-Za-z0-9_-]{4})[A-Za-z0-9_-]{8,}/g, '$1…')
    .replace(/\b(Bearer\s+)\S+/gi, '$1…')
    .trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

/** An HTML error page (a proxy's or gateway's 502), named by its title: which one answered, and what it said. */
function htmlPage(html: string): string {
  const title = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(html)?.[1]?.replace(/\s+/g, ' ').trim();
  return `the server answered with an HTML page, not JSON${title ? ` (its title: "${title}")` : ''}`;
}

function looksLikeHtml(text: string): boolean {
  return /^\s*<(!doctype|html|head|body)/i.test(text) || /<html[\s>]/i.test(text);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** No key for the provider: which key, and how to set it. `http`: the status that told, if a server did. */
export function noKeyError(ctx: ErrorContext, http = '', options?: ConstructorParameters<typeof LlmError>[2]): LlmError {
  return new LlmError('auth', `No API key for ${ctx.keyLabel}${http}. Set one with "Rill: Set API Key…"${envHint(ctx)}.`, options);
}

/** A header of the user's writes `${gatewayKey}` and no gateway key is stored: nothing is sent. */
export function noGatewayKeyError(ctx: ErrorContext): LlmError {
  return new LlmError(
    'bad-request',
    `No gateway key for ${ctx.keyLabel}: a value in your rill.*.headers writes \${gatewayKey}, and none is stored. Set it with "Rill: Set Gateway Key…" (kept in VS Code's secret storage), or take \${gatewayKey} out of the headers. Nothing was sent.`,
  );
}

function envHint(ctx: ErrorContext): string {
  return ctx.keyEnv ? ` or the ${ctx.keyEnv} environment variable` : '';
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
