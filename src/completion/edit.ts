// Ghost text as an edit on the cursor's line. When the editor auto-closed brackets that the ghost
// text also writes (`compute(█)` with ghost `a, b);`), the insertion replaces the closing characters,
// so the editor shows `a, b` before the `)` and `;` after it, and Tab does not double the `)`. The
// editor shows such a replacement when the replaced text is a subsequence of the inserted one.
// Only when the ghost text does close them: `console.log(cart.rec█)` with ghost `eipt()` keeps the
// `)`, whose twin in the ghost text closes `receipt(`, or Tab would leave `log(` open.
import { imbalance } from './postprocess/bracketBalance';
import { AUTO_CLOSED } from './site';

export interface GhostEdit {
  readonly insertText: string;
  /** Characters before the cursor the insertion replaces (the editor's indentation of the line). */
  readonly replaceBefore: number;
  /** Characters after the cursor, on its line, the insertion replaces. */
  readonly replaceLength: number;
}

/**
 * `linePrefix`: the cursor's line before the cursor; `restOfLine`: after it. `replaceBefore`: the
 * text begins with the model's indentation of a line the editor indented otherwise.
 */
export function ghostEdit(text: string, linePrefix: string, restOfLine: string, replaceBefore = 0): GhostEdit {
  const rest = restOfLine.trimEnd();
  const before = linePrefix.slice(0, linePrefix.length - replaceBefore);
  const covers =
    rest !== '' && AUTO_CLOSED.test(rest) && isSubsequence(rest, text) && imbalance(before + text) <= imbalance(before + text + rest);
  return { insertText: text, replaceBefore, replaceLength: covers ? rest.length : 0 };
}

function isSubsequence(needle: string, haystack: string): boolean {
  let at = 0;
  for (const ch of needle) {
    at = haystack.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
