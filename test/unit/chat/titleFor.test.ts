// A conversation's title: the question's first line, cut to 60 characters, never inside a character.
import * as assert from 'node:assert/strict';
import { titleFor } from '../../../src/chat/model';

describe('A conversation title from its first question', () => {
  it('is the first line, whole when short', () => {
    assert.equal(titleFor('  What is Rill?\nMore details'), 'What is Rill?');
    assert.equal(titleFor('   '), 'New chat');
  });

  it('is cut to 59 characters and an ellipsis when long, never between the two halves of an emoji', () => {
    const long = 'x'.repeat(58) + '🎉' + ' and the rest of a long question';
    const title = titleFor(long);
    assert.equal(title, `${'x'.repeat(58)}…`);
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(title), `a lone half of a character: ${JSON.stringify(title)}`);
    assert.equal(titleFor('y'.repeat(70)), `${'y'.repeat(59)}…`);
  });
});
