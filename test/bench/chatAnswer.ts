// A long, varied markdown answer for the chat render bench, as the stream of tokens a model would
// send: prose with inline markup and links, bullet and numbered lists, quotes, tables and fenced
// code in several languages. Deterministic: the same tokens every run.

const WORDS = (
  'the stream keeps every block it has finished and only redraws the part that is still growing so a long ' +
  'answer costs no more per token than a short one when the model writes code it arrives line by line and ' +
  'the highlighter sees each line once the cursor stays where it was while tokens arrive'
).split(' ');

function sentence(seed: number, length: number): string {
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(WORDS[(seed * 7 + i * 13) % WORDS.length] ?? 'word');
  const first = words[0] ?? 'Word';
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return `${words.join(' ')}.`;
}

function section(i: number): string {
  const parts = [
    `## Step ${i + 1}: ${sentence(i, 4).slice(0, -1)}`,
    `${sentence(i, 14)} It uses **bold text**, \`inlineCode(${i})\` and a [reference](https://example.com/docs/${i}). ${sentence(i + 1, 11)}`,
    [`- ${sentence(i + 2, 8)}`, `- Call \`update(${i})\` ${sentence(i + 3, 6)}`, `- ${sentence(i + 4, 9)}`].join('\n'),
  ];
  switch (i % 4) {
    case 0:
      parts.push(
        '```ts\n' +
          `export function step${i}(items: readonly number[]): number {\n` +
          `  // ${sentence(i, 6)}\n` +
          `  let total = ${i};\n` +
          '  for (const item of items) {\n' +
          `    if (item > ${i * 3}) total += item * 2;\n` +
          '    else total -= item;\n' +
          '  }\n' +
          '  return total;\n' +
          '}\n```',
      );
      break;
    case 1:
      parts.push(
        '```python\n' +
          `def step_${i}(rows):\n` +
          `    """${sentence(i, 7)}"""\n` +
          `    seen = {}\n` +
          '    for row in rows:\n' +
          `        seen[row["id"]] = row.get("value", ${i})\n` +
          '    return sorted(seen.items())\n```',
      );
      break;
    case 2:
      parts.push(`1. ${sentence(i, 7)}\n2. ${sentence(i + 5, 6)}\n3. ${sentence(i + 6, 8)}`, `> ${sentence(i + 7, 12)}`);
      break;
    default:
      parts.push(`| Option | Default | Meaning |\n|---|---|---|\n| \`limit${i}\` | ${i} | ${sentence(i, 5)} |\n| \`mode\` | fast | ${sentence(i + 1, 4)} |`);
  }
  parts.push(sentence(i + 9, 16));
  return parts.join('\n\n');
}

/** Splits text the way BPE tokenizers roughly do: a leading space with a word, long words in parts. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const piece of text.match(/\s*[^\s]+|\s+/g) ?? []) {
    for (let i = 0; i < piece.length; i += 6) tokens.push(piece.slice(i, i + 6));
  }
  return tokens;
}

/** The first `count` tokens of a long answer. */
export function longAnswerTokens(count: number): string[] {
  const tokens: string[] = [];
  for (let i = 0; tokens.length < count; i++) tokens.push(...tokenize(`${i === 0 ? '' : '\n\n'}${section(i)}`));
  return tokens.slice(0, count);
}
