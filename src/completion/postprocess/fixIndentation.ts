// Rule: the completion's indentation fits the document. The user may already have typed the
// indentation of the cursor's line (the model then sometimes indents again), and a model trained on
// spaces may indent a tab-indented file with spaces.
import { indentWidth, isBlank, leadingWhitespace, restyleIndentation, splitLines } from '../text';
import { type PostProcessRule, type RuleContext, unchanged } from './types';

const OPENS_BLOCK = /(?:[{([:]|=>|->)\s*$/;

/** The deepest indentation the cursor's line can sensibly have: one level below an opener above. */
function deepestExpectedIndent(context: RuleContext): number {
  const above = [...context.linesAbove].reverse().find((line) => !isBlank(line));
  if (above === undefined) return 0;
  const unit = indentWidth(context.indentUnit, context.tabSize) || context.tabSize;
  return indentWidth(above, context.tabSize) + (OPENS_BLOCK.test(above) ? unit : 0);
}

export const fixIndentation: PostProcessRule = {
  name: 'fix-indentation',
  apply(text, done, context) {
    const lines = splitLines(text);
    let changed = false;
    const typed = context.linePrefix;
    if (typed.length > 0 && isBlank(typed)) {
      const lead = leadingWhitespace(lines[0]);
      // Decide once the first line shows content (or is over): its indentation is then known.
      const settled = lines.length > 1 || done || !isBlank(lines[0]);
      if (lead && settled) {
        const total = indentWidth(typed + lead, context.tabSize);
        if (total > deepestExpectedIndent(context)) {
          lines[0] = lines[0].slice(lead.length);
          changed = true;
        }
      }
    }
    for (let i = 0; i < lines.length; i++) {
      if (i === 0 && typed.length > 0) continue;
      const settled = i < lines.length - 1 || done || !isBlank(lines[i]);
      if (!settled) continue;
      const styled = restyleIndentation(lines[i], context.indentUnit, context.tabSize);
      if (styled !== lines[i]) {
        lines[i] = styled;
        changed = true;
      }
    }
    return changed ? { text: lines.join('\n'), stop: false } : unchanged(text);
  },
};
