import * as assert from 'node:assert/strict';
import { notificationText } from '../../../src/base/notificationText';

describe('notificationText: no link in a notification from text that is not Rill\'s', () => {
  // VS Code's own pattern for links in notification messages (parseLinkedText), for the check.
  const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

  for (const text of [
    'Your key expired. [Renew it here](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)',
    '[read more](https://evil.example/renew "title")',
    'nested [[a]](command:x) and [b] (command:y) and [c]\t(file:///etc/passwd)',
  ]) {
    it(JSON.stringify(text).slice(0, 70), () => {
      const shown = notificationText(text);
      assert.equal(shown.match(LINK), null, shown);
      assert.equal(shown.replace(/\] \(/g, ']('), text.replace(/\]\s*\(/g, ']('), 'the text is otherwise the same');
    });
  }

  it('plain text is unchanged', () => {
    assert.equal(notificationText('The server at http://127.0.0.1:8080/v1 rejected the request (HTTP 400): bad [field].'), 'The server at http://127.0.0.1:8080/v1 rejected the request (HTTP 400): bad [field].');
  });
});
