// Where the user's typing since a session's anchor lands in the session's text. Typing the text is
// type-through, and so is pressing Enter where the text breaks the line: the editor then indents
// the new line by its own rules, which may differ from the model's. Lines after a line break are
// therefore compared without their indentation, and a line holding only the editor's indentation
// is answered with the model's line, replacing that indentation (see `replaceBefore`).
import { leadingWhitespace } from './text';

export type Alignment =
  /**
   * The typing covers the text up to `offset`. `replaceBefore`: characters before the cursor (the
   * cursor's line's indentation, typed by the editor) that the rest of the text replaces, because
   * the text from `offset` begins with the model's own indentation of that line.
   */
  | { readonly kind: 'at'; readonly offset: number; readonly replaceBefore: number }
  /** The typing agrees with all of the text and goes beyond it. */
  | { readonly kind: 'ahead' }
  | { readonly kind: 'contradicted' };

const CONTRADICTED: Alignment = { kind: 'contradicted' };
const AHEAD: Alignment = { kind: 'ahead' };

export function alignTyped(text: string, typed: string): Alignment {
  if (text.startsWith(typed)) return { kind: 'at', offset: typed.length, replaceBefore: 0 };
  if (typed.startsWith(text)) return AHEAD;
  const typedLines = typed.split('\n');
  // The anchor's own line continues as typed: only lines after a line break are lenient.
  if (typedLines.length === 1) return CONTRADICTED;
  const first = typedLines[0];
  // (Text that ends within the typing was caught above: the typing agrees with it or it does not.)
  if (!text.startsWith(first + '\n')) return CONTRADICTED;
  let at = first.length + 1;
  for (let i = 1; i < typedLines.length; i++) {
    const line = typedLines[i];
    const last = i === typedLines.length - 1;
    const end = text.indexOf('\n', at);
    const modelLine = end < 0 ? text.slice(at) : text.slice(at, end);
    const modelIndent = leadingWhitespace(modelLine);
    const content = line.slice(leadingWhitespace(line).length);
    const modelContent = modelLine.slice(modelIndent.length);
    if (!last) {
      // A complete typed line: the model's must be complete too, and say the same.
      if (end < 0) return modelContent === '' || content.startsWith(modelContent) ? AHEAD : CONTRADICTED;
      if (content !== modelContent) return CONTRADICTED;
      at = end + 1;
      continue;
    }
    // The cursor's line. Nothing of the model's line yet: more may come.
    if (end < 0 && modelContent === '') return AHEAD;
    if (content === '') {
      if (modelLine.startsWith(line)) return { kind: 'at', offset: at + line.length, replaceBefore: 0 };
      return { kind: 'at', offset: at, replaceBefore: line.length };
    }
    if (modelContent.startsWith(content)) return { kind: 'at', offset: at + modelIndent.length + content.length, replaceBefore: 0 };
    if (end < 0 && content.startsWith(modelContent)) return AHEAD;
    return CONTRADICTED;
  }
  return CONTRADICTED;
}
