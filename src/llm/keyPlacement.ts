// Where the stored keys go. The provider's key: the provider's usual header (the SDKs'
// `Authorization: Bearer`, Anthropic's `x-api-key`), or, for a gateway that wants it in a header of
// its own (`x-portkey-api-key`, `cf-aig-authorization`, `Helicone-Auth`), wherever a value of the
// user's `rill.*.headers` writes `${apiKey}`. Placed in a header, it goes only there (a gateway that
// forwards the usual header upstream must not hand its own key to the provider); a user who wants
// both writes both. A gateway that needs a key of its own besides the provider's (Cloudflare's
// authenticated gateway, Helicone, Portkey with the provider's key) gets the stored gateway key
// wherever a header value writes `${gatewayKey}`, and the provider's key stays where it was. Both
// stay in SecretStorage: the setting holds only the placeholders.

export const KEY_PLACEHOLDER = '${apiKey}';
export const GATEWAY_KEY_PLACEHOLDER = '${gatewayKey}';

export interface PlacedKey {
  /** The headers with the keys written in, as sent. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** The key for the provider's usual header: undefined when a header of the user's carries it. */
  readonly apiKey: string | undefined;
  /** A header of the user's carries the provider's key (the usual headers are then left out). */
  readonly inHeaders: boolean;
}

/** Whether a header value of the user's asks for the gateway key. */
export function usesGatewayKey(headers: Readonly<Record<string, string>> | undefined): boolean {
  return Object.values(headers ?? {}).some((value) => value.includes(GATEWAY_KEY_PLACEHOLDER));
}

export function placeKey(headers: Readonly<Record<string, string>> | undefined, apiKey: string | undefined, gatewayKey?: string): PlacedKey {
  const entries = Object.entries(headers ?? {});
  const inHeaders = entries.some(([, value]) => value.includes(KEY_PLACEHOLDER));
  if (!inHeaders && !usesGatewayKey(headers)) return { headers, apiKey, inHeaders: false };
  const written = (value: string) => value.split(KEY_PLACEHOLDER).join(apiKey ?? '').split(GATEWAY_KEY_PLACEHOLDER).join(gatewayKey ?? '');
  return {
    headers: Object.fromEntries(entries.map(([name, value]) => [name, written(value)])),
    apiKey: inHeaders ? undefined : apiKey,
    inHeaders,
  };
}
