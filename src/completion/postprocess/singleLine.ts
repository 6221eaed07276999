// Rule: a single-line completion ends with its line. Text right of the cursor means the user edits
// inside a line, so not even a leading newline is allowed; at the end of a line the completion may
// be the next line, but only that one.
import { isBlank } from '../text';
import { type PostProcessRule, unchanged } from './types';

export const singleLine: PostProcessRule = {
  name: 'single-line',
  apply(text, _done, context) {
    if (context.multiline) return unchanged(text);
    let from = 0;
    if (isBlank(context.restOfLine)) {
      const content = /\S/.exec(text);
      if (!content) return unchanged(text);
      from = content.index;
    }
    const end = text.indexOf('\n', from);
    return end < 0 ? unchanged(text) : { text: text.slice(0, end), stop: true };
  },
};
