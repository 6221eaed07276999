// Where Rill's requests go, from VS Code's proxy settings and the usual environment variables:
// `http.proxy` wins over the environment; from the environment, https targets use HTTPS_PROXY
// (else HTTP_PROXY) and http targets HTTP_PROXY only, as curl and undici have it; NO_PROXY and
// `http.noProxy` both apply. Pure: the settings and the environment come in as values.
import type { NetworkOptions } from './networkFetch';

/** VS Code's settings, as the user set them. */
export interface ProxySettings {
  /** `http.proxy` ('' when unset). */
  readonly proxy: string;
  /** `http.noProxy`. */
  readonly noProxy: readonly string[];
  /** `http.proxyStrictSSL`. */
  readonly strictSSL: boolean;
  /** `http.proxyAuthorization` ('' or absent when unset): sent to the proxy as Proxy-Authorization. */
  readonly proxyAuthorization?: string;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** `extraCa`: the PEM text of the extra certificate authorities. */
export function networkOptions(settings: ProxySettings, env: Environment, extraCa: readonly string[] = []): NetworkOptions {
  const setting = proxyUrl(settings.proxy);
  const httpProxy = setting ?? proxyUrl(env.http_proxy ?? env.HTTP_PROXY);
  const proxy = setting ?? proxyUrl(env.https_proxy ?? env.HTTPS_PROXY) ?? httpProxy;
  const noProxy = [...settings.noProxy, env.no_proxy ?? env.NO_PROXY ?? '']
    .map((entry) => entry.trim())
    .filter(Boolean)
    .join(',');
  return {
    ...(proxy ? { proxy } : {}),
    // '' (not undefined): http targets go direct rather than through the https proxy.
    ...(proxy ? { httpProxy: httpProxy ?? '' } : {}),
    ...(noProxy ? { noProxy } : {}),
    ...(proxy && settings.proxyAuthorization?.trim() ? { proxyAuthorization: settings.proxyAuthorization.trim() } : {}),
    extraCa,
    strictSSL: settings.strictSSL,
  };
}

/** A proxy as the environment often spells it (`proxy.corp:8080`) gets the http scheme it means. */
function proxyUrl(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
}
