// Small file-system helpers for the suites.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Files under `dir` (recursively) whose name ends with `suffix`, sorted, relative to `dir`. */
export function findFiles(dir: string, suffix: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(path);
      else if (entry.isFile() && entry.name.endsWith(suffix)) found.push(relative(dir, path));
    }
  };
  walk(dir);
  return found.sort();
}
