// Finds the file VS Code writes Rill's log output channel to, under the data dir of the VS Code under
// test (the harness passes it as RILL_VSCODE_DATA_DIR), so tests can check what reached the log.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function rillLogFiles(): string[] {
  const root = process.env.RILL_VSCODE_DATA_DIR;
  if (!root) throw new Error('RILL_VSCODE_DATA_DIR is not set: run the host suite through the harness');
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /(^|-)Rill\.log$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Everything Rill has logged so far in this VS Code. */
export function rillLogText(): string {
  return rillLogFiles()
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}
