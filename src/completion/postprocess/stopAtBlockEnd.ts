// Rule: a multi-line completion ends with its block. After a block opener, the block is the lines
// indented deeper than the opener's line, plus the closing line at the opener's indentation. On an
// empty line or at the end of a line, the block is the lines at least as deep as the cursor's line
// (with the completion's first text on it), and a line that closes a bracket opened before the
// cursor is outside it.
import { indentWidth, isBlank, splitLines } from '../text';
import { bracketDelta } from './bracketBalance';
import { type PostProcessRule, type RuleResult, unchanged } from './types';

const CLOSER = /^(?:[)\]}]|end\b|fi\b|done\b|esac\b)/;
/** A YAML sequence item (`- name: web`): under a `key:` it may sit at the key's own indentation. */
const SEQUENCE_ITEM = /^-(?:\s|$)/;

const cutBefore = (lines: string[], i: number): RuleResult => ({ text: lines.slice(0, i).join('\n'), stop: true });
const cutAfter = (lines: string[], i: number): RuleResult => ({ text: lines.slice(0, i + 1).join('\n'), stop: true });

export const stopAtBlockEnd: PostProcessRule = {
  name: 'block-end',
  apply(text, done, context) {
    if (!context.multiline) return unchanged(text);
    const lines = splitLines(text);
    const tab = context.tabSize;
    const complete = (i: number) => i < lines.length - 1 || done;

    if (context.afterBlockOpener) {
      const base = indentWidth(context.linePrefix, tab);
      const underKey = /:\s*$/.test(context.linePrefix);
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i];
        // A partial line's indentation is known once its first character arrived.
        if (isBlank(line)) continue;
        if (indentWidth(line, tab) > base) continue;
        if (underKey && indentWidth(line, tab) === base && SEQUENCE_ITEM.test(line.trimStart())) continue;
        if (indentWidth(line, tab) === base && CLOSER.test(line.trimStart())) {
          return complete(i) ? cutAfter(lines, i) : unchanged(text);
        }
        return cutBefore(lines, i);
      }
      return unchanged(text);
    }

    // On an empty line the completion's first line with content sets the block's indentation; at the
    // end of a line, the cursor's line does.
    const first = lines.findIndex((line, i) => !isBlank(i === 0 ? context.linePrefix + line : line));
    if (first < 0) return unchanged(text);
    const base = indentWidth(first === 0 ? context.linePrefix + lines[0] : lines[first], tab);
    let depth = 0;
    for (let i = first; i < lines.length; i++) {
      const line = lines[i];
      if (i > first && !isBlank(line)) {
        if (indentWidth(line, tab) < base) return cutBefore(lines, i);
        if (!complete(i)) break;
      }
      const { delta, lowest } = bracketDelta(line);
      // The line closes a bracket opened before the cursor: it belongs to the enclosing block.
      if (i > first && depth + lowest < 0 && CLOSER.test(line.trimStart())) return cutBefore(lines, i);
      depth += delta;
    }
    return unchanged(text);
  },
};
