// The post-processing of the block-prefetch peer (llama.vscode with a llama.cpp server), as rules of
// this engine so that the bench runs the peer's way on the same stream machinery:
// - inside a line (text right of the cursor) the suggestion is the rest of that line only
//   (llama.vscode's updateSuggestion);
// - elsewhere it is a block that ends before the first line indented less than the cursor's line
//   (llama.cpp's n_indent, which llama.vscode sets to that indentation);
// - a suggestion that only repeats the lines below the cursor is dropped (shouldDiscardSuggestion).
// Hidden characters are cut first, as for Rill: no suggestion should carry them.
import { stopAtHiddenCharacter } from './postprocess/stopAtHiddenCharacter';
import { type PostProcessRule, unchanged } from './postprocess/types';
import { isBlank, leadingWhitespace, splitLines } from './text';

export const restOfLineOnly: PostProcessRule = {
  name: 'peer-rest-of-line',
  apply(text, _done, context) {
    if (isBlank(context.restOfLine)) return unchanged(text);
    const end = text.indexOf('\n');
    return end < 0 ? unchanged(text) : { text: text.slice(0, end), stop: true };
  },
};

/** llama.cpp's n_indent: indentation counted in characters (a tab is one), off at indentation 0. */
export const indentBlockEnd: PostProcessRule = {
  name: 'peer-n-indent',
  apply(text, _done, context) {
    const nIndent = leadingWhitespace(context.linePrefix + context.restOfLine).length;
    if (nIndent === 0) return unchanged(text);
    const lines = splitLines(text);
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      // A line's indentation is known once its first character that is not whitespace arrived.
      if (isBlank(line)) continue;
      if (leadingWhitespace(line).length < nIndent) return { text: lines.slice(0, i).join('\n'), stop: true };
    }
    return unchanged(text);
  },
};

/** Drops a finished suggestion whose lines are the ones already below the cursor. */
export const dropRepeatOfNextLines: PostProcessRule = {
  name: 'peer-discard-repeat',
  apply(text, done, context) {
    if (!done) return unchanged(text);
    const lines = splitLines(text.trimEnd());
    const below = context.linesBelow.filter((line) => !isBlank(line));
    if (below.length === 0 || lines.length > below.length) return unchanged(text);
    const first = context.linePrefix + lines[0];
    const repeats = first === below[0] && lines.slice(1).every((line, i) => line === below[i + 1]);
    return repeats ? { text: '', stop: true } : unchanged(text);
  },
};

export const blockPrefetchRules: readonly PostProcessRule[] = [stopAtHiddenCharacter, restOfLineOnly, indentBlockEnd, dropRepeatOfNextLines];
