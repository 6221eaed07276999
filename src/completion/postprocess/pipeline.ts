// Stream stages: the model's events become text snapshots, and each rule is a stage over them.
// A stage that stops returns early; `for await` then closes the stages upstream, and the source
// aborts the model request, so the server stops generating at once.
import type { StreamEvent } from '../../llm/types';
import type { PostProcessRule, RuleContext, Stage, StreamProgress } from './types';

/** What the source saw, for the session's timings and token counts. */
export interface SourceObserver {
  onText(delta: string, textSoFar: string): void;
  /** `cachedInputTokens`: of the input, how many the server reused from its prompt cache (when it says). */
  onUsage(inputTokens: number | undefined, outputTokens: number | undefined, cachedInputTokens?: number): void;
  onEnd(finishReason: string): void;
}

/**
 * Model events as cumulative text snapshots. When the consumer stops early, `controller` is aborted
 * before anything else (the socket closes), then the provider's iterator is released.
 */
export async function* textProgress(
  events: AsyncIterable<StreamEvent>,
  controller: AbortController,
  observer: SourceObserver,
): AsyncGenerator<StreamProgress> {
  const iterator = events[Symbol.asyncIterator]();
  let text = '';
  let finished = false;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        finished = true;
        observer.onEnd('other');
        yield { text, done: true };
        return;
      }
      const event = next.value;
      if (event.type === 'text') {
        // Models sometimes answer with CRLF; the engine works in `\n` only.
        const delta = event.text.replace(/\r\n?/g, '\n');
        if (!delta) continue;
        text += delta;
        observer.onText(delta, text);
        yield { text, done: false };
      } else if (event.type === 'usage') {
        observer.onUsage(event.inputTokens, event.outputTokens, event.cachedInputTokens);
      } else if (event.type === 'end') {
        finished = true;
        observer.onEnd(event.finishReason);
        yield { text, done: true };
        return;
      }
    }
  } finally {
    if (!finished) {
      controller.abort();
      void Promise.resolve(iterator.return?.()).catch(() => undefined);
    }
  }
}

/** A rule as a stage: applies the rule to every snapshot and ends the stream when it says stop. */
export function ruleStage(rule: PostProcessRule, context: RuleContext): Stage {
  return async function* (input) {
    for await (const progress of input) {
      const result = rule.apply(progress.text, progress.done, context);
      if (result.stop) {
        yield { text: result.text, done: true, stoppedBy: rule.name };
        return;
      }
      yield { text: result.text, done: progress.done, stoppedBy: progress.stoppedBy };
      if (progress.done) return;
    }
  };
}

export function pipe(source: AsyncIterable<StreamProgress>, stages: readonly Stage[]): AsyncIterable<StreamProgress> {
  return stages.reduce<AsyncIterable<StreamProgress>>((input, stage) => stage(input), source);
}
