// Rule: a multi-line completion has at most `maxLines` lines (a budget adapted to the backend's
// speed, so that a block finishes streaming in a few seconds). A leading empty line is free.
import { isBlank, splitLines } from '../text';
import { type PostProcessRule, unchanged } from './types';

export const maxLines: PostProcessRule = {
  name: 'max-lines',
  apply(text, _done, context) {
    const lines = splitLines(text);
    const limit = context.maxLines + (isBlank(lines[0]) ? 1 : 0);
    // Stop once a line beyond the limit has begun: the last allowed line is then complete.
    return lines.length > limit ? { text: lines.slice(0, limit).join('\n'), stop: true } : unchanged(text);
  },
};
