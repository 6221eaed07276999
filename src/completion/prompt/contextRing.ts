// The extra context of Rill's prompts: a ring of chunks (ranges of lines) from places the user
// worked in or looks at: recently edited ranges, ranges they selected (copying or yanking selects
// first), and the top of each open file. Edits and selections are only noted as they happen; the
// ring itself changes in `refill`, which the idle module (idleRefresh.ts) calls while the user is
// idle, never between two keystrokes of a burst. A refill keeps the chunks that stay in their
// positions and appends new ones, so a server's cache of the prompt stays valid up to the first
// chunk that changed. It also anchors the prefix window (steppedWindow.ts) with room to type into.
// Pure: no clock, no randomness; the same notes, documents and state give the same ring.
import type { ContextSnippet } from '../../llm/types';
import type { DocumentState, OpenDocument } from '../types';
import type { PromptContext } from './promptContext';
import { ANCHOR_ROOM, anchorLineFor, steppedBudgets, steppedPrefixStart, SUFFIX_LINES } from './steppedWindow';
import { CHARS_PER_TOKEN, estimateTokens } from './tokens';

export type ChunkSource = 'edit' | 'selection' | 'open';

export interface RingChunk {
  readonly uri: string;
  readonly path: string;
  readonly startLine: number;
  /** Exclusive. */
  readonly endLine: number;
  readonly text: string;
  readonly source: ChunkSource;
}

export interface RingOptions {
  readonly maxChunks: number;
  readonly chunkLines: number;
}

export const defaultRingOptions: RingOptions = { maxChunks: 8, chunkLines: 16 };

/** Notes kept between refills, newest last. */
const MAX_MARKS = 16;
/** A selection shorter than this is a word or a line, not context worth a chunk. */
const MIN_SELECTION_LINES = 3;
/** Edit ranges snap to this grid, so that editing nearby lines keeps the same chunk. */
const EDIT_GRID = 4;
/** Files larger than this are not chunked (generated code, bundles, logs). */
const MAX_DOCUMENT_CHARS = 200_000;

interface Mark {
  readonly uri: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly source: 'edit' | 'selection';
}

export interface RefillInput {
  /** Documents allowed as context (trust and deny-list applied), the focused one included. */
  readonly documents: readonly OpenDocument[];
  /** The document being edited, where the cursor is. */
  readonly focus: DocumentState | undefined;
  readonly contextTokens: number;
}

export class ContextRing implements PromptContext {
  readonly layout = 'stepped' as const;
  private ring: RingChunk[] = [];
  private marks: Mark[] = [];
  private anchor: { readonly uri: string; readonly line: number } | undefined;
  /** Tokens the ring may use, set at each refill: its share, plus prefix budget the focused file leaves unused. */
  private budget = 0;

  constructor(private readonly options: RingOptions = defaultRingOptions) {}

  /** The chunks in prompt order. */
  get chunks(): readonly RingChunk[] {
    return this.ring;
  }

  /** The user changed `uri` around `line`. */
  noteEdit(uri: string, line: number): void {
    const half = Math.floor(this.options.chunkLines / 2);
    const startLine = Math.max(0, Math.floor((line - half) / EDIT_GRID) * EDIT_GRID);
    this.mark({ uri, startLine, endLine: startLine + this.options.chunkLines, source: 'edit' });
  }

  /** The user selected lines `startLine`..`endLine` (inclusive) of `uri`. */
  noteSelection(uri: string, startLine: number, endLine: number): void {
    if (endLine - startLine + 1 < MIN_SELECTION_LINES) return;
    this.mark({ uri, startLine, endLine: Math.min(endLine + 1, startLine + this.options.chunkLines), source: 'selection' });
  }

  private mark(mark: Mark): void {
    // A newer note of (mostly) the same range replaces the older one.
    this.marks = this.marks.filter((m) => m.uri !== mark.uri || overlap(m, mark) * 2 <= Math.min(m.endLine - m.startLine, mark.endLine - mark.startLine));
    this.marks.push(mark);
    if (this.marks.length > MAX_MARKS) this.marks.shift();
  }

  /**
   * Rebuilds the ring from the notes and the open documents (only while the user is idle).
   * Returns whether the prompt's start changed (chunks or the anchor): then a warm-up is worth it.
   */
  refill(input: RefillInput): boolean {
    const budgets = steppedBudgets(input.contextTokens);
    const documents = new Map(input.documents.filter((d) => d.text.length <= MAX_DOCUMENT_CHARS).map((d) => [d.uri, d]));
    const inWindow = input.focus && focusWindow(input.focus, budgets.prefixChars(0));
    // A short file leaves prefix budget unused: the ring may take it, keeping room to type into.
    const prefixTokens = Math.floor(budgets.prefixChars(budgets.ringTokens) / CHARS_PER_TOKEN);
    const spare = input.focus ? Math.max(0, Math.floor(prefixTokens * (1 - ANCHOR_ROOM)) - estimateTokens(input.focus.prefix)) : 0;
    this.budget = budgets.ringTokens + spare;
    const desired: RingChunk[] = [];
    let tokens = 0;
    for (const candidate of this.candidates(documents)) {
      if (desired.length >= this.options.maxChunks) break;
      const doc = documents.get(candidate.uri)!;
      const whole = cut(doc, candidate);
      if (!whole || (inWindow && whole.uri === input.focus?.uri && overlap(whole, inWindow) > 0)) continue;
      if (desired.some((c) => c.uri === whole.uri && overlap(c, whole) > 0)) continue;
      // The top of an open file may be cut short to use the rest of the budget; notes stay whole.
      const chunk = chunkTokens(whole) <= this.budget - tokens || whole.source !== 'open' ? whole : shortened(doc, whole, this.budget - tokens);
      if (!chunk || tokens + chunkTokens(chunk) > this.budget) continue;
      desired.push(chunk);
      tokens += chunkTokens(chunk);
    }
    // Chunks that stay keep their positions (and their fresh text); new ones go after them.
    const kept = this.ring.flatMap((old) => desired.filter((c) => sameRange(c, old)));
    const next = [...kept, ...desired.filter((c) => !kept.includes(c))];
    const changed = next.length !== this.ring.length || next.some((c, i) => !sameChunk(c, this.ring[i]!));
    this.ring = next;
    return this.reanchor(input.focus, budgets.prefixChars(tokens)) || changed;
  }

  /** Marks newest first, then the top of every open document by path. */
  private *candidates(documents: ReadonlyMap<string, OpenDocument>): Generator<Mark | { uri: string; startLine: number; endLine: number; source: 'open' }> {
    for (let i = this.marks.length - 1; i >= 0; i--) if (documents.has(this.marks[i]!.uri)) yield this.marks[i]!;
    const open = [...documents.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const doc of open) yield { uri: doc.uri, startLine: 0, endLine: this.options.chunkLines, source: 'open' };
  }

  /** Keeps the anchor while the text from it fits with some room left; else anchors anew. True when it moved. */
  private reanchor(focus: DocumentState | undefined, prefixChars: number): boolean {
    if (!focus) return false;
    // Anchors are lines of the document; the focus's prefix may be a window starting at `first`.
    const first = focus.prefixLine ?? 0;
    const old = this.anchor?.uri === focus.uri ? this.anchor.line : undefined;
    if (old !== undefined && old >= first) {
      const start = steppedPrefixStart(focus.prefix, prefixChars, old - first);
      const fromOld = lineOffset(focus.prefix, old - first);
      if (start === fromOld && focus.prefix.length - fromOld <= prefixChars * (1 - ANCHOR_ROOM / 2)) return false;
    }
    const line = first + anchorLineFor(focus.prefix, prefixChars);
    this.anchor = { uri: focus.uri, line };
    return line !== old;
  }

  /** The ring's chunks, within `maxTokens` or the budget of the last refill (which may include unused prefix budget). */
  snippetsFor(_state: DocumentState, _documents: readonly OpenDocument[], maxTokens: number): ContextSnippet[] {
    const out: ContextSnippet[] = [];
    const limit = Math.max(maxTokens, this.budget);
    let tokens = 0;
    for (const chunk of this.ring) {
      tokens += chunkTokens(chunk);
      if (tokens > limit) break;
      out.push({ path: chunk.path, text: chunk.text });
    }
    return out;
  }

  prefixAnchor(uri: string): number | undefined {
    return this.anchor?.uri === uri ? this.anchor.line : undefined;
  }
}

function overlap(a: { startLine: number; endLine: number }, b: { startLine: number; endLine: number }): number {
  return Math.max(0, Math.min(a.endLine, b.endLine) - Math.max(a.startLine, b.startLine));
}

const sameRange = (a: RingChunk, b: RingChunk) => a.uri === b.uri && a.startLine === b.startLine && a.endLine === b.endLine;
const sameChunk = (a: RingChunk, b: RingChunk) => sameRange(a, b) && a.text === b.text && a.path === b.path;
const chunkTokens = (c: RingChunk) => estimateTokens(c.path) + estimateTokens(c.text) + 2;

/** The lines of `doc` a mark covers, or undefined when they are blank or past its end. */
function cut(doc: OpenDocument, m: { startLine: number; endLine: number; source: ChunkSource }): RingChunk | undefined {
  const lines = doc.text.split('\n');
  const endLine = Math.min(m.endLine, lines.length);
  if (m.startLine >= endLine) return undefined;
  const text = lines.slice(m.startLine, endLine).join('\n');
  return text.trim() ? { uri: doc.uri, path: doc.path, startLine: m.startLine, endLine, text, source: m.source } : undefined;
}

/** The first lines of `chunk` that fit `tokens`, when at least MIN_SELECTION_LINES of them do. */
function shortened(doc: OpenDocument, chunk: RingChunk, tokens: number): RingChunk | undefined {
  for (let end = chunk.endLine - 1; end - chunk.startLine >= MIN_SELECTION_LINES; end--) {
    const shorter = cut(doc, { ...chunk, endLine: end });
    if (shorter && chunkTokens(shorter) <= tokens) return shorter;
  }
  return undefined;
}

/** The lines of the focused document its prompt already holds: the widest prefix window, the suffix. */
function focusWindow(focus: DocumentState, prefixChars: number): { startLine: number; endLine: number } {
  const first = focus.prefixLine ?? 0;
  const cursorLine = first + count(focus.prefix, '\n');
  const start = steppedPrefixStart(focus.prefix, prefixChars);
  return { startLine: first + count(focus.prefix.slice(0, start), '\n'), endLine: cursorLine + SUFFIX_LINES + 1 };
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset;
}
