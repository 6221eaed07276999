// What the engine has measured about the model in use (time to first token, tokens per second),
// and the budgets derived from it: when a slow model's partial first line may show, how many lines
// a block may have, how many tokens to ask for, how long the throttle may hold a request.
import type { RequestRecord } from './requestRecord';

export interface Budgets {
  readonly partialLineCutoffMs: number;
  readonly maxLines: number;
  readonly maxTokens: number;
  /** The longest the throttle may hold a request in a burst. */
  readonly throttleCapMs: number;
}

/** Assumed before anything was measured: a small local model. */
const DEFAULT_TTFT_MS = 400;
const DEFAULT_TOKENS_PER_SEC = 30;
/** Weight of a new sample in the moving averages. */
const ALPHA = 0.25;

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

export class BackendStats {
  private ttft: number | undefined;
  /** The last first token's wait (or a lower bound of it: a request closed before its first token). */
  private lastTtft: number | undefined;
  private tps: number | undefined;
  private _samples = 0;

  constructor(readonly model: string) {}

  get ttftMs(): number {
    return this.ttft ?? DEFAULT_TTFT_MS;
  }
  /**
   * The slower of the moving average and the last first token: a model that just got slower (another
   * model loaded, a longer prompt) is expected to stay so; one faster again is back at its average.
   */
  get recentTtftMs(): number {
    return Math.max(this.ttftMs, this.lastTtft ?? 0);
  }
  get tokensPerSec(): number {
    return this.tps ?? DEFAULT_TOKENS_PER_SEC;
  }
  get samples(): number {
    return this._samples;
  }

  /** Learns from a finished request. */
  note(record: RequestRecord): void {
    if (record.sentAt !== undefined && record.firstByteAt !== undefined) {
      this.lastTtft = record.firstByteAt - record.sentAt;
      this.ttft = average(this.ttft, this.lastTtft);
      this._samples++;
    } else if (record.sentAt !== undefined && record.endedAt !== undefined && record.endedAt - record.sentAt > this.ttftMs) {
      // Closed before its first token, later than the first token usually comes: it takes at least that long now.
      this.lastTtft = record.endedAt - record.sentAt;
      this.ttft = average(this.ttft, this.lastTtft);
    }
    // A rate needs a few tokens over a measurable time.
    if (record.firstByteAt !== undefined && record.endedAt !== undefined && record.tokensOut >= 4) {
      const seconds = (record.endedAt - record.firstByteAt) / 1000;
      if (seconds > 0.02) this.tps = average(this.tps, (record.tokensOut - 1) / seconds);
    }
  }

  budgets(maxTokensSetting: number): Budgets {
    const tps = this.tokensPerSec;
    return {
      // About ten tokens' worth of waiting before a partial line shows (from the line's start, or
      // with Rill's strategy from the user's last key if that came first; see SuggestionSession):
      // short for fast models, capped so that a slow one still shows something soon.
      partialLineCutoffMs: Math.round(clamp((10 * 1000) / tps, 150, 400)),
      // A block should finish streaming in about three seconds (~8 tokens a line).
      maxLines: Math.round(clamp((tps * 3) / 8, 3, 15)),
      maxTokens: Math.round(Math.min(maxTokensSetting, Math.max(64, tps * 6))),
      // Holding a request never costs more than half of what the model takes to answer.
      throttleCapMs: Math.round(clamp(this.ttftMs / 2, 50, 250)),
    };
  }
}

function average(previous: number | undefined, sample: number): number {
  return previous === undefined ? sample : previous + ALPHA * (sample - previous);
}

/** The stats of each model seen, by model name. */
export class BackendStatsByModel {
  private readonly byModel = new Map<string, BackendStats>();

  get(model: string | undefined): BackendStats {
    const key = model ?? '';
    let stats = this.byModel.get(key);
    if (!stats) {
      stats = new BackendStats(key);
      this.byModel.set(key, stats);
    }
    return stats;
  }
}
