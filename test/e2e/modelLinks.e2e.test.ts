// Links a model writes into a chat answer, clicked in real VS Code in Chromium. Every link is text
// an attacker may have chosen. A click opens a link at most once, only through Rill (its checks,
// then VS Code's openExternal), and nothing opens before the prompt is answered: VS Code's link
// protection prompt for a web address, Rill's own for an address on this machine (which VS Code
// would open without asking). VS Code's webview host never sees a click on an anchor (the page has
// none), which it would open on its own, past both. Counted for each click: pages the browser
// opened (popups), requests that reached the fake server (loopback links point at it, the link
// with credentials too), and the prompt.
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { pollFor } from '../../tools/poll';
import { ChatPanel, LAST_ANSWER } from '../reliability/chatPanel';
import { e2e } from './environment';
import { rillLogCount, rillLogText } from './rillLogFile';
import type { Workbench } from './workbench';

const EXTERNAL = 'https://example.invalid/rill-external-docs';
const PROMPT = '.monaco-dialog-box';

describe('Links in chat answers open once, through Rill (e2e)', function () {
  this.timeout(120_000);
  let workbench: Workbench;
  let frame: Frame;
  const popups: Page[] = [];
  const onPage = (page: Page): void => {
    popups.push(page);
  };
  const clicked = (name: string) => `${e2e().llm.url}/clicked/${name}`;
  /**
   * Requests that reached the fake server at an address it does not serve (not Rill's own API
   * calls, nor its probes of the server: /v1/models, /props, /api/show): what a link opened. A
   * loopback address opens through the server's port forwarding (`/proxy/<port>/…`): code-server
   * 4.100 forwards it (dropping the path: the fake server sees `/`), the 1.139 server has no such
   * route (the page opens, nothing reaches the fake server).
   */
  const hits = () => e2e().llm.requests.filter((r) => r.endpoint === 'not-found').map((r) => r.path);
  const popupUrls = () => popups.map((p) => p.url());
  const link = (name: string) => frame.locator(LAST_ANSWER).getByRole('link', { name });
  const prompt = () => workbench.page.locator(PROMPT);

  /** Waits for the prompt that shows `url`; returns its text. */
  async function waitForPrompt(url: string): Promise<string> {
    await prompt().waitFor({ state: 'visible', timeout: 30_000 });
    const text = await prompt().innerText();
    assert.ok(text.includes(url), `the prompt does not show the address ${url}: ${text}`);
    return text;
  }

  /** Presses a button of the prompt and waits until that prompt is gone. */
  async function answerPrompt(button: 'Open Link' | 'Open' | 'Cancel'): Promise<void> {
    const text = await prompt().innerText();
    await prompt().getByRole('button', { name: button, exact: true }).click();
    await pollFor(async () => ((await prompt().count()) === 0 || (await prompt().innerText().catch(() => '')) !== text ? true : undefined), {
      timeoutMs: 15_000,
      what: 'the prompt to close',
    });
  }

  /**
   * A refused link travels the same way as any link's message (page, webview host, Rill) and Rill
   * logs it: once that line is in the log, everything the clicks before it caused has reached Rill.
   */
  async function barrier(): Promise<void> {
    const refused = () => rillLogCount(e2e().vscode.dataDir, 'refused to open a link');
    const before = refused();
    await link('look-alike').click();
    await pollFor(() => (refused() > before ? true : undefined), { timeoutMs: 30_000, what: "Rill's log line for the refused link" });
  }

  before(async () => {
    workbench = await e2e().openWorkbench();
    workbench.page.context().on('page', onPage);
    const chat = new ChatPanel(workbench);
    frame = await chat.newChat();
    e2e().llm.enqueue({
      text: [
        `Docs: [external docs](${EXTERNAL}).`,
        `Local: [local page](${clicked('loopback')}).`,
        `Picture: ![local chart](${clicked('image.png')}).`,
        // Rill refuses a link with credentials; its real host is the fake server, which would see it.
        `Trusted: [look-alike](${clicked('credentials').replace('http://', 'http://trusted.example@')}).`,
        `Script: [js link](javascript:fetch('${clicked('javascript')}')).`,
        `Command: [command link](command:workbench.action.terminal.new).`,
        `Data: [data link](data:text/html,<script>fetch('${clicked('data')}')</script>).`,
        'The end.',
      ].join('\n\n'),
    });
    await chat.ask(frame, 'Give me some links');
    await frame.locator(LAST_ANSWER).getByText('The end.').waitFor({ timeout: 60_000 });
    await chat.waitForAnswerEnd(frame);
  });
  // A failed attempt may leave a prompt up, which would hold the retry's clicks: answered Cancel.
  afterEach(async function () {
    if (this.currentTest?.state === 'passed' || !workbench) return;
    if (await prompt().isVisible().catch(() => false)) await answerPrompt('Cancel').catch(() => undefined);
  });
  after(async () => {
    workbench?.page.context().off('page', onPage);
    await workbench?.close();
  });

  it('the answer has no anchor; each link shows where it points; the image loads nothing and shows its address', async () => {
    assert.equal(await frame.locator(`${LAST_ANSWER} a`).count(), 0, 'an <a> in the answer');
    assert.equal(await link('external docs').getAttribute('title'), EXTERNAL);
    assert.equal(await link('local page').getAttribute('title'), clicked('loopback'));
    assert.match(await frame.locator(LAST_ANSWER).innerText(), new RegExp(`local chart ${clicked('image.png').replace(/[.?]/g, '\\$&')}`));
    assert.deepEqual(hits(), [], 'rendering the answer requested something');
  });

  it("an external link: nothing opens while VS Code's link prompt is up; Cancel opens nothing; Open opens it once", async () => {
    const pagesBefore = popups.length;
    await link('external docs').click();
    assert.match(await waitForPrompt(EXTERNAL), /open the external website/);
    assert.equal(popups.length, pagesBefore, 'a page opened before the prompt was answered');
    await answerPrompt('Cancel');
    await barrier();
    assert.equal(popups.length, pagesBefore, 'a page opened after Cancel');

    await link('external docs').click();
    await waitForPrompt(EXTERNAL);
    assert.equal(popups.length, pagesBefore, 'a page opened before the prompt was answered');
    await answerPrompt('Open');
    await pollFor(() => (popups.length > pagesBefore ? true : undefined), { timeoutMs: 30_000, what: 'the external page to open' });
    await barrier();
    assert.equal(popups.length, pagesBefore + 1, `pages opened: ${popupUrls().join(', ')}`);
    assert.equal(await prompt().count(), 0, 'asked again');
  });

  it("a loopback link: Rill asks (VS Code would not); no request before the prompt is answered, exactly one after Open Link", async () => {
    const pagesBefore = popups.length;
    // Counted from here: a failed first attempt of this test may have opened it already.
    const hitsBefore = hits().length;
    await link('local page').click();
    assert.match(await waitForPrompt(clicked('loopback')), /server on this machine/);
    assert.deepEqual(hits().slice(hitsBefore), [], 'the page was requested before the prompt was answered');
    assert.equal(popups.length, pagesBefore, 'a page opened before the prompt was answered');
    await answerPrompt('Open Link');
    await pollFor(() => (popups.length > pagesBefore ? true : undefined), { timeoutMs: 30_000, what: 'the loopback page to open' });
    await barrier();
    assert.equal(popups.length, pagesBefore + 1, `pages opened: ${popupUrls().join(', ')}`);
    const port = new URL(e2e().llm.url).port;
    const opened = popupUrls()[pagesBefore] ?? '';
    assert.ok(opened.includes(`127.0.0.1:${port}/`) || opened.includes(`/proxy/${port}/`), `the page opened ${opened}, not the fake server`);
    assert.ok(hits().length - hitsBefore <= 1, `requests to the fake server: ${hits().slice(hitsBefore).join(', ')}`);
  });

  it('an image link asks too, and Cancel loads nothing', async () => {
    const hitsBefore = hits().length;
    const pagesBefore = popups.length;
    await frame.locator(LAST_ANSWER).getByRole('link', { name: /local chart/ }).click();
    await waitForPrompt(clicked('image.png'));
    assert.equal(popups.length, pagesBefore, 'a page opened before the prompt was answered');
    await answerPrompt('Cancel');
    await barrier();
    assert.equal(hits().length, hitsBefore, `requests to the fake server: ${hits().join(', ')}`);
    assert.equal(popups.length, pagesBefore, `pages opened: ${popupUrls().join(', ')}`);
  });

  it('refused links open nothing and ask nothing: credentials (the warning names the real host), javascript:, command:, data:', async () => {
    const pagesBefore = popups.length;
    const hitsBefore = hits();
    const url = frame.url();
    for (const name of ['js link', 'command link', 'data link']) {
      const element = frame.locator(LAST_ANSWER).getByText(name, { exact: true });
      assert.equal(await element.getAttribute('data-href'), null, `${name} is a link`);
      await element.click();
    }
    await barrier();
    await workbench.waitForNotification(/Rill did not open the link/);
    const port = new URL(e2e().llm.url).port;
    assert.ok(rillLogText(e2e().vscode.dataDir).includes(`it has a user name or password before the host (127.0.0.1:${port})`), 'the refusal does not name the real host');
    assert.equal(await prompt().count(), 0, 'a refused link asked to open');
    assert.equal(popups.length, pagesBefore, `pages opened: ${popupUrls().join(', ')}`);
    assert.deepEqual(hits(), hitsBefore, 'a refused link reached the server');
    assert.equal(frame.url(), url, 'the webview navigated');
    assert.equal(await workbench.page.locator('.terminal-outer-container, .integrated-terminal').count(), 0, 'a command: link opened a terminal');
  });
});
