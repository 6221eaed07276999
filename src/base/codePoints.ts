// Text cut at an offset must not split a character made of two UTF-16 units (an emoji, a rare CJK
// character).

/**
 * `offset` in `text`, moved off the middle of a surrogate pair (an emoji, a rare CJK character) to
 * the pair's end ('forward') or start ('back'). A window cut mid-line must not send half a
 * character: JSON then carries a lone surrogate, which strict JSON parsers (llama.cpp's server) reject.
 */
export function codePointBoundary(text: string, offset: number, direction: 'forward' | 'back'): number {
  const high = text.charCodeAt(offset - 1);
  const low = text.charCodeAt(offset);
  const splitsPair = high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
  return splitsPair ? offset + (direction === 'forward' ? 1 : -1) : offset;
}
