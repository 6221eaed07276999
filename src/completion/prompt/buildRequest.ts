// The FIM request for a document state: extra context, prefix and suffix windows within a token
// budget, the file's path and language. A pure function of its inputs: the same state and prompt
// context always give the same request. The context decides the layout (promptContext.ts): Rill's
// 'stepped' one keeps the start of consecutive prompts identical for a server's cache; the
// 'sliding' one (the baseline) picks snippets per request and follows the cursor.
import type { ContextSnippet, FimRequest } from '../../llm/types';
import type { CompletionSite } from '../site';
import { isBlank, leadingWhitespace } from '../text';
import type { DocumentState, OpenDocument } from '../types';
import { prefixWindow, suffixWindow } from './contextWindow';
import type { PromptContext } from './promptContext';
import { steppedBudgets, steppedPrefixStart, steppedSuffix } from './steppedWindow';
import { estimateTokens } from './tokens';

export interface PromptOptions {
  /** Tokens of context in all: prefix, suffix and snippets. */
  readonly contextTokens: number;
  readonly maxTokens: number;
  readonly temperature: number;
  /** For servers that support it (llama.cpp): stop generating this long after the first newline. */
  readonly maxPredictMs: number;
}

export const defaultPromptOptions: PromptOptions = { contextTokens: 1536, maxTokens: 256, temperature: 0.2, maxPredictMs: 2500 };

/** The sliding layout's shares of the context budget for the text after the cursor and for snippets; the rest is prefix. */
const SUFFIX_SHARE = 0.15;
const SNIPPET_SHARE = 0.25;

export function buildFimRequest(
  state: DocumentState,
  site: CompletionSite,
  documents: readonly OpenDocument[],
  context: PromptContext,
  options: PromptOptions,
): FimRequest {
  const { snippets, prefix, suffix } = context.layout === 'stepped' ? stepped(state, documents, context, options) : sliding(state, documents, context, options);
  return {
    kind: 'fim',
    prefix,
    suffix,
    path: state.path,
    language: state.languageId,
    ...(snippets.length > 0 ? { snippets } : {}),
    maxTokens: options.maxTokens,
    temperature: options.temperature,
    // Inside a line the completion is that line's rest: the server may stop at the newline itself.
    ...(isBlank(site.restOfLine) ? {} : { stop: ['\n'] }),
    // In whitespace characters, as llama.cpp counts them (a tab is one): columns would cut a
    // tab-indented block at its first line.
    ...(site.multiline ? { indent: leadingWhitespace(site.linePrefix).length } : {}),
    maxPredictMs: options.maxPredictMs,
  };
}

interface Parts {
  readonly snippets: readonly ContextSnippet[];
  readonly prefix: string;
  readonly suffix: string;
}

const used = (snippets: readonly ContextSnippet[]) => snippets.reduce((sum, s) => sum + estimateTokens(s.text), 0);

function stepped(state: DocumentState, documents: readonly OpenDocument[], context: PromptContext, options: PromptOptions): Parts {
  const budgets = steppedBudgets(options.contextTokens);
  const snippets = context.snippetsFor(state, documents, budgets.ringTokens);
  // The anchor is a line of the document; the prefix may be a window of it (documentWindow.ts).
  const anchor = context.prefixAnchor(state.uri);
  const inWindow = anchor === undefined || anchor < (state.prefixLine ?? 0) ? undefined : anchor - (state.prefixLine ?? 0);
  const start = steppedPrefixStart(state.prefix, budgets.prefixChars(used(snippets)), inWindow);
  return { snippets, prefix: state.prefix.slice(start), suffix: steppedSuffix(state.suffix, budgets.suffixChars) };
}

function sliding(state: DocumentState, documents: readonly OpenDocument[], context: PromptContext, options: PromptOptions): Parts {
  const suffixTokens = Math.floor(options.contextTokens * SUFFIX_SHARE);
  const snippets = context.snippetsFor(state, documents, Math.floor(options.contextTokens * SNIPPET_SHARE));
  // Snippet budget left unused goes to the prefix, deterministically (it depends only on the snippets).
  const prefixTokens = options.contextTokens - suffixTokens - snippets.reduce((sum, s) => sum + Math.ceil(s.text.length / 3), 0);
  return { snippets, prefix: prefixWindow(state.prefix, prefixTokens), suffix: suffixWindow(state.suffix, suffixTokens) };
}
