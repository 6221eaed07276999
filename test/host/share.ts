// Under `npm test`, whose time is budgeted, the two VS Code flavors share some catalogues instead of
// each playing all of them:
// - host suite: the fault catalogue is played over every wire format (two for chat, three for
//   completion); each wire format runs on one flavor, and every fault still runs on both (each
//   flavor's extension host has its own Node);
// - e2e suite: the chat faults as the user sees them; the faults of each kind (the alert they must
//   show) are dealt out between the flavors, a kind with one fault runs on both, so each flavor
//   shows every kind of alert.
// `npm run test:host`, `npm run test:e2e` and test/reliability/runHost.ts play everything on each flavor.
/** Set to 1 by `npm test`; the harness passes the flavor on to the extension host under the same name. */
export const SHARE_ENV = 'RILL_HOST_SHARE';
/** Set to 1 by `npm test` for the e2e suite, whose process knows its flavor from RILL_VSCODE. */
export const E2E_SHARE_ENV = 'RILL_E2E_SHARE';

/** This flavor's share of `items` under `npm test` (oldest: the 1st, 3rd...; newest: the 2nd, 4th...), else all of them. */
export function flavorShare<T>(items: readonly T[], share: string | undefined = process.env[SHARE_ENV]): readonly T[] {
  if (share !== 'oldest' && share !== 'newest') return items;
  return items.filter((_, i) => i % 2 === (share === 'oldest' ? 0 : 1));
}

/**
 * This flavor's share of `items`, dealt out within each group (`groupOf`): a group of one item is
 * on both flavors, a larger one split as flavorShare does. Without a flavor named, all of them.
 */
export function groupedFlavorShare<T>(items: readonly T[], groupOf: (item: T) => string, share: string | undefined): readonly T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(groupOf(item), [...(groups.get(groupOf(item)) ?? []), item]);
  const kept = new Set([...groups.values()].flatMap((group) => (group.length === 1 ? group : flavorShare(group, share))));
  return items.filter((item) => kept.has(item));
}

/** The flavor whose share the e2e suite plays: named under `npm test` only. */
export function e2eShare(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[E2E_SHARE_ENV] === '1' ? env.RILL_VSCODE : undefined;
}
