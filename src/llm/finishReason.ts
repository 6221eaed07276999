import type { FinishReason } from './types';

/** Maps the providers' finish / stop reasons to ours. */
export function toFinishReason(raw: string | null | undefined): FinishReason | undefined {
  if (!raw) return undefined;
  if (raw === 'stop' || raw === 'end_turn' || raw === 'stop_sequence' || raw === 'eos' || raw === 'word') return 'stop';
  if (raw === 'length' || raw === 'max_tokens' || raw === 'limit') return 'length';
  return 'other';
}
