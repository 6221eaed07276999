// The completion engine's vocabulary: what the editor tells it, and what it answers.

/** The document around the cursor, as the editor sees it right now. Line ends are `\n`. */
export interface DocumentState {
  /** Identity of the document (a URI string); sessions and the cache are kept per document. */
  readonly uri: string;
  /** Workspace-relative path (or file name): shown to the model and matched by the deny-list. */
  readonly path: string;
  /** The file's absolute path, when it has one: matched by the deny-list too, never sent. */
  readonly fsPath?: string;
  readonly languageId: string;
  /**
   * The text before the cursor: all of it, or (from the editor) the window the engine reads, which
   * starts at a line start (see documentWindow.ts).
   */
  readonly prefix: string;
  /** The text after the cursor: all of it, or its window. */
  readonly suffix: string;
  /** Where `prefix` starts in the document (characters; 0 or absent: it holds all the text before the cursor). */
  readonly prefixOffset?: number;
  /** The line `prefix` starts on (0 or absent: the first). */
  readonly prefixLine?: number;
  /** Characters after `suffix` that were not read (0 or absent: none). */
  readonly suffixBeyond?: number;
  /** One level of indentation in this document: `\t` or some spaces. */
  readonly indentUnit?: string;
  /** Columns per tab. */
  readonly tabSize?: number;
}

export type TriggerKind = 'automatic' | 'explicit';

/** One call of the inline completion provider. */
export interface CompletionQuery extends DocumentState {
  readonly trigger: TriggerKind;
  /**
   * The prefix ends with the suggest widget's selected item, which the user has not typed: the
   * query is answered, but it says nothing about the user's typing (no stream is judged by it).
   */
  readonly withSelectedSuggestion?: boolean;
}

/** Where the answer came from, for records and tests. */
export type AnswerSource = 'session' | 'cache' | 'network';

/** Ghost text for one document state. */
export interface CompletionAnswer {
  readonly sessionId: number;
  /** Text to insert at the cursor. */
  readonly insertText: string;
  /**
   * How many characters before the cursor (all on the cursor's line, only indentation) the
   * insertion replaces. Non-zero after Enter when the editor indented the new line otherwise than
   * the model, whose text then begins with its own indentation (VS Code shows the rest as ghost
   * text, and Tab re-indents the line).
   */
  readonly replaceBefore: number;
  /**
   * How many characters after the cursor (all on the cursor's line) the insertion replaces. Non-zero
   * when the editor auto-closed a bracket that the ghost text also contains.
   */
  readonly replaceLength: number;
  readonly source: AnswerSource;
  /** True when the session has ended, so this answer will not grow any more. */
  readonly final: boolean;
  /** When the stream event that made this text available happened (text, end, or cut-off). */
  readonly availableAt: number;
}

/** Another open document, offered as context. */
export interface OpenDocument {
  readonly uri: string;
  readonly path: string;
  /** The file's absolute path, when it has one: matched by the deny-list too, never sent. */
  readonly fsPath?: string;
  readonly languageId: string;
  readonly text: string;
}

/** Supplies the open tabs when a prompt is built. Called once per model request. */
export interface ContextSource {
  /** `except`: the document the request is for (its text is the prompt's own, never a snippet): need not be read. */
  openDocuments(except?: string): readonly OpenDocument[];
}

export const noContext: ContextSource = { openDocuments: () => [] };
