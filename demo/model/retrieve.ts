// Finds the workspace passage most related to a chat message: the demo model cannot answer
// questions, but it can honestly point at the code the question is about. Passages are scored
// with BM25 over the words of identifiers (formatPrice -> format, price), so "how are prices
// formatted?" finds `formatPrice`.

export interface SourceFile {
  /** Workspace-relative path with forward slashes. */
  readonly path: string;
  readonly text: string;
}

export interface Passage {
  readonly path: string;
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  readonly text: string;
}

export interface Match {
  readonly passage: Passage;
  readonly score: number;
  /** The message's words that the passage contains, most informative first. */
  readonly sharedTerms: readonly string[];
}

const MAX_PASSAGE_LINES = 30;
const K1 = 1.2;
const B = 0.75;

const STOPWORDS = new Set(
  (
    'the and for with what how does this that are was were from into have has had can could would should will ' +
    'you your not but all any its about which when where why who there their them then than also just like ' +
    'please explain show tell give make use used using code file function method class return returns const let ' +
    'var def import export self none null true false new int str string number'
  ).split(' '),
);

export class PassageIndex {
  private readonly passages: Passage[] = [];
  private readonly terms: Map<string, number>[] = [];
  private readonly documentFrequency = new Map<string, number>();
  private readonly averageLength: number;

  constructor(files: readonly SourceFile[]) {
    for (const file of files) {
      for (const passage of splitPassages(file)) {
        const bag = new Map<string, number>();
        // The first line (a definition's name) and the path say what a passage is about: they count double.
        const heading = passage.text.split('\n', 1)[0];
        for (const term of [...termsOf(passage.text), ...termsOf(heading), ...termsOf(passage.path)]) bag.set(term, (bag.get(term) ?? 0) + 1);
        this.passages.push(passage);
        this.terms.push(bag);
        for (const term of bag.keys()) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      }
    }
    const lengths = this.terms.map(lengthOf);
    this.averageLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
  }

  get size(): number {
    return this.passages.length;
  }

  /** The best passage for `query`, or undefined when no passage shares a word with it. */
  best(query: string): Match | undefined {
    const queryTerms = [...new Set(termsOf(query))];
    let best: Match | undefined;
    this.passages.forEach((passage, i) => {
      const bag = this.terms[i];
      let score = 0;
      const shared: { term: string; weight: number }[] = [];
      for (const term of queryTerms) {
        const tf = bag.get(term);
        if (!tf) continue;
        const weight = this.idf(term);
        score += (weight * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * lengthOf(bag)) / this.averageLength));
        shared.push({ term, weight });
      }
      // Strictly greater: among equals the earliest passage (file order, then line) wins.
      if (score > 0 && (!best || score > best.score)) {
        best = { passage, score, sharedTerms: shared.sort((a, b) => b.weight - a.weight).map((s) => s.term) };
      }
    });
    return best;
  }

  private idf(term: string): number {
    const n = this.passages.length;
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}

/**
 * Cuts a file into passages: paragraphs separated by blank lines, where an indented paragraph
 * stays with the one before it (the body of a function with blank lines inside), at most
 * MAX_PASSAGE_LINES lines each.
 */
export function splitPassages(file: SourceFile): Passage[] {
  const lines = file.text.split(/\r?\n/);
  const passages: Passage[] = [];
  let start = -1;
  let end = -1;
  const flush = (): void => {
    if (start >= 0) passages.push({ path: file.path, startLine: start + 1, endLine: end + 1, text: lines.slice(start, end + 1).join('\n') });
    start = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const afterBlank = i > 0 && lines[i - 1].trim() === '';
    const continues = start >= 0 && (!afterBlank || /^[ \t]/.test(line)) && i - start < MAX_PASSAGE_LINES;
    if (!continues) flush();
    if (start < 0) start = i;
    end = i;
  }
  flush();
  return passages;
}

/** The informative words of a text: identifiers split at case changes and underscores, stemmed. */
export function termsOf(text: string): string[] {
  const out: string[] = [];
  for (const identifier of text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []) {
    for (const part of identifier.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)) {
      const word = part.toLowerCase();
      if (word.length < 3 || STOPWORDS.has(word)) continue;
      out.push(stem(word));
    }
  }
  return out;
}

/** A light suffix stripper: prices -> price, formatted / formatting -> format. */
function stem(word: string): string {
  let w = word;
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && w !== word) w = w.slice(0, -1);
  return w;
}

function lengthOf(bag: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const c of bag.values()) n += c;
  return n;
}
