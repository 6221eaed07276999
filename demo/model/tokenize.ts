// The demo model's tokenizer: splits source text into tokens whose concatenation is the text
// again (lossless), so a predicted token sequence is also the text to insert.
//
// Spaces and tabs before a token belong to that token (" =", " total"), as in the BPE vocabularies
// of code models: a 4-gram's three tokens of context then hold three meaningful pieces of code
// rather than "x", " ", "=". A line break carries the next line's indentation ("\n    "), so the
// model learns where a new line starts as well as that it starts.

const TOKEN = new RegExp(
  [
    String.raw`\r?\n[ \t]*`, // a line break and the next line's indentation
    String.raw`[ \t]*[A-Za-z_$\u00C0-\uFFFF][\w$\u00C0-\uFFFF]*`, // a word, identifier or keyword
    String.raw`[ \t]*\d+(?:\.\d+)?\w*`, // a number (3, 3.14, 0x1f, 1e5, 10n)
    // operators that read as one symbol
    String.raw`[ \t]*(?:===|!==|\*\*=|\.\.\.|=>|->|==|!=|<=|>=|&&|\|\||\?\?|\?\.|\+\+|--|\+=|-=|\*=|\/=|::|\*\*|\/\/|<<|>>)`,
    String.raw`[ \t]*[^\s]`, // any other single character
    String.raw`[ \t]+`, // spaces at the end of a line or of the text
    String.raw`\s`, // a lone carriage return, form feed...
  ].join('|'),
  'gu',
);

/** Splits `text` into tokens; `tokenize(t).join('') === t` for every string. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** True when the token starts a new line (it is a line break plus indentation). */
export function isLineBreak(token: string): boolean {
  return token.startsWith('\n') || token.startsWith('\r\n');
}

/** The indentation a line-break token gives the next line ("" for a token that is not one). */
export function indentOf(token: string): string {
  return isLineBreak(token) ? token.replace(/^\r?\n/, '') : '';
}
