// Token estimates for context chips and the prompt budget. A tokenizer per model would be exact
// but heavy to ship and wrong for unknown models; about 4 characters per token holds for English
// and code across the common BPE vocabularies, which is what a chip's "~1.2k tokens" needs.

const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** "850", "1.2k", "34k": short enough for a chip. */
export function formatTokens(tokens: number): string {
  if (tokens < 1000) return String(tokens);
  if (tokens < 10_000) return `${(tokens / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return `${Math.round(tokens / 1000)}k`;
}
