// Links in a chat answer, in the real chat page in Chromium (no VS Code): none is an anchor (VS
// Code's webview host would open a clicked anchor itself, past Rill), each shows where it points
// before it is clicked, and a click or Enter posts exactly one `openLink` to the host. Image links
// load nothing and show their label and address. A NUL in an answer shows as [U+0000]. What the
// host then does with the message, in real VS Code: modelLinks.e2e.test.ts.
import * as assert from 'node:assert/strict';
import type { ChatViewState, TurnView } from '../../src/protocol/chat';
import { chatPageForEachTest } from './chatPageHooks';

const ANSWER = [
  'See [the docs](https://example.invalid/docs "Project docs") and <https://example.invalid/auto>.',
  '',
  'Sneaky: [https://good.example/](https://evil.example/login) and [creds](https://trusted.example@evil.example/phish).',
  '',
  'Refused: [js](javascript:alert(1)) [cmd](command:workbench.action.terminal.new) [data](data:text/html,hi)',
  '',
  'Picture: ![a chart](https://example.invalid/chart.png) and ![inline](data:image/png;base64,iVBORw0KGgo=)',
  '',
  'Null: a\u0000b.',
].join('\n');

function state(answer: string): ChatViewState {
  const turn: TurnView = { id: 't1', question: 'Links?', context: [], answer, status: 'done', truncated: false, model: 'm1' };
  return { conversationId: 'c1', title: 'Links', turns: [turn], streaming: false, attachments: [], model: 'm1', models: ['m1'] };
}

describe('chat webview links in Chromium', function () {
  this.timeout(60_000);
  const chat = chatPageForEachTest();
  beforeEach(async () => {
    await chat().deliver({ type: 'snapshot', state: state(ANSWER) });
    await chat().nextFrames(3);
  });

  const md = () => chat().page.locator('[data-turn-id="t1"] .answer .markdown');
  const openLinks = async () => (await chat().posted()).flatMap((m) => (m.type === 'openLink' ? [m.href] : []));

  it('no link is an anchor: each is a focusable role="link" that shows its address in its tooltip', async () => {
    assert.equal(await chat().page.locator('a').count(), 0, 'an <a> in the page');
    const links = (await chat().page.evaluate(`[...document.querySelectorAll('[data-turn-id="t1"] .answer .markdown [data-href]')].map((e) => ({
      text: e.textContent, href: e.getAttribute('data-href'), title: e.getAttribute('title'), role: e.getAttribute('role'), tabindex: e.getAttribute('tabindex') }))`)) as {
      text: string;
      href: string;
      title: string;
      role: string;
      tabindex: string;
    }[];
    assert.deepEqual(
      links.map((l) => [l.text, l.href, l.title]),
      [
        ['the docs', 'https://example.invalid/docs', 'https://example.invalid/docs\nProject docs'],
        ['https://example.invalid/auto', 'https://example.invalid/auto', 'https://example.invalid/auto'],
        ['https://good.example/', 'https://evil.example/login', 'https://evil.example/login'],
        ['creds', 'https://trusted.example@evil.example/phish', 'https://trusted.example@evil.example/phish'],
        ['a chart https://example.invalid/chart.png', 'https://example.invalid/chart.png', 'https://example.invalid/chart.png'],
      ],
    );
    assert.ok(links.every((l) => l.role === 'link' && l.tabindex === '0'), JSON.stringify(links));
    // Other schemes are not links at all.
    for (const name of ['js', 'cmd', 'data']) assert.equal(await md().getByText(name, { exact: true }).getAttribute('data-href'), null, name);
  });

  it('an image link loads nothing and shows its label and its address', async () => {
    assert.equal(await chat().page.locator('img').count(), 0);
    assert.match(await md().innerText(), /a chart https:\/\/example\.invalid\/chart\.png/);
    assert.match(await md().innerText(), /inline data:image\/png;base64,iVBORw0KGgo=/);
  });

  it('one click posts one openLink; Enter on a focused link posts one; a double click two, never more', async () => {
    await md().getByRole('link', { name: 'the docs' }).click();
    assert.deepEqual(await openLinks(), ['https://example.invalid/docs']);
    await md().getByRole('link', { name: 'creds' }).focus();
    await chat().page.keyboard.press('Enter');
    assert.deepEqual(await openLinks(), ['https://example.invalid/docs', 'https://trusted.example@evil.example/phish']);
    await md().getByRole('link', { name: 'a chart' }).dblclick();
    assert.equal((await openLinks()).filter((h) => h === 'https://example.invalid/chart.png').length, 2);
    for (const name of ['js', 'cmd', 'data']) await md().getByText(name, { exact: true }).click();
    assert.equal((await openLinks()).length, 4, 'a refused link posted');
    assert.equal(chat().page.url(), 'https://rill-webview.test/index.html', 'the page navigated');
  });

  it('a NUL in the answer shows as [U+0000]', async () => {
    assert.match(await md().innerText(), /Null: a\[U\+0000\]b\./);
  });
});
