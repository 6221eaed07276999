// Whether a continuation is in fact the answer started over. A server that ignores the prefill
// (continue_final_message, an assistant prefill) writes the answer again from its first sentence,
// often in slightly different words, so an exact comparison misses it. The test is on words, in
// order: the continuation's first words must follow the answer's first words closely, begin where
// the answer begins, and resemble the answer's beginning more than its end. A real continuation
// goes on from the end, mid-sentence: it may repeat a word or two of the answer, not its opening.

/** How many first words of each are compared. */
export const RESTART_WORDS = 8;

/** Fewer words than this in the answer, and there is no opening to recognise. */
const MIN_ANSWER_WORDS = 3;

export type RestartVerdict = 'restart' | 'continuation' | 'undecided';

/**
 * The verdict on a continuation whose text so far is `head` (`ended`: it will not grow).
 * `undecided` while too few of its words arrived; a head that does not begin as the answer does
 * is a continuation after its first two words, so a real continuation is held back that little.
 */
export function restartVerdict(answer: string, head: string, ended: boolean): RestartVerdict {
  const opening = words(answer);
  if (opening.length < MIN_ANSWER_WORDS) return 'continuation';
  const got = words(ended ? head : wholeWords(head)).slice(0, RESTART_WORDS);
  if (got.length >= 2 && !beginsAlike(opening, got)) return 'continuation';
  const compared = Math.min(RESTART_WORDS, opening.length);
  if (got.length < compared && !ended) return 'undecided';
  const alike = commonInOrder(opening.slice(0, RESTART_WORDS), got);
  if (alike < Math.max(MIN_ANSWER_WORDS, Math.ceil(0.6 * compared))) return 'continuation';
  // Repetitive text (list items, steps) starts like its own end too: then it is going on.
  if (opening.length > RESTART_WORDS) {
    const closing = opening.slice(Math.max(RESTART_WORDS, opening.length - RESTART_WORDS));
    if (commonInOrder(closing, got) >= alike) return 'continuation';
  }
  return 'restart';
}

/** Words compared: lower case, letters and digits only ("items." and "Items" are one word). */
function words(text: string): string[] {
  return text
    .split(/\s+/)
    .map((w) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((w) => w !== '');
}

/** `text` up to its last whitespace: the words known to be whole. */
function wholeWords(text: string): string {
  const end = text.search(/\s\S*$/);
  return end < 0 ? '' : text.slice(0, end);
}

/** One of the first two words of each is the same ("The inventory…" / "An inventory…"). */
function beginsAlike(a: readonly string[], b: readonly string[]): boolean {
  return a.slice(0, 2).some((w) => b.slice(0, 2).includes(w));
}

/** The length of the longest common subsequence of two short word lists. */
function commonInOrder(a: readonly string[], b: readonly string[]): number {
  let row = new Array<number>(b.length + 1).fill(0);
  for (const wa of a) {
    const next = [0];
    for (let j = 0; j < b.length; j++) next.push(wa === b[j] ? (row[j] ?? 0) + 1 : Math.max(row[j + 1] ?? 0, next[j] ?? 0));
    row = next;
  }
  return row[b.length] ?? 0;
}
