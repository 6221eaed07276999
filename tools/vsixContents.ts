// What the packaged extension may contain: the bundles, the icons and walkthrough pages the
// manifest names, the manifest, readme, license and changelog. Never node_modules, TypeScript
// sources, tests or source maps, nor a bundle holding a test-only build (the host suite's entry,
// the bench's hooks); and small enough to install in a moment.
import { statSync } from 'node:fs';
import { TEST_ONLY_MARKERS } from './testOnlyMarkers';
import { zipFiles } from './zipEntries';

export const VSIX_MAX_BYTES = 2 * 1024 * 1024;

const ALLOWED: readonly RegExp[] = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/(package\.json|readme\.md|LICENSE\.txt|changelog\.md)$/,
  /^extension\/dist\/.+/,
  /^extension\/media\/icons\/.+/,
  /^extension\/media\/walkthrough\/.+/,
];

const FORBIDDEN: readonly [RegExp, string][] = [
  [/(^|\/)node_modules\//, 'node_modules'],
  [/\.map$/, 'a source map'],
  [/\.[cm]?tsx?$/, 'a TypeScript source'],
  [/(^|\/)tests?\/|\.test\.[cm]?js$/, 'a test'],
];

/** Every way the package breaks the rules above, as lines for an error message; [] when it is fine. */
export function vsixProblems(entries: readonly string[], bytes: number): string[] {
  const problems: string[] = [];
  if (bytes > VSIX_MAX_BYTES) problems.push(`the VSIX is ${bytes} bytes, over the limit of ${VSIX_MAX_BYTES} (2 MiB)`);
  for (const entry of entries) {
    const forbidden = FORBIDDEN.find(([pattern]) => pattern.test(entry));
    if (forbidden) problems.push(`${entry}: ${forbidden[1]} must not ship`);
    else if (!ALLOWED.some((pattern) => pattern.test(entry))) problems.push(`${entry}: not in the allowed set (see .vscodeignore)`);
  }
  return problems;
}

/** A packaged bundle that holds a marker of a test-only build, named with what it gives away. */
export function bundleProblems(name: string, text: string): string[] {
  return TEST_ONLY_MARKERS.filter(([marker]) => text.includes(marker)).map(([marker, what]) => `${name}: contains "${marker}" (${what}) and must not ship`);
}

export interface VsixSummary {
  readonly bytes: number;
  readonly entries: readonly string[];
}

/** Reads the VSIX and throws with every problem listed; returns its size and entries when fine. */
export function checkVsix(file: string): VsixSummary {
  const bytes = statSync(file).size;
  const files = zipFiles(file);
  const entries = files.map((f) => f.entry.name);
  const problems = vsixProblems(entries, bytes);
  for (const { entry, data } of files) if (/\.m?js$/.test(entry.name)) problems.push(...bundleProblems(entry.name, data.toString('utf8')));
  if (problems.length > 0) throw new Error(`${file} is not fit to ship:\n  ${problems.join('\n  ')}`);
  return { bytes, entries };
}

export function describeVsix(file: string, summary: VsixSummary): string {
  return `${file}: ${kB(summary.bytes)}, ${summary.entries.length} files, all in the allowed set, no test-only build in a bundle`;
}

function kB(bytes: number): string {
  return `${Math.round(bytes / 1024)} kB`;
}
