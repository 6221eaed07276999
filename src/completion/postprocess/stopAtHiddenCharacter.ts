// Rule: ghost text ends before a hidden character (a control character, a bidi control, a
// zero-width or tag character; see protocol/hiddenCharacters). Ghost text cannot show one, and Tab
// must insert only what the user saw: a bidi override in code is Trojan Source.
import { firstHiddenCharacter } from '../../protocol/hiddenCharacters';
import { type PostProcessRule, unchanged } from './types';

export const stopAtHiddenCharacter: PostProcessRule = {
  name: 'hidden-character',
  apply(text, done) {
    const at = firstHiddenCharacter(text, done);
    return at < 0 ? unchanged(text) : { text: text.slice(0, at), stop: true };
  },
};
