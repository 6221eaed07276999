import assert from 'node:assert/strict';
import { firstHiddenCharacter, showHiddenCharacters } from '../../../src/protocol/hiddenCharacters';

describe('hidden characters in model text', () => {
  const shown: [string, string, string][] = [
    ['a bell', 'ding\u0007', 'ding[U+0007]'],
    ['a terminal colour escape', '\u001b[31mred\u001b[0m', '[U+001B][31mred[U+001B][0m'],
    ['NUL, backspace, form feed, DEL and a C1 control', 'a\u0000b\u0008c\u000cd\u007fe\u009bf', 'a[U+0000]b[U+0008]c[U+000C]d[U+007F]e[U+009B]f'],
    ['a right-to-left override (Trojan Source)', 'user\u202Etxt.exe', 'user[U+202E]txt.exe'],
    ['isolates and marks', '\u2066admin\u2069 \u200F', '[U+2066]admin[U+2069] [U+200F]'],
    ['a zero-width space, a word joiner and a BOM', 'zero\u200bwidth\u2060\ufeff', 'zero[U+200B]width[U+2060][U+FEFF]'],
    ['a joiner between ASCII letters', 'ad\u200dmin\u200c', 'ad[U+200D]min[U+200C]'],
    ['tag characters (invisible ASCII)', 'hi\u{E0069}\u{E0067}\u{E006E}', 'hi[U+E0069][U+E0067][U+E006E]'],
    ['a soft hyphen and a Hangul filler', 'pass\u00adword \u3164', 'pass[U+00AD]word [U+3164]'],
  ];
  for (const [name, input, expected] of shown) it(`shows ${name}`, () => assert.equal(showHiddenCharacters(input), expected));

  const kept = [
    ['tabs and newlines', 'if x:\n\treturn 1\r\n'],
    ['a family emoji (joiners between emoji)', '\u{1F468}\u200d\u{1F469}\u200d\u{1F467}'],
    ['Persian with a zero-width non-joiner', '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645'],
    ['the flag of Scotland (a tag sequence)', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}'],
    ['ordinary accents and CJK', 'café 日本語'],
  ];
  for (const [name, input] of kept) it(`keeps ${name}`, () => assert.equal(showHiddenCharacters(input), input));

  it('finds the first hidden character, and waits on a joiner at the end of a growing text', () => {
    assert.equal(firstHiddenCharacter('ok = "\u202Eevil"'), 6);
    assert.equal(firstHiddenCharacter('plain text'), -1);
    assert.equal(firstHiddenCharacter('\u{1F468}\u200d', false), -1, 'an emoji may follow');
    assert.equal(firstHiddenCharacter('\u{1F468}\u200d', true), 2);
    assert.equal(firstHiddenCharacter('x\u200d', false), 1, 'after ASCII a joiner is hidden whatever follows');
  });
});
