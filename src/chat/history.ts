// Past conversations, newest first, persisted in a key-value store (a file per workspace in Rill's
// global storage folder: historyStore in vscode/chatService.ts). Bounded by count and by total
// characters so a long-lived workspace cannot grow it without end. The store is read at each use,
// not once: two windows on the same workspace (two browser tabs of a VS Code server) share it, and
// each sees the other's writes, so neither overwrites the conversations the other saved.
import type { Conversation, Turn } from './model';

/** The part of VS Code's `Memento` the history needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface HistoryLimits {
  readonly maxConversations: number;
  /** Sum of question, context and answer characters over all stored conversations. */
  readonly maxChars: number;
}

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = { maxConversations: 50, maxChars: 2_000_000 };

export interface ConversationSummary {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
  readonly turnCount: number;
}

const STORAGE_KEY = 'rill.chat.history.v1';
/** The id of the conversation open in the chat, reopened when the window is (reloaded). */
const OPEN_KEY = 'rill.chat.open.v1';

export class ChatHistory {
  /** The stored value last read, and its conversations of the right shape. */
  private read: { readonly stored: unknown; readonly conversations: Conversation[] } = { stored: undefined, conversations: [] };

  constructor(
    private readonly store: KeyValueStore,
    private readonly limits: HistoryLimits = DEFAULT_HISTORY_LIMITS,
  ) {}

  /** The stored conversations; checked again only when the stored value is another one. */
  private get conversations(): Conversation[] {
    const stored = this.store.get<unknown>(STORAGE_KEY);
    if (stored !== this.read.stored) {
      // Stored data may come from an older or damaged version: keep only what has the right shape.
      this.read = { stored, conversations: Array.isArray(stored) ? stored.filter(isStoredConversation) : [] };
    }
    return this.read.conversations;
  }

  list(): ConversationSummary[] {
    return this.conversations.map((c) => ({
      id: c.id,
      title: c.title,
      updatedAt: c.updatedAt,
      turnCount: c.turns.length,
    }));
  }

  get(id: string): Conversation | undefined {
    return this.conversations.find((c) => c.id === id);
  }

  /** Stores or replaces a conversation as the newest, then drops the oldest beyond the limits. */
  save(conversation: Conversation): Promise<void> {
    if (conversation.turns.length === 0) return Promise.resolve();
    const rest = this.conversations.filter((c) => c.id !== conversation.id);
    return this.persist(bound([conversation, ...rest], this.limits));
  }

  /** The conversation that was open in the chat (undefined: a new, empty one). */
  get openId(): string | undefined {
    const id = this.store.get<unknown>(OPEN_KEY);
    return typeof id === 'string' ? id : undefined;
  }

  /** Remembers which conversation the chat shows; written only when it changes. */
  setOpen(id: string | undefined): Promise<void> {
    if (this.openId === id) return Promise.resolve();
    return Promise.resolve(this.store.update(OPEN_KEY, id));
  }

  /**
   * Puts a deleted conversation back where it was (`index` in the newest-first list, or the end if
   * the list is shorter now), as it was: Undo of a delete. Keeps the limits.
   */
  restore(conversation: Conversation, index: number): Promise<void> {
    const rest = this.conversations.filter((c) => c.id !== conversation.id);
    const at = Math.max(0, Math.min(index, rest.length));
    return this.persist(bound([...rest.slice(0, at), conversation, ...rest.slice(at)], this.limits));
  }

  delete(id: string): Promise<void> {
    return this.persist(this.conversations.filter((c) => c.id !== id));
  }

  clear(): Promise<void> {
    return this.persist([]);
  }

  private persist(conversations: Conversation[]): Promise<void> {
    // Read back as they are until the store says otherwise (a store may copy what it is given).
    const written = Promise.resolve(this.store.update(STORAGE_KEY, conversations));
    this.read = { stored: this.store.get<unknown>(STORAGE_KEY), conversations };
    return written;
  }
}

function bound(conversations: Conversation[], limits: HistoryLimits): Conversation[] {
  const kept: Conversation[] = [];
  let chars = 0;
  for (const c of conversations) {
    if (kept.length >= limits.maxConversations) break;
    const size = sizeOf(c);
    // The newest conversation is always kept, even alone over the limit: it is the one in use.
    if (kept.length > 0 && chars + size > limits.maxChars) break;
    kept.push(c);
    chars += size;
  }
  return kept;
}

function sizeOf(c: Conversation): number {
  let n = 0;
  for (const t of c.turns) {
    n += t.question.length + t.answer.length;
    for (const item of t.context) n += item.text.length;
  }
  return n;
}

function isStoredConversation(value: unknown): value is Conversation {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.id === 'string' &&
    typeof c.title === 'string' &&
    typeof c.updatedAt === 'number' &&
    typeof c.createdAt === 'number' &&
    Array.isArray(c.turns) &&
    c.turns.every(isStoredTurn)
  );
}

function isStoredTurn(value: unknown): value is Turn {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  return (
    typeof t.id === 'string' &&
    typeof t.question === 'string' &&
    typeof t.answer === 'string' &&
    typeof t.status === 'string' &&
    Array.isArray(t.context) &&
    t.context.every(isStoredContextItem)
  );
}

/** Its text is counted against the size limit: an item without one would make every save throw. */
function isStoredContextItem(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return typeof item.id === 'string' && typeof item.label === 'string' && typeof item.text === 'string';
}
