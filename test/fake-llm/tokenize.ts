// How the fake turns answer text into "tokens". Real tokenizers differ per model; what matters
// for the tests is a rule that is simple to predict and splits text the way streams arrive:
// words whole, punctuation alone, whitespace carried by the token that follows it (as BPE
// vocabularies do with " world").

// An optional whitespace run, then a run of word characters or exactly one other character;
// trailing whitespace at the very end is a token of its own.
const TOKEN = /\s*(?:[\p{L}\p{N}\p{M}_]+|[^\s\p{L}\p{N}\p{M}_])|\s+$/gu;

/** "Hello, world!\n  x" -> ["Hello", ",", " world", "!", "\n  x"]. Joining the tokens gives the text back. */
export function splitTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** A rough token count of some text (the same rule as splitTokens). */
export function countTokens(text: string): number {
  return splitTokens(text).length;
}
