// Where the stored key goes: the provider's usual header (the SDKs' `Authorization: Bearer`,
// Anthropic's `x-api-key`), or, for a gateway that wants it in a header of its own
// (`x-portkey-api-key`, `cf-aig-authorization`, `Helicone-Auth`), wherever a value of the user's
// `rill.*.headers` writes `${apiKey}`. The key stays in SecretStorage either way: the setting holds
// only the placeholder. Placed in a header, it goes only there (a gateway that forwards the usual
// header upstream must not hand its own key to the provider); a user who wants both writes both.

export const KEY_PLACEHOLDER = '${apiKey}';

export interface PlacedKey {
  /** The headers with the key written in, as sent. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** The key for the provider's usual header: undefined when a header of the user's carries it. */
  readonly apiKey: string | undefined;
  /** A header of the user's carries the key (the usual headers are then left out). */
  readonly inHeaders: boolean;
}

export function placeKey(headers: Readonly<Record<string, string>> | undefined, apiKey: string | undefined): PlacedKey {
  const entries = Object.entries(headers ?? {});
  if (!entries.some(([, value]) => value.includes(KEY_PLACEHOLDER))) return { headers, apiKey, inHeaders: false };
  return {
    headers: Object.fromEntries(entries.map(([name, value]) => [name, value.split(KEY_PLACEHOLDER).join(apiKey ?? '')])),
    apiKey: undefined,
    inHeaders: true,
  };
}
