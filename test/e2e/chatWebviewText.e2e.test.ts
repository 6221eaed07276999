// How the chat page lays out text the model wrote, in Chromium with the real bundle: raw HTML in an
// answer is shown as text and keeps its lines. Run alone:
// `npx mocha --no-config -r tsx/cjs --extension ts --timeout 60000 test/e2e/chatWebviewText.e2e.test.ts`
import * as assert from 'node:assert/strict';
import type { ChatViewState, TurnView } from '../../src/protocol/chat';
import { pollFor } from '../../tools/poll';
import { chatPageForEachTest } from './chatPageHooks';

function state(answer: string, status: TurnView['status']): ChatViewState {
  const turn: TurnView = { id: 't1', question: 'Show me the markup', context: [], answer, status, truncated: false, model: 'm1' };
  return { conversationId: 'c1', title: 'Test', turns: [turn], streaming: status === 'streaming', attachments: [], model: 'm1', models: ['m1'] };
}

describe('chat webview: text as the model wrote it (Chromium)', function () {
  this.timeout(60_000);
  const chat = chatPageForEachTest();

  it('multi-line raw HTML is shown as text, one line per line the model wrote', async () => {
    const html = '<div class="card">\n  <h2>Title</h2>\n  <p>Body &amp; more</p>\n</div>';
    await chat().deliver({ type: 'snapshot', state: state(`Here is the markup:\n\n${html}\n\nThat is all.`, 'done') });
    await chat().nextFrames(3);
    const block = chat().page.locator('[data-turn-id="t1"] .markdown .raw-html');
    assert.equal(await block.count(), 1);
    // Escaped, not parsed: no element from the model's markup exists.
    assert.equal(await chat().page.locator('.markdown .card, .markdown h2').count(), 0);
    assert.equal(await block.innerText(), html);
    // A string: the test code is type-checked for Node, without the DOM's globals.
    const lines = (await chat().page.evaluate(
      `(() => { const e = document.querySelector('.markdown .raw-html'); return Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)); })()`,
    )) as number;
    assert.equal(lines, 4, 'four lines of markup take four lines on screen');
  });

  it('an answer continued after it ended goes on in the same paragraph (Continue after a cut)', async () => {
    const cut = 'The walls keep each layer the river passed through, so';
    await chat().deliver({ type: 'snapshot', state: { ...state(cut, 'error'), turns: [{ ...state(cut, 'error').turns[0]!, error: { kind: 'network', message: 'The connection was lost mid-answer.' } }] } });
    await chat().nextFrames(3);
    const rest = ' a canyon is a record of the ground.';
    await chat().deliver({ type: 'snapshot', state: state(cut, 'streaming') });
    await chat().deliver({ type: 'append', conversationId: 'c1', turnId: 't1', offset: cut.length, text: rest });
    await chat().deliver({ type: 'snapshot', state: state(cut + rest, 'done') });
    const paragraphs = chat().page.locator('[data-turn-id="t1"] .markdown p');
    await pollFor(async () => ((await paragraphs.allInnerTexts()).join('|') === cut + rest ? true : undefined), { timeoutMs: 5000, what: 'one paragraph with the whole answer' });
    assert.equal(await paragraphs.count(), 1);
  });
});
