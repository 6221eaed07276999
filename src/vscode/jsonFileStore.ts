// A key-value store of JSON files in one folder (a key, a file), that every window on the same
// workspace sees at once. VS Code keeps an extension's workspaceState per window in memory and
// never passes one window's writes on to another (and gives a second window on the same folder a
// workspace storage folder of its own), so two windows (two browser tabs of a VS Code server on one
// folder) each wrote their own copy of the chat history over the other's. A file is read again only
// when it changed on disk (another inode after each atomic write, or another size or time), and
// written whole to a temporary file that then takes its name, so a reader never sees half of one.
// A key with no file yet takes its value from `fallback` (where an earlier version kept it), which
// is emptied once the file is written.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyValueStore } from '../chat/history';

interface Cached {
  readonly stamp: string;
  readonly value: unknown;
}

export class JsonFileStore implements KeyValueStore {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly folder: string,
    private readonly fallback?: KeyValueStore,
    /** Told of a file that could not be read or written (the value then reads as absent). */
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  get<T>(key: string): T | undefined {
    const file = this.fileOf(key);
    let stamp: string;
    try {
      stamp = stampOf(file);
    } catch {
      return this.fallback?.get<T>(key);
    }
    const cached = this.cache.get(key);
    if (cached?.stamp === stamp) return cached.value as T;
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      this.onError(`Could not read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      value = undefined;
    }
    this.cache.set(key, { stamp, value });
    return value as T;
  }

  update(key: string, value: unknown): Promise<void> {
    const file = this.fileOf(key);
    try {
      mkdirSync(this.folder, { recursive: true });
      if (value === undefined) {
        rmSync(file, { force: true });
      } else {
        const temporary = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
        writeFileSync(temporary, JSON.stringify(value));
        renameSync(temporary, file);
      }
      this.cache.delete(key);
      // Read back as written until the file changes again: no parse of what was just stringified.
      if (value !== undefined) this.cache.set(key, { stamp: stampOf(file), value });
    } catch (error) {
      this.onError(`Could not write ${file}: ${error instanceof Error ? error.message : String(error)}`);
      return Promise.reject(error);
    }
    // Moved out of the earlier version's store: kept once, in the file.
    if (this.fallback?.get(key) !== undefined) return Promise.resolve(this.fallback.update(key, undefined));
    return Promise.resolve();
  }

  private fileOf(key: string): string {
    return join(this.folder, `${key.replace(/[^\w.-]/g, '_')}.json`);
  }
}

/** What changes whenever the file does: its inode (a new one at each atomic write), size and time. */
function stampOf(file: string): string {
  const s = statSync(file);
  return `${s.ino}:${s.size}:${s.mtimeMs}`;
}
