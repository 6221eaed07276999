// The import graph of the repository's own source files, read with TypeScript's own scanner
// (`ts.preProcessFile`): static imports, `export ... from`, `import type`, side-effect imports,
// `require()`, dynamic `import()` and `import x = require()` alike, and nothing inside comments or
// strings. The layer rules (layers.test.ts) are checked against it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** The repository root (this file is test/unit/layers/importGraph.ts). */
export const ROOT = resolve(__dirname, '..', '..', '..');

export interface ImportEdge {
  /** The importing file, relative to the root with `/` separators, e.g. `media/chat/app.ts`. */
  readonly from: string;
  /** The specifier as written, e.g. `../../src/protocol/chat` or `vscode`. */
  readonly specifier: string;
  /** A relative import: the file it names, relative to the root; undefined when nothing matches. */
  readonly file: string | undefined;
  /** A bare import: the package (or Node built-in) it names, e.g. `marked`, `node:fs`, `vscode`. */
  readonly module: string | undefined;
}

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '/index.ts', '/index.js'];

/** Every source file under `folder` (relative to the root), skipping the folders in `skip`. */
export function sourceFiles(folder: string, skip: readonly string[] = []): string[] {
  const top = join(ROOT, folder);
  if (!existsSync(top)) return [];
  return (readdirSync(top, { recursive: true }) as string[])
    .map((name) => toPosix(join(folder, name)))
    .filter((path) => SOURCE.test(path) && !path.endsWith('.d.ts'))
    .filter((path) => !path.split('/').includes('node_modules') && !skip.some((s) => path.startsWith(s)))
    .sort();
}

/** The imports of one file, given its text (read from disk when omitted). */
export function importsOf(file: string, text = readFileSync(join(ROOT, file), 'utf8')): ImportEdge[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map(({ fileName: specifier }) => {
    if (!specifier.startsWith('.')) return { from: file, specifier, file: undefined, module: packageName(specifier) };
    return { from: file, specifier, file: resolveRelative(file, specifier), module: undefined };
  });
}

/** A Node built-in module (`fs`, `node:fs`): nothing a browser bundle can load. */
export function isNodeBuiltin(module: string): boolean {
  return module.startsWith('node:') || builtinModules.includes(module);
}

/** Whether `path` (relative to the root) lies in one of `places`: folders ending in `/` or single files. */
export function isIn(path: string, places: readonly string[]): boolean {
  return places.some((place) => (place.endsWith('/') ? path.startsWith(place) : path === place));
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(ROOT, dirname(from), specifier);
  // Bundler resolution lets `./x.js` name `./x.ts`.
  const candidates = RESOLVE_SUFFIXES.map((suffix) => base + suffix);
  if (/\.[cm]?js$/.test(base)) candidates.push(base.replace(/\.([cm]?)js$/, '.$1ts'));
  const found = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  return found === undefined ? undefined : toPosix(relative(ROOT, found));
}

/** `@scope/name/sub` -> `@scope/name`, `marked/lib` -> `marked`, `node:fs` stays. */
function packageName(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}
