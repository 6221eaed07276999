// Snippets from other open files, chosen by similarity to the code above the cursor (Jaccard
// similarity of identifier sets over sliding windows of lines). The order is deterministic: the
// same documents and cursor context always give the same snippets, in the same order, or reuse and
// server-side prompt caching break.
import type { ContextSnippet } from '../../llm/types';
import { IDENTIFIER } from '../text';
import type { DocumentState, OpenDocument } from '../types';
import type { PromptContext } from './promptContext';
import { estimateTokens } from './tokens';

export interface SnippetOptions {
  readonly maxTokens: number;
  readonly maxSnippets: number;
  readonly windowLines: number;
  /** Below this similarity a window is noise. */
  readonly minScore: number;
}

export const defaultSnippetOptions: SnippetOptions = { maxTokens: 400, maxSnippets: 3, windowLines: 20, minScore: 0.12 };

/** Files larger than this are not scanned (generated code, bundles, logs). */
const MAX_DOCUMENT_CHARS = 200_000;
/** Identifiers too common to say anything about similarity. */
const STOP_WORDS = new Set(['const', 'let', 'var', 'function', 'return', 'if', 'else', 'for', 'while', 'import', 'from', 'export', 'new', 'this', 'self', 'def', 'class', 'true', 'false', 'null', 'undefined', 'None', 'in', 'of', 'the', 'a', 'to', 'is', 'and', 'or', 'not']);

export function identifiers(text: string): Set<string> {
  const set = new Set<string>();
  for (const match of text.matchAll(IDENTIFIER)) {
    if (match[0].length > 1 && !STOP_WORDS.has(match[0])) set.add(match[0]);
  }
  return set;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Window {
  readonly path: string;
  readonly startLine: number;
  readonly text: string;
  readonly ids: ReadonlySet<string>;
}

/** Lines above the cursor that pick the snippets. */
const QUERY_LINES = 20;

/**
 * The baseline prompt context: snippets chosen per request by similarity to the lines above the
 * cursor, with windows that follow the cursor (the 'sliding' layout). Windows of each document are
 * cached by its text (tabs rarely change between two requests).
 */
export class SnippetIndex implements PromptContext {
  readonly layout = 'sliding' as const;
  private readonly cache = new Map<string, { text: string; windows: Window[] }>();

  snippetsFor(state: DocumentState, documents: readonly OpenDocument[], maxTokens: number): ContextSnippet[] {
    return selectSnippets(queryText(state.prefix), documents, this, { ...defaultSnippetOptions, maxTokens });
  }

  prefixAnchor(): undefined {
    return undefined;
  }

  windows(doc: OpenDocument, windowLines: number): Window[] {
    const cached = this.cache.get(doc.uri);
    if (cached && cached.text === doc.text) return cached.windows;
    const lines = doc.text.split('\n');
    const step = Math.max(1, Math.floor(windowLines / 2));
    const windows: Window[] = [];
    for (let start = 0; start < lines.length; start += step) {
      const text = lines.slice(start, start + windowLines).join('\n');
      windows.push({ path: doc.path, startLine: start, text, ids: identifiers(text) });
      if (start + windowLines >= lines.length) break;
    }
    this.cache.set(doc.uri, { text: doc.text, windows });
    return windows;
  }

  /** Forgets documents that are no longer open. */
  retain(uris: ReadonlySet<string>): void {
    for (const uri of this.cache.keys()) if (!uris.has(uri)) this.cache.delete(uri);
  }
}

/**
 * `query`: the code the completion continues. Callers pass the complete lines above the cursor, not
 * the line being typed, so that the choice stays the same while the user types along a line.
 */
export function selectSnippets(
  query: string,
  documents: readonly OpenDocument[],
  index: SnippetIndex,
  options: SnippetOptions = defaultSnippetOptions,
): ContextSnippet[] {
  const queryIds = identifiers(query);
  if (queryIds.size === 0) return [];
  const scored: Array<{ window: Window; score: number }> = [];
  for (const doc of documents) {
    if (doc.text.length > MAX_DOCUMENT_CHARS) continue;
    for (const window of index.windows(doc, options.windowLines)) {
      const score = jaccard(queryIds, window.ids);
      if (score >= options.minScore) scored.push({ window, score });
    }
  }
  scored.sort((a, b) => b.score - a.score || compare(a.window.path, b.window.path) || a.window.startLine - b.window.startLine);
  const chosen: Window[] = [];
  let tokens = 0;
  for (const { window } of scored) {
    if (chosen.length >= options.maxSnippets) break;
    // Overlapping windows of one file would repeat the same lines.
    if (chosen.some((c) => c.path === window.path && Math.abs(c.startLine - window.startLine) < options.windowLines)) continue;
    const cost = estimateTokens(window.text);
    if (tokens + cost > options.maxTokens) continue;
    chosen.push(window);
    tokens += cost;
  }
  return chosen.map((w) => ({ path: w.path, text: w.text }));
}

/** The complete lines above the cursor's line (not the line being typed, so the choice holds along a line). */
export function queryText(prefix: string): string {
  const lineStart = prefix.lastIndexOf('\n');
  if (lineStart < 0) return '';
  let start = lineStart;
  for (let i = 0; i < QUERY_LINES && start > 0; i++) start = prefix.lastIndexOf('\n', start - 1);
  return prefix.slice(Math.max(0, start + 1), lineStart);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
