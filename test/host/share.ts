// The fault catalogue is played over every wire format (two for chat, three for completion) in the
// extension host. Under `npm test`, whose time is budgeted, the two VS Code flavors share the wire
// formats instead of each playing all of them: each wire format runs on one flavor, and every fault
// still runs on both (each flavor's extension host has its own Node). `npm run test:host` and
// test/reliability/runHost.ts play every wire format on each flavor. A suite whose subject depends
// neither on the VS Code version nor on Node's networking runs on the newest flavor only there
// (`onceUnderShare`); test/README.md names those suites and why.
/** Set to 1 by `npm test`; the harness passes the flavor on to the extension host under the same name. */
export const SHARE_ENV = 'RILL_HOST_SHARE';

/** This flavor's share of `items` under `npm test` (oldest: the 1st, 3rd...; newest: the 2nd, 4th...), else all of them. */
export function flavorShare<T>(items: readonly T[], share: string | undefined = process.env[SHARE_ENV]): readonly T[] {
  if (share !== 'oldest' && share !== 'newest') return items;
  return items.filter((_, i) => i % 2 === (share === 'oldest' ? 0 : 1));
}

/**
 * False on the oldest flavor under `npm test`: a suite that asks runs once there, on the newest.
 * For suites that use no version-dependent editor API and no networking whose behaviour differs
 * between the flavors' Node versions (sockets, aborts, keep-alive).
 */
export function onceUnderShare(share: string | undefined = process.env[SHARE_ENV]): boolean {
  return share !== 'oldest';
}
