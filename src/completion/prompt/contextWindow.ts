// The prefix and suffix sent to the model: the text nearest the cursor within a token budget, cut
// at line boundaries so that the model never sees half a line at the edge.
import { codePointBoundary } from '../../base/codePoints';
import { CHARS_PER_TOKEN } from './tokens';

/** The end of `prefix` within `maxTokens`, starting at a line start. */
export function prefixWindow(prefix: string, maxTokens: number): string {
  const maxChars = maxTokens * CHARS_PER_TOKEN;
  if (prefix.length <= maxChars) return prefix;
  const start = prefix.length - maxChars;
  const lineStart = prefix.indexOf('\n', start);
  // A single line longer than the budget is cut mid-line rather than dropped.
  return lineStart < 0 ? prefix.slice(codePointBoundary(prefix, start, 'forward')) : prefix.slice(lineStart + 1);
}

/** The start of `suffix` within `maxTokens`, ending at a line end. */
export function suffixWindow(suffix: string, maxTokens: number): string {
  const maxChars = maxTokens * CHARS_PER_TOKEN;
  if (suffix.length <= maxChars) return suffix;
  const lineEnd = suffix.lastIndexOf('\n', maxChars - 1);
  return lineEnd < 0 ? suffix.slice(0, codePointBoundary(suffix, maxChars, 'back')) : suffix.slice(0, lineEnd + 1);
}
