// The streaming stage between a chat model's answer and the editor: it lets code through line by
// line and keeps markdown out. Models asked for "code only" still often wrap it in a fence, or say
// "Here is the function:" first; none of that may land in the user's file.
//
// Rules, per complete line:
// - before any code: blank lines are skipped; prose-looking lines are held back; an opening fence
//   (```lang or ~~~) drops what was held (it was a preamble) and starts the code;
// - inside a fence: the matching closing fence ends the block; what follows is read only as far as
//   a few lines of prose (AFTER_BLOCK_MAX_LINES / _CHARS) looking for the opening fence of another
//   block, whose code is then written too, one blank line after the last; prose between blocks is
//   dropped. Past that bound the answer is over (`done`) and the rest is never read: an answer
//   that splits its code ("First the helper: … Then the caller: …") says so in a line or two,
//   while an explanation after the code runs on for paragraphs that would only cost tokens;
// - code without a fence: a fence line ends it (the model closed a block it never opened); a
//   prose-looking line after code ("Hope that helps!") is held back: it is written, with the blank
//   lines around it, when code follows (a docstring or comment sentence), and dropped when the
//   answer ends first. Code lines are never held, so the hold costs them no time;
// - held prose with no fence after it is the answer itself (a docstring, a paragraph of markdown):
//   it is let through once it grows too long to be a preamble, or when the stream ends.
// A line's newline is emitted only when another line follows, and trailing blank lines never,
// so the inserted text ends where the code ends.

/** More held prose than this is not a preamble. */
const MAX_PREAMBLE_LINES = 8;

/**
 * How far past a closing fence another block is looked for. A sentence that introduces the next
 * block ("Then the caller, which uses it:") is one or two lines, with blank lines around it; six
 * non-blank lines or 400 characters (about 100 tokens, a second or two of a cloud model) leaves room for a
 * short paragraph and caps what an explanation after the last block costs.
 */
const AFTER_BLOCK_MAX_LINES = 6;
const AFTER_BLOCK_MAX_CHARS = 400;

type State = 'head' | 'fenced' | 'between' | 'bare' | 'done';

interface Fence {
  readonly char: '`' | '~';
  readonly length: number;
}

export interface CodeOnlyOptions {
  /**
   * The file is prose (markdown, plain text): a sentence after code is content, not the model's
   * closing words, and is never held back.
   */
  readonly proseIsContent?: boolean;
}

export class CodeOnlyFilter {
  private state: State = 'head';
  private partial = '';
  private held: string[] = [];
  private fence: Fence | undefined;
  private emittedAny = false;
  private blankLines = 0;
  /** Non-blank lines and characters read since the last closing fence. */
  private afterBlockLines = 0;
  private afterBlockChars = 0;
  private blockCount = 0;
  private blockHasCode = false;
  private cut = false;
  /** Sentences are part of the answer: it is prose itself, or the file is. */
  private proseIsAnswer: boolean;

  constructor(options: CodeOnlyOptions = {}) {
    this.proseIsAnswer = options.proseIsContent ?? false;
  }

  /** True once the answer holds no more code to read: the caller should stop the stream. */
  get done(): boolean {
    return this.state === 'done';
  }

  /** Code blocks (fenced, or code without a fence) that put at least one line into the output. */
  get blocks(): number {
    return this.blockCount;
  }

  /** Takes a piece of the answer; returns the text that may be inserted now (often ''). */
  push(chunk: string): string {
    if (this.state === 'done') return '';
    this.partial += chunk;
    let out = '';
    let newline = this.partial.indexOf('\n');
    while (newline >= 0 && !this.done) {
      const line = stripCr(this.partial.slice(0, newline));
      this.partial = this.partial.slice(newline + 1);
      out += this.line(line);
      newline = this.partial.indexOf('\n');
    }
    // A line after the code that is already too long to be a sentence introducing a block.
    if (this.state === 'between' && this.afterBlockChars + this.partial.length > AFTER_BLOCK_MAX_CHARS) this.state = 'done';
    if (this.done) this.partial = '';
    return out;
  }

  /** The stream ended: what is still held back and may be inserted. */
  finish(): string {
    if (this.state === 'done') return '';
    let out = '';
    if (this.partial !== '') {
      const last = stripCr(this.partial);
      this.partial = '';
      out += this.line(last);
    }
    // Held before any code: the answer is prose. Held after code: the model's closing words.
    if (this.state === 'head' && this.held.length > 0) out += this.release();
    this.held = [];
    this.state = 'done';
    return out;
  }

  /**
   * The stream broke off (a dropped connection, a server error): everything received is kept, and
   * so is the line the stream stopped in when it is code, though it may be cut short (see
   * `lastLineCut`). Prose still held back is dropped: it cannot be told whether it was a preamble,
   * closing words or the answer. A user's Stop calls neither this nor `finish`: half a line is
   * rarely wanted there.
   */
  finishCut(): string {
    if (this.state === 'done') return '';
    let out = '';
    const last = stripCr(this.partial);
    this.partial = '';
    const unfenced = this.state === 'head' || this.state === 'bare';
    // The start of a fence, or a sentence that had not reached its full stop yet.
    const notCode = /^ {0,3}(`{1,2}|~{1,2})$/.test(last) || (unfenced && looksLikeProse(`${last.trimEnd()}.`));
    if (last.trim() !== '' && !notCode) {
      out = this.line(last);
      this.cut = out !== '';
    }
    this.held = [];
    this.state = 'done';
    return out;
  }

  /** True when `finishCut` wrote a line that had not ended: it may be incomplete. */
  get lastLineCut(): boolean {
    return this.cut;
  }

  private line(line: string): string {
    switch (this.state) {
      case 'head':
        return this.headLine(line);
      case 'fenced':
        if (this.fence && isClosingFence(line, this.fence)) {
          this.state = 'between';
          this.afterBlockLines = 0;
          this.afterBlockChars = 0;
          return '';
        }
        return this.emit(line);
      case 'between':
        return this.betweenLine(line);
      case 'bare':
        if (openingFence(line)) {
          this.held = [];
          this.state = 'done';
          return '';
        }
        return this.bareLine(line);
      case 'done':
        return '';
    }
  }

  private headLine(line: string): string {
    if (line.trim() === '') return '';
    const fence = openingFence(line);
    if (fence) {
      this.held = [];
      this.openBlock(fence);
      return '';
    }
    if (looksLikeProse(line)) {
      this.held.push(line);
      return this.held.length > MAX_PREAMBLE_LINES ? this.release() : '';
    }
    // Code without a fence: whatever prose came first was a preamble.
    this.held = [];
    this.state = 'bare';
    this.blockHasCode = false;
    return this.emit(line);
  }

  /** After a closing fence: another block, or prose that is either a short link or the end. */
  private betweenLine(line: string): string {
    const fence = openingFence(line);
    if (fence) {
      this.openBlock(fence);
      // One blank line between blocks, whatever blank lines ended the last one.
      if (this.emittedAny) this.blankLines = 1;
      return '';
    }
    if (line.trim() !== '') this.afterBlockLines++;
    this.afterBlockChars += line.length + 1;
    if (this.afterBlockLines > AFTER_BLOCK_MAX_LINES || this.afterBlockChars > AFTER_BLOCK_MAX_CHARS) this.state = 'done';
    return '';
  }

  private openBlock(fence: Fence): void {
    this.fence = fence;
    this.state = 'fenced';
    this.blockHasCode = false;
  }

  /** Code without a fence: sentences after it wait until code follows them. */
  private bareLine(line: string): string {
    const blank = line.trim() === '';
    if (this.held.length > 0 && (blank || looksLikeProse(line))) {
      this.held.push(line);
      return '';
    }
    if (this.held.length === 0 && !blank && !this.proseIsAnswer && looksLikeProse(line)) {
      this.held.push(line);
      return '';
    }
    // Code: what was held sat inside the code (a docstring, a comment's sentence).
    const held = this.held;
    this.held = [];
    return held.map((l) => this.emit(l)).join('') + this.emit(line);
  }

  /** Held lines are the answer after all. */
  private release(): string {
    const lines = this.held;
    this.held = [];
    this.state = 'bare';
    this.blockHasCode = false;
    this.proseIsAnswer = true;
    return lines.map((l) => this.emit(l)).join('');
  }

  private emit(line: string): string {
    if (line.trim() === '') {
      // A block's leading blank lines are dropped; inner ones wait until code follows them.
      if (this.blockHasCode) this.blankLines++;
      return '';
    }
    const before = this.emittedAny ? '\n'.repeat(this.blankLines + 1) : '';
    this.blankLines = 0;
    this.emittedAny = true;
    if (!this.blockHasCode) {
      this.blockHasCode = true;
      this.blockCount++;
    }
    return before + line;
  }
}

/** Runs a stream of text pieces through a CodeOnlyFilter; ends when the filter is done. */
export async function* codeOnly(pieces: AsyncIterable<string>): AsyncGenerator<string> {
  const filter = new CodeOnlyFilter();
  for await (const piece of pieces) {
    const text = filter.push(piece);
    if (text) yield text;
    if (filter.done) return;
  }
  const rest = filter.finish();
  if (rest) yield rest;
}

/** CommonMark: up to three spaces of indentation, then three or more backticks or tildes. */
export function openingFence(line: string): Fence | undefined {
  const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
  if (!m) return undefined;
  const marks = m[1] as string;
  // A backtick fence's info string may not contain backticks.
  if (marks[0] === '`' && (m[2] ?? '').includes('`')) return undefined;
  return { char: marks[0] as '`' | '~', length: marks.length };
}

function isClosingFence(line: string, fence: Fence): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  return !!m && (m[1] as string)[0] === fence.char && (m[1] as string).length >= fence.length;
}

/**
 * A sentence rather than a line of code: starts with a capital letter (keyword lines such as
 * Python's `for item in items:` start in lower case), has a few words, ends like a sentence or an
 * announcement, and is mostly plain words once markdown is read as a person reads it: a code span
 * (`add`) and an emphasised word (*total*) are words of the sentence
 * ("Here is the updated `add` function:").
 */
export function looksLikeProse(line: string): boolean {
  const t = line.trim();
  if (!/^[A-Z]/.test(t) || !/[.:!]$/.test(t)) return false;
  // A code span is one word, whatever it holds.
  const words = t.replace(/`[^`]+`/g, 'code').split(/\s+/);
  if (words.length < 3) return false;
  const plain = words.filter((w) => /^[A-Za-z][A-Za-z'’-]*$/.test(w.replace(/^[(["'*_]+|[)\]"'*_.,:;!?]+$/g, ''))).length;
  return plain / words.length >= 0.7;
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
