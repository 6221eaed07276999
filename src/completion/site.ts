// Where a completion goes: the cursor's line, its neighbours, the document's indentation style,
// and from these whether the completion may span several lines: it may wherever nothing but
// whitespace follows the cursor (the end of a line, an empty line, after a block opener), and the
// block rules then end it with the current block. Inside a line it is that line's rest only.
import type { DocumentState } from './types';
import { headLines, isBlank, lastLine, tailLines } from './text';

export interface CompletionSite {
  /** The cursor's line before the cursor. */
  readonly linePrefix: string;
  /** The cursor's line after the cursor. */
  readonly restOfLine: string;
  /** Up to a few complete lines above the cursor's line, nearest last. */
  readonly linesAbove: readonly string[];
  /** Up to a few lines below the cursor's line, nearest first. */
  readonly linesBelow: readonly string[];
  readonly indentUnit: string;
  readonly tabSize: number;
  /** May the completion span several lines? */
  readonly multiline: boolean;
  /** The cursor's line ends (before the cursor) with something that opens a block. */
  readonly afterBlockOpener: boolean;
}

const CONTEXT_LINES = 8;

/**
 * A block opener at the end of a line: a bracket, a Python/YAML colon, an arrow, or a keyword that
 * opens a block in Ruby, Lua, shell and friends.
 */
const BLOCK_OPENER = /(?:[{([]|:|=>|->|\b(?:do|then|begin|else)|\belse\s*)\s*$/;

/** Characters an editor inserts by itself after the cursor (auto-closing pairs). */
export const AUTO_CLOSED = /^[)\]}>"'`;,]*$/;

export function completionSite(state: DocumentState): CompletionSite {
  const linePrefix = lastLine(state.prefix);
  const newline = state.suffix.indexOf('\n');
  const restOfLine = newline < 0 ? state.suffix : state.suffix.slice(0, newline);
  const above = state.prefix.length > linePrefix.length ? state.prefix.slice(0, state.prefix.length - linePrefix.length - 1) : '';
  const below = newline < 0 ? '' : state.suffix.slice(newline + 1);
  // An auto-closed brace right of the cursor (`{█}`) still leaves room for a block; an auto-closed
  // parenthesis (`foo(█)`) asks for arguments, on this line.
  const opener = !isBlank(linePrefix) && BLOCK_OPENER.test(linePrefix);
  const afterBlockOpener = opener && (isBlank(restOfLine) || (/\{\s*$/.test(linePrefix) && /^\s*\}[)\];,\s]*$/.test(restOfLine)));
  return {
    linePrefix,
    restOfLine,
    linesAbove: above ? tailLines(above, CONTEXT_LINES) : [],
    linesBelow: newline < 0 ? [] : headLines(below, CONTEXT_LINES),
    indentUnit: state.indentUnit ?? '    ',
    tabSize: state.tabSize ?? 4,
    // Text right of the cursor means the user is editing inside a line: one line only. The end of a
    // line, an empty line or a block opener (even before an auto-closed brace) asks for the block.
    multiline: afterBlockOpener || isBlank(restOfLine),
    afterBlockOpener,
  };
}
