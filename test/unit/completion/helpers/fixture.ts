// The fixture language: source text with a cursor marker `█`.
import type { CompletionQuery, DocumentState } from '../../../../src/completion/types';

export const CURSOR = '█';

export function doc(source: string, overrides: Partial<DocumentState> = {}): DocumentState {
  const at = source.indexOf(CURSOR);
  if (at < 0 || source.indexOf(CURSOR, at + 1) >= 0) throw new Error('a fixture needs exactly one cursor marker');
  return {
    uri: 'file:///work/demo.ts',
    path: 'demo.ts',
    languageId: 'typescript',
    prefix: source.slice(0, at),
    suffix: source.slice(at + 1),
    indentUnit: '  ',
    tabSize: 2,
    ...overrides,
  };
}

export function query(state: DocumentState, trigger: 'automatic' | 'explicit' = 'automatic'): CompletionQuery {
  return { ...state, trigger };
}

/** The state after typing `text` at the cursor. */
export function typed(state: DocumentState, text: string): DocumentState {
  return { ...state, prefix: state.prefix + text };
}

/** The state after deleting `count` characters before the cursor. */
export function backspaced(state: DocumentState, count: number): DocumentState {
  return { ...state, prefix: state.prefix.slice(0, state.prefix.length - count) };
}
