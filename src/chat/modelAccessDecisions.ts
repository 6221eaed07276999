// The user's answers to "may this extension use Rill's models?", one per extension, kept in a
// key-value store (the extension's globalState: per machine and user, never in settings, which a
// workspace or a settings sync could write). Stored data may be damaged or from another version:
// only well-formed entries are read back.
import type { KeyValueStore } from './history';
import { type AccessDecision, type AccessRecord, cleanDisplayName } from './modelAccess';

const STORAGE_KEY = 'rill.modelAccess.v1';

/** One remembered decision, for the user's review. */
export interface AccessEntry extends AccessRecord {
  readonly extensionId: string;
}

export class ModelAccessDecisions {
  private entries: Map<string, AccessRecord>;

  constructor(private readonly store: KeyValueStore) {
    this.entries = readEntries(store.get<unknown>(STORAGE_KEY));
  }

  get(extensionId: string): AccessRecord | undefined {
    return this.entries.get(extensionId.toLowerCase());
  }

  /** Every remembered decision, by extension name. */
  list(): AccessEntry[] {
    return [...this.entries]
      .map(([extensionId, record]) => ({ extensionId, ...record }))
      .sort((a, b) => (a.displayName ?? a.extensionId).localeCompare(b.displayName ?? b.extensionId) || a.extensionId.localeCompare(b.extensionId));
  }

  async set(extensionId: string, decision: AccessDecision, displayName: string | undefined): Promise<void> {
    const next = new Map(this.entries);
    next.set(extensionId.toLowerCase(), { decision, displayName: cleanDisplayName(displayName) });
    await this.save(next);
  }

  /** Forgets the decision: the extension is asked again next time. */
  async forget(extensionId: string): Promise<void> {
    const next = new Map(this.entries);
    if (!next.delete(extensionId.toLowerCase())) return;
    await this.save(next);
  }

  private async save(next: Map<string, AccessRecord>): Promise<void> {
    this.entries = next;
    await this.store.update(STORAGE_KEY, Object.fromEntries(next));
  }
}

function readEntries(stored: unknown): Map<string, AccessRecord> {
  const entries = new Map<string, AccessRecord>();
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return entries;
  for (const [id, value] of Object.entries(stored as Record<string, unknown>)) {
    if (!id || !value || typeof value !== 'object') continue;
    const { decision, displayName } = value as Record<string, unknown>;
    if (decision !== 'allowed' && decision !== 'denied') continue;
    entries.set(id.toLowerCase(), { decision, displayName: cleanDisplayName(displayName) });
  }
  return entries;
}
