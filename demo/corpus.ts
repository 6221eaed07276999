// Reads the workspace files the demo model learns from. Secret files are never read (the same
// promise Rill makes for completion context), nor generated or vendored folders, nor big or
// binary files.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { SourceFile } from './model/retrieve';

const MAX_FILE_BYTES = 256 * 1024;
/** The model lives in memory and is rebuilt on every save: keep it to a demo-sized workspace. */
const MAX_FILES = 2000;
const MAX_TOTAL_BYTES = 8 * 1024 * 1024;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'out', 'build', '__pycache__', 'venv', '.venv']);
const SECRET = /^(?:\.env(?:\..*)?|.*\.(?:pem|key|p12|pfx|crt|cer|keystore|jks)|id_(?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?|\.npmrc|\.netrc|credentials(?:\.json)?)$/i;

/** Whether a workspace-relative path is one the demo model may learn from. */
export function isLearnable(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/);
  const name = parts[parts.length - 1];
  if (parts.slice(0, -1).some((d) => d.startsWith('.') || SKIPPED_DIRS.has(d))) return false;
  return !SECRET.test(name) && !name.startsWith('.');
}

/** Every learnable text file under `root`, with paths relative to it (forward slashes). */
export function readWorkspace(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  let bytes = 0;
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (files.length >= MAX_FILES || bytes >= MAX_TOTAL_BYTES) return;
      const full = join(dir, entry.name);
      const rel = relative(root, full).split(sep).join('/');
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile() && isLearnable(rel)) {
        const text = readText(full);
        if (text !== undefined) {
          files.push({ path: rel, text });
          bytes += text.length;
        }
      }
    }
  };
  walk(root);
  return files;
}

function readText(path: string): string | undefined {
  try {
    if (statSync(path).size > MAX_FILE_BYTES) return undefined;
    const bytes = readFileSync(path);
    if (bytes.includes(0)) return undefined; // binary
    return bytes.toString('utf8');
  } catch {
    return undefined; // deleted or unreadable while we walked: skip it
  }
}
