// The fetch every adapter uses when the network needs more than Node's defaults: a proxy
// (VS Code's `http.proxy` or HTTPS_PROXY / HTTP_PROXY, honouring NO_PROXY) and extra trusted
// certificate authorities. undici's own fetch with an explicit dispatcher keeps abort semantics:
// aborting a request still closes its socket at once.
import { rootCertificates } from 'node:tls';
import { Agent, type Dispatcher, ProxyAgent, fetch as undiciFetch } from 'undici';

export interface NetworkOptions {
  /** Proxy URL for https targets (and http ones when `httpProxy` is not given). */
  readonly proxy?: string;
  readonly httpProxy?: string;
  /** Comma-separated hosts, domains (".corp" or "corp") or "*" that bypass the proxy. */
  readonly noProxy?: string;
  /** The Proxy-Authorization header's value for every proxy (VS Code's `http.proxyAuthorization`). */
  readonly proxyAuthorization?: string;
  /** PEM certificates trusted in addition to Node's own (`rill.network.caCertificates`). */
  readonly extraCa?: readonly string[];
  /**
   * The operating system's trusted certificates (VS Code's `http.systemCertificates`), where a
   * company installs its root CA. Trusted whenever Rill makes its own connections (a proxy, extra
   * CAs); they alone do not make it: VS Code's own fetch, used then, trusts them already.
   */
  readonly systemCa?: readonly string[];
  /** false accepts any certificate (VS Code's `http.proxyStrictSSL: false`). */
  readonly strictSSL: boolean;
}

export interface NetworkFetch {
  readonly fetch: typeof fetch;
  /** Whether requests to `url` go through a proxy (http.proxy and http.noProxy applied). */
  viaProxy(url: string): boolean;
  /** Closes pooled connections. */
  close(): Promise<void>;
}

/** undefined when Node's defaults suffice (no proxy, no extra CA, strict TLS). */
export function createNetworkFetch(o: NetworkOptions): NetworkFetch | undefined {
  if (!o.proxy && !o.httpProxy && !o.extraCa?.length && o.strictSSL) return undefined;
  const added = [...(o.systemCa ?? []), ...(o.extraCa ?? [])];
  const tls = {
    ...(added.length ? { ca: [...rootCertificates, ...added] } : {}),
    rejectUnauthorized: o.strictSSL,
  };
  const direct = new Agent({ connect: tls });
  const proxies = new Map<string, ProxyAgent>();
  const proxyFor = (uri: string) => {
    let agent = proxies.get(uri);
    if (!agent) {
      agent = new ProxyAgent({ uri, requestTls: tls, proxyTls: tls, ...(o.proxyAuthorization ? { token: o.proxyAuthorization } : {}) });
      proxies.set(uri, agent);
    }
    return agent;
  };
  const proxyOf = (target: URL): string | undefined => {
    const proxy = target.protocol === 'http:' ? (o.httpProxy ?? o.proxy) : o.proxy;
    return !proxy || bypassesProxy(target.hostname, o.noProxy) ? undefined : proxy;
  };
  const dispatcherFor = (target: URL): Dispatcher => {
    const proxy = proxyOf(target);
    return proxy ? proxyFor(proxy) : direct;
  };
  const networkFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const options = { ...(init as object), dispatcher: dispatcherFor(url) } as Parameters<typeof undiciFetch>[1];
    return undiciFetch(input as Parameters<typeof undiciFetch>[0], options) as unknown as Promise<Response>;
  };
  return {
    fetch: networkFetch as typeof fetch,
    viaProxy: (url) => {
      try {
        return proxyOf(new URL(url)) !== undefined;
      } catch {
        return false;
      }
    },
    async close() {
      await Promise.all([direct.close(), ...[...proxies.values()].map((p) => p.close())]);
    },
  };
}

/** NO_PROXY semantics as curl has them: exact host, domain suffix, or "*". */
export function bypassesProxy(host: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  return noProxy
    .split(/[\s,]+/)
    .map((entry) => withoutPort(entry.trim().toLowerCase()))
    .filter(Boolean)
    .some((entry) => entry === '*' || name === entry.replace(/^\./, '') || name.endsWith(entry.startsWith('.') ? entry : `.${entry}`));
}

/** `host:port`, `[v6]:port` and `[v6]` give the host; a bare IPv6 address (`::1`) has no port. */
function withoutPort(entry: string): string {
  if (entry.startsWith('[')) return entry.replace(/^\[([^\]]*)\](?::\d+)?$/, '$1');
  return entry.indexOf(':') === entry.lastIndexOf(':') ? entry.replace(/:\d+$/, '') : entry;
}
