// The demo model's chat: it says what it is, and quotes the workspace passage that shares the
// most (informative) words with the message.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { readWorkspace } from '../../demo/corpus';
import { answerChat } from '../../demo/model/chatAnswer';
import { PassageIndex, splitPassages, termsOf } from '../../demo/model/retrieve';
import { buildWorkspaceModel } from '../../demo/model/workspaceModel';

const SAMPLE = join(__dirname, '..', '..', 'demo', 'workspace');

describe('demo model: passages', () => {
  it('splits identifiers into stemmed words and drops the uninformative ones', () => {
    assert.deepEqual(termsOf('How are prices formatted? formatPrice(total_value, HTTPServer)'), ['price', 'format', 'format', 'price', 'total', 'value', 'http', 'server']);
  });

  it('cuts a file at blank lines, keeping indented paragraphs with the one before', () => {
    const text = ['import x', '', 'def a():', '    one', '', '    two', '', 'def b():', '    three'].join('\n');
    const passages = splitPassages({ path: 'p.py', text });
    assert.deepEqual(
      passages.map((p) => [p.startLine, p.endLine]),
      [
        [1, 1],
        [3, 6],
        [8, 9],
      ],
    );
    assert.equal(passages[1].text, 'def a():\n    one\n\n    two');
  });

  it('finds the passage a question is about, and nothing for unrelated words', () => {
    const index = new PassageIndex(readWorkspace(SAMPLE));
    const match = index.best('How is the median computed?');
    assert.equal(match?.passage.path, 'scripts/stats.py');
    assert.match(match?.passage.text ?? '', /^def median\(values\):/);
    assert.deepEqual(match?.sharedTerms, ['median']);
    assert.equal(index.best('zebra quokka'), undefined);
  });
});

describe('demo model: chat answer', () => {
  const model = buildWorkspaceModel(readWorkspace(SAMPLE));

  it('says it is the demo n-gram model, quotes the closest passage and tells how to get a real model', () => {
    const answer = answerChat(model, 'Where is the discount applied to the cart total?');
    assert.match(answer, /^I'm \*\*rill-demo-ngram\*\*.*not a language model/);
    assert.match(answer, /can't understand or answer/);
    assert.match(answer, /`src\/cart\.ts`, lines \d+-\d+:\n\n```ts\n/);
    assert.match(answer, /applyDiscount\(this\.subtotal\(\), this\.discountPercent\)/);
    assert.match(answer, /OPENAI_API_KEY/);
  });

  it('says so when nothing in the workspace is related', () => {
    assert.match(answerChat(model, 'hello?'), /No passage of the workspace shares a word with your message/);
  });

  it('gives the same answer to the same message', () => {
    assert.equal(answerChat(model, 'low stock report'), answerChat(model, 'low stock report'));
  });
});
