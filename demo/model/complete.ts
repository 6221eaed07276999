// Fill-in-the-middle with the n-gram model: continue the prefix token by token (greedy, so the
// same input always gives the same text) and stop where a code model would: at the end of the
// line when text follows the cursor, where the continuation meets the suffix, at the end of the
// block, at a blank line, or when the model runs out of context or starts to loop.
import { NgramCounts, predictNext } from './ngram';
import { indentOf, isLineBreak, tokenize } from './tokenize';

export interface FimOptions {
  /** Most tokens to generate (the remainder of a half-typed token counts as one). */
  readonly maxTokens: number;
  /** Most new lines in a multi-line completion. */
  readonly maxLines?: number;
  /** Stop sequences (OpenAI `stop`): the text ends before the first one. */
  readonly stop?: readonly string[];
}

/** Why generation ended; 'length' is the only one that is not a natural end. */
export type StopCause = 'length' | 'no-context' | 'loop' | 'line-end' | 'suffix' | 'block-end' | 'blank-line' | 'max-lines' | 'stop-sequence';

export interface FimResult {
  readonly text: string;
  /** `text` cut where tokens end: what a server streams, one piece per event. */
  readonly pieces: readonly string[];
  readonly cause: StopCause;
  /** Tokens in prefix + suffix, for the usage report. */
  readonly promptTokens: number;
}

const DEFAULT_MAX_LINES = 10;
const OPENERS = /[([{]/g;
const CLOSERS = /[)\]}]/g;

/**
 * Completes the text between `prefix` and `suffix`. `workspace` holds the counts of the
 * workspace's files; the request's own prefix and suffix are counted on top of them, so a name
 * or line written earlier in the same (unsaved) file is known too.
 */
export function completeFim(workspace: NgramCounts, prefix: string, suffix: string, options: FimOptions): FimResult {
  const prefixTokens = tokenize(prefix);
  const suffixTokens = tokenize(suffix);
  // The last token of the prefix may be half-typed ("inv" of "inventory"): it is not learnt as a
  // token, or the model would believe the user's half word is a whole one.
  const partial = prefixTokens.pop();
  const own = new NgramCounts(workspace.order);
  own.add(prefixTokens);
  own.add(suffixTokens);
  const tables = [workspace, own];

  const history = [...prefixTokens];
  const pieces: string[] = [];
  // A line break with its indentation is taken as typed: the editor indented the new line, and
  // the model should not second-guess that.
  if (partial !== undefined && !isLineBreak(partial)) {
    const inContext = predictNext(tables, history, { startsWith: partial, allowEqual: true, minContext: 1 })?.token;
    // No context knows it: any word of the workspace that starts like it (a name used before),
    // with or without the spaces in front of it there.
    const anyWord = /\w/.test(partial) ? predictNext(tables, history, { startsWith: partial, allowEqual: true, minContext: 0, bare: true })?.token : undefined;
    const whole = inContext ?? (anyWord === undefined ? partial : leadingSpace(partial) + anyWord.trimStart());
    if (whole !== partial) pieces.push(whole.slice(partial.length));
    history.push(whole);
  } else if (partial !== undefined) {
    history.push(partial);
  }

  const cursorLine = lastLine(prefix);
  const lineRest = firstLine(suffix);
  const layout: Layout = {
    singleLine: lineRest.trim() !== '',
    lineRest: lineRest.trimStart(),
    // Brackets opened before the cursor on its line that the text after the cursor does not close.
    unclosed: Math.max(0, count(cursorLine, OPENERS) - count(cursorLine, CLOSERS) - (count(lineRest, CLOSERS) - count(lineRest, OPENERS))),
    baseIndent: leadingSpace(cursorLine),
    nextSuffixLine: firstNonBlankLine(suffix.slice(lineRest.length)).trimEnd(),
  };
  const cause = generate(tables, history, pieces, layout, options);
  return finish(pieces, cause, options.stop ?? [], prefixTokens.length + (partial === undefined ? 0 : 1) + suffixTokens.length);
}

interface Layout {
  readonly singleLine: boolean;
  readonly lineRest: string;
  readonly unclosed: number;
  readonly baseIndent: string;
  readonly nextSuffixLine: string;
}

function generate(tables: readonly NgramCounts[], history: string[], pieces: string[], layout: Layout, options: FimOptions): StopCause {
  const order = tables[0].order;
  const maxLines = options.maxLines ?? DEFAULT_MAX_LINES;
  const visited = new Set<string>();
  let depth = 0; // brackets opened minus closed in the generated text
  let lines = 0;
  let lineStart = 0; // index in `pieces` where the current generated line starts
  let indent = ''; // the current generated line's indentation
  let closerLineEnds = false; // the current line closes the block: stop at its end
  let line = lastLine(history.join('')); // the text of the line being written, for block openers
  const cursorLineBlank = line.trim() === '';
  // Past the first line, only continue while the model has real context; a guess that spans
  // lines reads as nonsense. A half-written last line is dropped.
  const endAtLastLine = (cause: StopCause): StopCause => {
    if (lines > 0) pieces.splice(lineStart - 1);
    return cause;
  };

  while (pieces.length < options.maxTokens) {
    // Greedy decoding depends only on the last order-1 tokens: meeting them again is a loop.
    const state = history.slice(-(order - 1)).join('\u0000');
    if (visited.has(state)) return endAtLastLine('loop');
    visited.add(state);

    const next = predictNext(tables, history, { minContext: lines > 0 ? 2 : 1 });
    if (!next) return endAtLastLine('no-context');
    const token = next.token;

    if (layout.singleLine) {
      if (isLineBreak(token)) return 'line-end';
      // The text after the cursor is a likely continuation here (not only the likeliest): the
      // hole is filled.
      if (depth + layout.unclosed <= 0 && [...next.alternatives.keys()].some((t) => startsSuffix(t, layout.lineRest))) return 'suffix';
    } else if (isLineBreak(token)) {
      const finished = indent + pieces.slice(lineStart).join('');
      // Mid-line, finish the line only. At the end of a finished line (nothing written on it yet)
      // go on to the next lines, as a code model does after a statement.
      if (lines === 0 && pieces.length > 0 && !cursorLineBlank && !opensBlock(line)) return 'line-end';
      if (lines > 0 && layout.nextSuffixLine && finished.trimEnd() === layout.nextSuffixLine) {
        pieces.splice(lineStart - 1); // that line is already written after the cursor
        return 'suffix';
      }
      if (closerLineEnds) return 'block-end';
      if (lines >= maxLines) return 'max-lines';
      if (lines > 0 && finished.trim() === '') {
        pieces.splice(lineStart - 1); // do not end on an empty line
        return 'blank-line';
      }
      indent = indentOf(token);
      if (indent.length < layout.baseIndent.length) return 'block-end';
      if (indent.length === layout.baseIndent.length && opensBlock(line)) {
        // The block opened on this line ends here: keep a closing bracket line, then stop.
        const after = predictNext(tables, [...history, token], { minContext: 2 });
        if (!after || !/^[)\]}]/.test(after.token.trimStart())) return 'block-end';
        closerLineEnds = true;
      }
      lines++;
      lineStart = pieces.length + 1;
      line = '';
    }

    pieces.push(token);
    history.push(token);
    if (!isLineBreak(token)) line += token;
    depth += count(token, OPENERS) - count(token, CLOSERS);
  }
  return 'length';
}

/** `token` (without its leading spaces) is how `lineRest` begins. */
function startsSuffix(token: string, lineRest: string): boolean {
  const bare = token.trimStart();
  return bare !== '' && lineRest.startsWith(bare);
}

function finish(pieces: string[], cause: StopCause, stops: readonly string[], promptTokens: number): FimResult {
  let text = pieces.join('');
  const cut = Math.min(...stops.filter((s) => s !== '').map((s) => text.indexOf(s)).filter((i) => i >= 0));
  if (Number.isFinite(cut)) {
    text = text.slice(0, cut);
    cause = 'stop-sequence';
  }
  if (text.trim() === '') return { text: '', pieces: [], cause, promptTokens };
  return { text, pieces: cutPieces(pieces, text.length), cause, promptTokens };
}

/** The pieces covering the first `length` characters of their concatenation. */
function cutPieces(pieces: readonly string[], length: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const piece of pieces) {
    if (used >= length) break;
    out.push(piece.slice(0, length - used));
    used += piece.length;
  }
  return out;
}

/** A line that opens an indented block: ends with `{`, `(`, `[`, `:` or `=>`. */
function opensBlock(line: string): boolean {
  return /(?:[{([:]|=>)\s*$/.test(line.replace(/\s*(?:\/\/|#).*$/, ''));
}

function lastLine(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1);
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}

function firstNonBlankLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '') ?? '';
}

function leadingSpace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
