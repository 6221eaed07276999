// How unbalanced a line's brackets and quotes are: used to decide whether text the completion shares
// with the rest of the line is a duplicate (dropping it balances the line) or belongs to it.

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Unclosed or unopened brackets plus unterminated quotes. 0 for a balanced line. */
export function imbalance(line: string): number {
  const stack: string[] = [];
  let unopened = 0;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') stack.push(ch);
    else if (ch in PAIRS) {
      if (stack[stack.length - 1] === PAIRS[ch]) stack.pop();
      else unopened++;
    }
  }
  return stack.length + unopened + (quote ? 1 : 0);
}
