// Rule: inside a line (text right of the cursor) the completion is the rest of that line only, so
// not even a leading newline is allowed. Everywhere else the completion is a block, ended by the
// block rules (see site.ts).
import { type PostProcessRule, unchanged } from './types';

export const singleLine: PostProcessRule = {
  name: 'single-line',
  apply(text, _done, context) {
    if (context.multiline) return unchanged(text);
    const end = text.indexOf('\n');
    return end < 0 ? unchanged(text) : { text: text.slice(0, end), stop: true };
  },
};
