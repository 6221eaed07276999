// Where a FIM prompt's extra context and window positions come from. Two kinds:
// - 'stepped' (Rill's, contextRing.ts): extra context from a ring of chunks that changes only while
//   the user is idle, a prefix window that moves in whole steps, a short suffix; consecutive prompts
//   share their start, so a local server's cache serves them.
// - 'sliding' (SnippetIndex, the baseline): snippets chosen per request by similarity to the lines
//   above the cursor, windows that follow the cursor line by line.
// Both are deterministic: the same document state (and the same ring) gives the same prompt.
import type { ContextSnippet } from '../../llm/types';
import type { DocumentState, OpenDocument } from '../types';

export type PromptLayout = 'stepped' | 'sliding';

export interface PromptContext {
  readonly layout: PromptLayout;
  /** The extra context for a request about `state`, within `maxTokens`, in a deterministic order. */
  snippetsFor(state: DocumentState, documents: readonly OpenDocument[], maxTokens: number): readonly ContextSnippet[];
  /** The line the prefix window of `uri` was anchored at while the user was idle (stepped layout). */
  prefixAnchor(uri: string): number | undefined;
}
