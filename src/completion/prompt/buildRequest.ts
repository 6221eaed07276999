// The FIM request for a document state: prefix and suffix windows within a token budget, snippets
// from open tabs, the file's path and language. A pure function of its inputs: the same state and
// tabs always give the same request.
import type { FimRequest } from '../../llm/types';
import type { CompletionSite } from '../site';
import { indentWidth, isBlank } from '../text';
import type { DocumentState, OpenDocument } from '../types';
import { prefixWindow, suffixWindow } from './contextWindow';
import { type SnippetIndex, defaultSnippetOptions, selectSnippets } from './snippets';

export interface PromptOptions {
  /** Tokens of context in all: prefix, suffix and snippets. */
  readonly contextTokens: number;
  readonly maxTokens: number;
  readonly temperature: number;
  /** For servers that support it (llama.cpp): stop generating this long after the first newline. */
  readonly maxPredictMs: number;
}

export const defaultPromptOptions: PromptOptions = { contextTokens: 1536, maxTokens: 256, temperature: 0.2, maxPredictMs: 2500 };

/** Share of the context budget for the text after the cursor and for snippets; the rest is prefix. */
const SUFFIX_SHARE = 0.15;
const SNIPPET_SHARE = 0.25;
/** Lines above the cursor that pick the snippets. */
const QUERY_LINES = 20;

export function buildFimRequest(
  state: DocumentState,
  site: CompletionSite,
  documents: readonly OpenDocument[],
  index: SnippetIndex,
  options: PromptOptions,
): FimRequest {
  const snippetTokens = Math.floor(options.contextTokens * SNIPPET_SHARE);
  const suffixTokens = Math.floor(options.contextTokens * SUFFIX_SHARE);
  const snippets = selectSnippets(queryText(state.prefix), documents, index, { ...defaultSnippetOptions, maxTokens: snippetTokens });
  const used = snippets.reduce((sum, s) => sum + Math.ceil(s.text.length / 3), 0);
  // Snippet budget left unused goes to the prefix, deterministically (it depends only on the snippets).
  const prefixTokens = options.contextTokens - suffixTokens - used;
  return {
    kind: 'fim',
    prefix: prefixWindow(state.prefix, prefixTokens),
    suffix: suffixWindow(state.suffix, suffixTokens),
    path: state.path,
    language: state.languageId,
    ...(snippets.length > 0 ? { snippets } : {}),
    maxTokens: options.maxTokens,
    temperature: options.temperature,
    // Inside a line the completion is that line's rest: the server may stop at the newline itself.
    ...(isBlank(site.restOfLine) ? {} : { stop: ['\n'] }),
    ...(site.multiline ? { indent: indentWidth(site.linePrefix, site.tabSize) } : {}),
    maxPredictMs: options.maxPredictMs,
  };
}

/** The complete lines above the cursor's line. */
function queryText(prefix: string): string {
  const lineStart = prefix.lastIndexOf('\n');
  if (lineStart < 0) return '';
  let start = lineStart;
  for (let i = 0; i < QUERY_LINES && start > 0; i++) start = prefix.lastIndexOf('\n', start - 1);
  return prefix.slice(Math.max(0, start + 1), lineStart);
}
