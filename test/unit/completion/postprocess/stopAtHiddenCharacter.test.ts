import assert from 'node:assert/strict';
import { stopAtHiddenCharacter } from '../../../../src/completion/postprocess/stopAtHiddenCharacter';
import { doc } from '../helpers/fixture';
import { EngineHarness } from '../helpers/harness';
import { runRuleFixtures } from '../helpers/ruleFixtures';

describe('post-processing: ghost text ends before a hidden character', () => {
  runRuleFixtures(stopAtHiddenCharacter, [
    {
      name: 'a bidi override in a string ends the suggestion before it (Trojan Source)',
      source: 'if role == █\n',
      completion: '"user\u202E \u2066# admin\u2069\u2066":\n    grant()',
      expected: '"user',
      stop: true,
    },
    {
      name: 'a terminal escape ends it while streaming',
      source: 'print(█)\n',
      completion: '"ok")\n\u001b[31m',
      expected: '"ok")\n',
      stop: true,
      done: false,
    },
    {
      name: 'a zero-width space inside a name ends it',
      source: 'x = █\n',
      completion: 'is_ad\u200bmin(user)',
      expected: 'is_ad',
      stop: true,
    },
    {
      name: 'an emoji with joiners stays',
      source: 'label = █\n',
      completion: '"\u{1F468}\u200d\u{1F469}\u200d\u{1F467} family"',
      expected: '"\u{1F468}\u200d\u{1F469}\u200d\u{1F467} family"',
      stop: false,
    },
    {
      name: 'a joiner after an emoji at the end of a growing text waits for the next character',
      source: 'label = █\n',
      completion: '"\u{1F468}\u200d',
      expected: '"\u{1F468}\u200d',
      stop: false,
      done: false,
    },
    {
      name: 'tabs and newlines are text',
      source: 'def f():█\n',
      completion: '\n\treturn 1\n',
      expected: '\n\treturn 1\n',
      stop: false,
    },
  ]);

  it('in the engine: the ghost text and what Tab inserts end before the control, and the stream stops', async () => {
    const h = new EngineHarness(() => ({ ttftMs: 300, msPerToken: 20, text: 'check("user\u202Etxt.exe")\nnext()\nmore()\n' }));
    const answer = await h.answer(doc('ok = █\n'));
    await h.drain();
    const last = await h.answer(doc('ok = █\n'));
    for (const shown of [answer?.insertText, last?.insertText]) assert.ok(shown === undefined || !/[\u202E]/.test(shown), JSON.stringify(shown));
    assert.equal(last?.insertText, 'check("user');
    assert.equal(h.engine.log.all()[0]?.stopReason, 'hidden-character');
  });
});
