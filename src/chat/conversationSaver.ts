// Writes the conversation in the chat to history: at once when a question is sent or an answer
// ends, and at most once per SAVE_EVERY_MS while an answer streams. A window reloaded or closed
// mid-answer then keeps the question and all but the last second or two of its text, without a
// write of the whole history per token.
import type { Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { Logger } from '../base/logger';
import type { ChatHistory } from './history';
import type { Conversation } from './model';

/** How often a streaming answer is written at most. */
export const SAVE_EVERY_MS = 1500;

export class ConversationSaver implements Disposable {
  private pending: Conversation | undefined;
  private timer: Disposable | undefined;

  constructor(
    private readonly history: ChatHistory,
    private readonly clock: Clock,
    private readonly log?: Logger,
  ) {}

  /** Saves `conversation` now, replacing a throttled save still waiting. */
  saveNow(conversation: Conversation): void {
    this.cancel();
    this.write(conversation);
  }

  /** Saves `conversation` within SAVE_EVERY_MS; later calls before then only update what is saved. */
  saveSoon(conversation: Conversation): void {
    this.pending = conversation;
    this.timer ??= this.clock.setTimeout(() => {
      this.timer = undefined;
      const latest = this.pending;
      this.pending = undefined;
      if (latest) this.write(latest);
    }, SAVE_EVERY_MS);
  }

  /** Forgets a throttled save still waiting. */
  cancel(): void {
    this.timer?.dispose();
    this.timer = undefined;
    this.pending = undefined;
  }

  dispose(): void {
    this.cancel();
  }

  private write(conversation: Conversation): void {
    this.history.save(conversation).catch((error: unknown) => {
      this.log?.warn(`Chat history could not be saved: ${String(error)}`);
    });
  }
}
