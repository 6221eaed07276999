// Post-processing works on the model's text while it streams. Each rule is a pure function of the
// text so far; `ruleStage` turns it into an async-generator stage of the stream.
import type { CompletionSite } from '../site';

/** The completion text so far. `done`: no more text will come. */
export interface StreamProgress {
  readonly text: string;
  readonly done: boolean;
  /** The rule that ended the stream, when one did. */
  readonly stoppedBy?: string;
}

export interface RuleContext extends CompletionSite {
  /** Most lines a multi-line completion may have (adapted to the backend's speed). */
  readonly maxLines: number;
}

export interface RuleResult {
  readonly text: string;
  /** Nothing after `text` can belong to the completion: end the stream (and the model request). */
  readonly stop: boolean;
}

/**
 * A post-processing rule. `done` says the text is complete; otherwise its last line may still grow,
 * so a rule decides on complete lines only (or on what a partial line can no longer change).
 */
export interface PostProcessRule {
  readonly name: string;
  apply(text: string, done: boolean, context: RuleContext): RuleResult;
}

export type Stage = (input: AsyncIterable<StreamProgress>) => AsyncIterable<StreamProgress>;

export const unchanged = (text: string): RuleResult => ({ text, stop: false });
