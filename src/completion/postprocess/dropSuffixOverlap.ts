// Rule: the completion does not repeat what already follows the cursor. Within the line, a tail the
// completion shares with the rest of the line is dropped when that balances the line (no doubled
// `)` or `;`). Below, the completion ends where it reaches the next existing line.
import { isBlank, splitLines } from '../text';
import { imbalance } from './bracketBalance';
import { type PostProcessRule, type RuleContext, unchanged } from './types';

/** Lines with this much content are compared without their indentation. */
const DISTINCTIVE = 8;

function sameLine(a: string, b: string): boolean {
  if (a.trimEnd() === b.trimEnd()) return true;
  const trimmed = a.trim();
  return trimmed.replace(/\s/g, '').length >= DISTINCTIVE && trimmed === b.trim();
}

/** Drops the longest tail of `line` that begins the rest of the line, if that does not unbalance it. */
function dropInlineOverlap(line: string, context: RuleContext): string {
  const rest = context.restOfLine.trimEnd();
  for (let k = Math.min(line.length, rest.length); k > 0; k--) {
    if (!line.endsWith(rest.slice(0, k))) continue;
    const kept = context.linePrefix + line + rest;
    const dropped = context.linePrefix + line.slice(0, line.length - k) + rest;
    if (imbalance(dropped) <= imbalance(kept)) return line.slice(0, line.length - k);
  }
  return line;
}

export const dropSuffixOverlap: PostProcessRule = {
  name: 'suffix-overlap',
  apply(text, done, context) {
    if (!isBlank(context.restOfLine)) {
      // Only the cursor's line can overlap the rest of it. A line still streaming is judged as if
      // it ended here: its tail is held back, not cut (a slow model's partial line may show, and
      // Tab on `words"` in `print("█")` must not leave `words"")`); the next snapshot decides again.
      const end = text.indexOf('\n');
      const line = end < 0 ? text : text.slice(0, end);
      const kept = dropInlineOverlap(line, context);
      return kept === line ? unchanged(text) : { text: kept + (end < 0 ? '' : text.slice(end)), stop: false };
    }
    const next = context.linesBelow.find((line) => !isBlank(line));
    if (next === undefined) return unchanged(text);
    const lines = splitLines(text);
    for (let i = 1; i < lines.length; i++) {
      if (i === lines.length - 1 && !done) {
        // A line still streaming that so far repeats the next line is held back (a partial line may
        // be shown after the cut-off); judged once complete.
        const partial = lines[i].trimStart();
        if (partial !== '' && next.trimStart().startsWith(partial)) return { text: lines.slice(0, i).join('\n') + '\n', stop: false };
        break;
      }
      if (!isBlank(lines[i]) && sameLine(lines[i], next)) return { text: lines.slice(0, i).join('\n'), stop: true };
    }
    return unchanged(text);
  },
};
