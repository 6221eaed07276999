// A deterministic token estimate. Code tokenizes at roughly three characters a token in the
// tokenizers of the common code models; an estimate is enough to size windows, and it must never
// depend on anything but the text, so that the same state always gives the same prompt.
export const CHARS_PER_TOKEN = 3;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}
