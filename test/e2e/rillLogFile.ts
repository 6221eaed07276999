// Rill's output channel as VS Code writes it to disk on the server (`…-Rill.log` under the data
// dir), for e2e tests that wait for a line Rill logs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function rillLogText(dataDir: string): string {
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /(^|-)Rill\.log$/.test(e.name))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

/** How many lines of Rill's log contain `text`. */
export function rillLogCount(dataDir: string, text: string): number {
  return rillLogText(dataDir).split('\n').filter((line) => line.includes(text)).length;
}
