// The chat page as a keyboard-only screen reader user meets it, in Chromium: where the focus goes
// after Send and Stop, what the accessibility tree names, what is announced, and what the page
// does when the system asks for reduced motion. Run:
// `npx mocha --no-config -r tsx/cjs --extension ts --timeout 60000 test/e2e/chatAccessibility.e2e.test.ts`
import * as assert from 'node:assert/strict';
import type { ChatViewState, TurnView } from '../../src/protocol/chat';
import { pollFor } from '../../tools/poll';
import { chatPageForEachTest } from './chatPageHooks';

function turn(over: Partial<TurnView> = {}): TurnView {
  return { id: 't1', question: 'Explain it', context: [], answer: '', status: 'streaming', truncated: false, model: 'm1', ...over };
}

function state(turns: TurnView[]): ChatViewState {
  return { conversationId: 'c1', title: 'Test', turns, streaming: turns.some((t) => t.status === 'streaming'), attachments: [], model: 'm1', models: ['m1'] };
}

describe('chat webview accessibility in Chromium', function () {
  this.timeout(60_000);
  const chat = chatPageForEachTest();
  const page = () => chat().page;
  // Strings, not functions: the page's globals are not in this file's (Node) types.
  const focused = async () => (await page().evaluate(`(() => {
    const a = document.activeElement;
    return a === document.body || !a ? 'body' : (a.getAttribute('data-action') ?? a.getAttribute('aria-label') ?? a.tagName);
  })()`)) as string;

  it('Send pressed by keyboard leaves the focus on Stop; Stop pressed by keyboard, on the question box once the answer ends', async () => {
    await chat().deliver({ type: 'snapshot', state: state([]) });
    await page().locator('textarea').fill('Why?');
    await page().locator('[data-action=send]').focus();
    await page().keyboard.press('Enter');
    assert.equal((await chat().posted()).filter((m) => m.type === 'send').length, 1);
    await chat().deliver({ type: 'snapshot', state: state([turn({ question: 'Why?' })]) });
    assert.equal(await focused(), 'stop');
    await page().keyboard.press('Enter');
    assert.equal((await chat().posted()).filter((m) => m.type === 'stop').length, 1);
    await chat().deliver({ type: 'snapshot', state: state([turn({ question: 'Why?', answer: 'Be', status: 'stopped' })]) });
    assert.equal(await focused(), 'Question for Rill');
  });

  it('each code block button says which block it acts on; You and Rill are headings to jump between', async () => {
    const answer = 'Two ways:\n\n```python\ndef f():\n    return 1\n```\n\n```js\nconst f = () => 1;\n```\n';
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer, status: 'done' })]) });
    await chat().nextFrames();
    const names = await page().locator('.code-block button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
    assert.deepEqual(names, [
      'Copy code, python block starting def f():',
      'Insert code at cursor, python block starting def f():',
      'Open code in a new file, python block starting def f():',
      'Copy code, js block starting const f = () => 1;',
      'Insert code at cursor, js block starting const f = () => 1;',
      'Open code in a new file, js block starting const f = () => 1;',
    ]);
    // The tooltip stays the short action: a sighted reader sees the block.
    assert.equal(await page().locator('.code-block button').first().getAttribute('title'), 'Copy code');
    const tree = await page().locator('main').ariaSnapshot();
    assert.match(tree, /heading "You" \[level=2\][\s\S]*heading "Rill" \[level=2\]/);
  });

  it('the conversation is a tab stop, so the keyboard scrolls a long answer', async () => {
    const long = Array.from({ length: 80 }, (_, i) => `Paragraph ${i}.`).join('\n\n');
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: long, status: 'done' })]) });
    await chat().nextFrames(4);
    await page().evaluate('document.activeElement?.blur()');
    await page().keyboard.press('Tab');
    assert.equal(await focused(), 'Conversation');
    const transcript = page().locator('main');
    const bottom = await transcript.evaluate((m) => m.scrollTop);
    assert.ok(bottom > 0, 'the view followed the answer to its end');
    await page().keyboard.press('Home');
    await pollFor(async () => ((await transcript.evaluate((m) => m.scrollTop)) === 0 ? true : undefined), { timeoutMs: 5000, what: 'Home to scroll the conversation to its top' });
  });

  it('an error is announced once, as an error, by its alert, not again by the status region', async () => {
    await chat().deliver({ type: 'snapshot', state: state([turn()]) });
    assert.equal(await page().locator('[role=status]').textContent(), 'Rill is responding');
    await chat().deliver({ type: 'snapshot', state: state([turn({ status: 'error', error: { kind: 'http', message: 'The server refused the request.' } })]) });
    await chat().nextFrames();
    // Said as an error, not only shown as one (red, an icon).
    assert.equal((await page().getByRole('alert').textContent())?.trim(), 'Error: The server refused the request.');
    assert.doesNotMatch((await page().locator('[role=status]').textContent()) ?? '', /refused/);
  });

  it('an answer cut at the token limit is announced as cut, with Continue; a Copy is announced', async () => {
    const answer = 'Start:\n\n```js\nconst a = 1;\n```\n\nAnd then';
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer, status: 'done', truncated: true, continuable: true })]) });
    await chat().nextFrames();
    assert.equal(await page().locator('[role=status]').textContent(), 'Answer cut off at the token limit; Continue goes on from it');
    await page().locator('.code-block button[data-action=copy]').click();
    assert.equal(await page().locator('[role=status]').textContent(), 'Code copied');
    await page().locator('.code-block button[data-action=copy]').click();
    assert.equal(await page().locator('[role=status]').textContent(), 'Code copied again', 'a second Copy is said again');
  });

  for (const [asker, reduce] of [
    ['the system', () => page().emulateMedia({ reducedMotion: 'reduce' })],
    // workbench.reduceMotion: VS Code marks the webview's body.
    ['VS Code', () => page().evaluate(`document.body.classList.add('vscode-reduce-motion')`)],
  ] as const) {
    it(`when ${asker} asks for reduced motion a burst shows as it arrives and the responding icon stands still`, async () => {
      await reduce();
      await chat().deliver({ type: 'snapshot', state: state([turn()]) });
      await chat().nextFrames();
      const burst = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
      await chat().deliver({ type: 'append', conversationId: 'c1', turnId: 't1', offset: 0, text: burst });
      await chat().nextFrames(2);
      assert.equal((await page().locator('.answer .markdown').innerText()).trim(), burst);
      assert.equal(await page().locator('.codicon-modifier-spin').evaluate((e) => e.ownerDocument.defaultView?.getComputedStyle(e).animationName), 'none');
    });
  }
});

/**
 * WCAG contrast of each element's text against what is drawn behind it (the backgrounds of it and
 * its ancestors, composited over the page), in the page. A string: this file is typed for Node.
 */
const CONTRASTS = `(selectors) => {
  const rgba = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const luminance = (c) => { const l = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
  const out = {};
  for (const selector of selectors) {
    const e = document.querySelector(selector);
    if (!e) { out[selector] = 'missing'; continue; }
    const chain = [];
    for (let n = e; n; n = n.parentElement) chain.unshift(n);
    let back = [255, 255, 255, 1];
    for (const n of chain) back = over(rgba(getComputedStyle(n).backgroundColor), back);
    const text = over(rgba(getComputedStyle(e).color), back);
    const [a, b] = [luminance(text), luminance(back)].sort((x, y) => y - x);
    out[selector] = Math.round(((a + 0.05) / (b + 0.05)) * 10) / 10;
  }
  return out;
}`;

for (const theme of ['dark', 'light', 'high-contrast', 'high-contrast-light'] as const) {
  describe(`chat webview code is readable in the ${theme} theme (with VS Code's default webview styles)`, function () {
    this.timeout(60_000);
    const chat = chatPageForEachTest({ theme });

    // Token colours are the theme's symbol and debug colours (chat.css): only a keyword's, and
    // only in high contrast themes (a number's green on the light block is 4.1:1 in both light ones).
    it('text, inline code and a code block\'s text have a contrast of at least 4.5:1', async () => {
      const answer = 'Run `npm test` first:\n\n```ts\nconst total = price(2);\n```\n';
      await chat().deliver({ type: 'snapshot', state: state([turn({ answer, status: 'done' })]) });
      await chat().nextFrames();
      const selectors = ['.markdown p', '.markdown p code', '.code-block code', ...(theme.startsWith('high-contrast') ? ['.code-block code .hljs-keyword'] : [])];
      const ratios = (await chat().page.evaluate(`(${CONTRASTS})(${JSON.stringify(selectors)})`)) as Record<string, number | 'missing'>;
      for (const selector of selectors) {
        const ratio = ratios[selector];
        assert.ok(typeof ratio === 'number' && ratio >= 4.5, `${selector} in ${theme}: contrast ${ratio}`);
      }
    });
  });
}

describe('chat webview in the narrowest side bar (170 px: also a 340 px one at 200% zoom)', function () {
  this.timeout(60_000);
  const chat = chatPageForEachTest({ width: 170, height: 320 });

  it('Send and Stop stay on screen beside the attach buttons, the model picker and a long token estimate', async () => {
    const page = chat().page;
    const attachments = [{ id: 'a', label: 'inventory.ts', tokens: 12_345 }];
    const onScreen = async (selector: string): Promise<void> => {
      const box = await page.locator(selector).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 170, `${selector} at ${JSON.stringify(box)}`);
    };
    await chat().deliver({ type: 'snapshot', state: { ...state([]), attachments, models: ['a-model-with-a-long-name'], model: 'a-model-with-a-long-name' } });
    await page.locator('textarea').fill('Explain the inventory, please');
    await onScreen('[data-action=send]');
    await onScreen('.model-picker');
    await chat().deliver({ type: 'snapshot', state: { ...state([turn()]), attachments, models: ['a-model-with-a-long-name'], model: 'a-model-with-a-long-name' } });
    await onScreen('[data-action=stop]');
  });
});

describe('chat webview: an ended answer\'s status and buttons stay put while other things change', function () {
  this.timeout(60_000);
  const chat = chatPageForEachTest();

  it('a snapshot that changes nothing of the answer (a file attached) neither re-announces its error nor takes the focus off Retry', async () => {
    const failed = state([turn({ answer: 'Part', status: 'error', error: { kind: 'server', message: 'The server failed (500).' } })]);
    await chat().deliver({ type: 'snapshot', state: failed });
    await chat().nextFrames();
    await chat().page.evaluate(`document.querySelector('[role=alert]').dataset.mark = 'first'`);
    await chat().page.locator('[data-action=retry]').focus();
    await chat().deliver({ type: 'snapshot', state: { ...failed, attachments: [{ id: 'a', label: 'cart.ts', tokens: 300 }] } });
    await chat().nextFrames();
    assert.equal(await chat().page.locator('[role=alert]').getAttribute('data-mark'), 'first', 'the alert was drawn again, so read again');
    assert.equal(await chat().page.evaluate(`document.activeElement?.getAttribute('data-action') ?? document.activeElement?.tagName`), 'retry');
  });
});
