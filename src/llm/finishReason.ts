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
 * The provider's safety system ended the answer: OpenAI's `finish_reason: "content_filter"` (its
 * content filters flagged the output) or Anthropic's `stop_reason: "refusal"` (its streaming
 * classifiers intervened). Said as an error, so no surface shows the cut answer as a finished one,
 * and not a transient one: asking again the same way is stopped the same way (Anthropic asks that
 * the refused turn be removed or changed before the conversation goes on).
 */
export function safetyStop(raw: string | null | undefined, who: string): LlmError | undefined {
  const Who = who.charAt(0).toUpperCase() + who.slice(1);
  if (raw === 'content_filter') {
    return new LlmError(
      'bad-request',
      `${Who} stopped the answer: its content filter flagged it (finish_reason "content_filter"). Asking again the same way will be stopped again: rephrase the question, or leave out the context that may have been flagged.`,
    );
  }
  if (raw === 'refusal') {
    return new LlmError(
      'bad-request',
      `${Who} stopped the answer: the model declined to go on (stop_reason "refusal"). Asking again the same way will be stopped again: edit the question, or start a new chat without it.`,
    );
  }
  return undefined;
}
