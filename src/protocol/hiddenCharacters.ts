// Characters that draw nothing, or draw text in another order than it reads: control characters
// (C0 but tab and newline, DEL, C1), bidi controls (Trojan Source: `user<U+202E>txt.exe` shows as
// `userexe.txt`), zero-width and other invisible format characters, and Unicode tag characters
// (invisible ASCII, used to smuggle instructions). Model output is untrusted: the chat shows these
// as visible code points, and ghost text ends before one, so that nothing hides in what is read or
// inserted.

/** Hidden wherever they appear. */
const ALWAYS = String.raw`[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]`;
/**
 * Joiners (ZWNJ, ZWJ) are needed between emoji and in scripts like Persian and Devanagari, never
 * next to ASCII: hidden when a neighbour is ASCII (or missing).
 */
const JOINER = String.raw`(?<![^\u0000-\u007f])[\u200c\u200d]|[\u200c\u200d](?![^\u0000-\u007f])`;
/** A tag sequence after a black flag is an emoji (the flag of Scotland); any other tag is hidden. */
const FLAG_TAGS = String.raw`\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}`;
const TAG = String.raw`[\u{E0000}-\u{E007F}]`;

const HIDDEN = new RegExp(`(${FLAG_TAGS})|${ALWAYS}|${JOINER}|${TAG}`, 'gu');

/** `U+202E`: how a hidden character is shown. */
export function codePointName(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `text` with every hidden character replaced by `[U+XXXX]`, plain text (safe in HTML attributes too). */
export function showHiddenCharacters(text: string): string {
  return text.replace(HIDDEN, (match, flag: string | undefined) => flag ?? `[${codePointName(match)}]`);
}

/**
 * Where the first hidden character of `text` is, or -1. `complete: false` while text may still
 * grow: a joiner at the very end is judged once its next character has arrived.
 */
export function firstHiddenCharacter(text: string, complete = true): number {
  HIDDEN.lastIndex = 0;
  for (let match = HIDDEN.exec(text); match; match = HIDDEN.exec(text)) {
    if (match[1] !== undefined) continue;
    const joinerAtEnd = (match[0] === '\u200c' || match[0] === '\u200d') && match.index === text.length - 1;
    const afterNonAscii = match.index > 0 && text.charCodeAt(match.index - 1) > 0x7f;
    if (!complete && joinerAtEnd && afterNonAscii) return -1;
    return match.index;
  }
  return -1;
}
