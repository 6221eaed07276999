// The brackets of a line of code, those inside its string literals left out: how unbalanced the line
// is (whether text the completion shares with the rest of the line is a duplicate: dropping it
// balances the line) and how it changes the bracket depth (where a block ends).

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** The line's brackets in order, outside quotes, and whether it leaves a quote open. */
function scan(line: string): { readonly brackets: string; readonly openQuote: boolean } {
  let brackets = '';
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if ('()[]{}'.includes(ch)) brackets += ch;
  }
  return { brackets, openQuote: quote !== '' };
}

/** Unclosed or unopened brackets plus unterminated quotes. 0 for a balanced line. */
export function imbalance(line: string): number {
  const { brackets, openQuote } = scan(line);
  const stack: string[] = [];
  let unopened = 0;
  for (const ch of brackets) {
    if (!(ch in PAIRS)) stack.push(ch);
    else if (stack[stack.length - 1] === PAIRS[ch]) stack.pop();
    else unopened++;
  }
  return stack.length + unopened + (openQuote ? 1 : 0);
}

/** Change in bracket depth over a line, and the lowest depth it reaches (0 or less). */
export function bracketDelta(line: string): { delta: number; lowest: number } {
  let depth = 0;
  let lowest = 0;
  for (const ch of scan(line).brackets) {
    if (ch in PAIRS) lowest = Math.min(lowest, --depth);
    else depth++;
  }
  return { delta: depth, lowest };
}
