import { LlmError } from './errors';
import type { FinishReason } from './types';

/** Maps the providers' finish / stop reasons to ours. */
export function toFinishReason(raw: string | null | undefined): FinishReason | undefined {
  if (!raw) return undefined;
  if (raw === 'stop' || raw === 'end_turn' || raw === 'stop_sequence' || raw === 'eos' || raw === 'word') return 'stop';
  if (raw === 'length' || raw === 'max_tokens' || raw === 'limit') return 'length';
  return 'other';
}

/**
 * An end that is no finished answer, and that asking again (or Continue) the same way meets again:
 * the provider's safety system (OpenAI's `finish_reason: "content_filter"`, its content filters
 * flagged the output; Anthropic's `stop_reason: "refusal"`, its streaming classifiers intervened;
 * Anthropic asks that the refused turn be removed or changed before the conversation goes on: both
 * are `declined`, which later prompts leave out), or
 * a context window filled up (Anthropic's `stop_reason: "model_context_window_exceeded"`). Said as
 * an error, so no surface shows the cut answer as a finished one.
 */
export function stopAsError(raw: string | null | undefined, who: string): LlmError | undefined {
  const Who = who.charAt(0).toUpperCase() + who.slice(1);
  if (raw === 'content_filter') {
    return new LlmError(
      'declined',
      `${Who} stopped the answer: its content filter flagged it (finish_reason "content_filter"). Asking again the same way will be stopped again: rephrase the question, or leave out the context that may have been flagged. Later questions in this chat are sent without this one.`,
    );
  }
  if (raw === 'refusal') {
    return new LlmError(
      'declined',
      `${Who} stopped the answer: the model declined to go on (stop_reason "refusal"). Asking again the same way will be stopped again: rephrase the question. Later questions in this chat are sent without this one.`,
    );
  }
  if (raw === 'model_context_window_exceeded') {
    return new LlmError(
      'bad-request',
      `${Who} stopped the answer: the conversation filled the model's context window (stop_reason "model_context_window_exceeded"). Send less: start a new chat, attach or select less text, or use a model with a larger context window.`,
    );
  }
  return undefined;
}
