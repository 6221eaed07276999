// The fault catalogue is played over every wire format (two for chat, three for completion) in the
// extension host. Under `npm test`, whose time is budgeted, the two VS Code flavors share the wire
// formats instead of each playing all of them: each wire format runs on one flavor, and every fault
// still runs on both (each flavor's extension host has its own Node). `npm run test:host` and
// test/reliability/runHost.ts play every wire format on each flavor.
/** Set to 1 by `npm test`; the harness passes the flavor on to the extension host under the same name. */
export const SHARE_ENV = 'RILL_HOST_SHARE';

/** This flavor's share of `items` under `npm test` (oldest: the 1st, 3rd...; newest: the 2nd, 4th...), else all of them. */
export function flavorShare<T>(items: readonly T[], share: string | undefined = process.env[SHARE_ENV]): readonly T[] {
  if (share !== 'oldest' && share !== 'newest') return items;
  return items.filter((_, i) => i % 2 === (share === 'oldest' ? 0 : 1));
}
