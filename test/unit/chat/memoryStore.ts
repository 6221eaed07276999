// An in-memory stand-in for VS Code's Memento, recording what was written.
import type { KeyValueStore } from '../../../src/chat/history';

export class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  writes = 0;

  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  update(key: string, value: unknown): Promise<void> {
    this.writes++;
    // As in VS Code's Memento, undefined removes the key.
    if (value === undefined) {
      this.values.delete(key);
      return Promise.resolve();
    }
    // A JSON round trip, as the real store does: the stored copy shares nothing with the live one.
    this.values.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}
