// The chat panel in real VS Code in Chromium, used as a person would: open it, ask, watch the
// answer stream into the webview, stop it, insert code, hide and show it mid-answer, see a failure
// with Retry, and check that hostile model output runs and loads nothing.
import * as assert from 'node:assert/strict';
import type { Frame, Request } from 'playwright-core';
import { pollFor } from '../../tools/poll';
import { e2e } from './environment';
import type { Workbench } from './workbench';

const ANSWER = '.turn:last-child .answer .markdown';

/** `n` distinct words, so that growth and completeness can be counted. */
function words(n: number, prefix = 'w'): string {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');
}

describe('Rill chat panel (e2e)', function () {
  this.timeout(120_000);
  let workbench: Workbench;

  before(async () => {
    workbench = await e2e().openWorkbench();
  });
  after(async () => {
    await workbench?.close();
  });
  beforeEach(() => e2e().llm.reset());

  /** The Rill item in the activity bar: a click shows the chat view, another click hides it. */
  function rillTab() {
    return workbench.page.locator('.part.activitybar [aria-label^="Rill"]').first();
  }

  async function chatViewShown(): Promise<boolean> {
    return workbench.page.locator('.part.sidebar .title-label', { hasText: /rill/i }).isVisible().catch(() => false);
  }

  /** Shows the chat view as a user would (its activity bar item) and returns the webview's frame. */
  async function showChat(): Promise<Frame> {
    if (!(await chatViewShown())) await rillTab().click();
    return workbench.webviewFrame('textarea.question-input');
  }

  /** Shows the chat and starts a new conversation through the view's title button. */
  async function newChat(): Promise<Frame> {
    const frame = await showChat();
    const transcript = frame.locator('main.transcript');
    // The id is there once the page drew its first snapshot; before that there is nothing to compare.
    const before = await pollFor(async () => (await transcript.getAttribute('data-conversation-id')) ?? undefined, {
      timeoutMs: 15_000,
      what: 'the first snapshot',
    });
    await workbench.page.locator('.part.sidebar').getByRole('button', { name: 'New Chat' }).click();
    // Wait for the new conversation itself: a question typed earlier would land in the old one.
    await pollFor(async () => ((await transcript.getAttribute('data-conversation-id')) !== before ? true : undefined), {
      timeoutMs: 15_000,
      what: 'the new conversation',
    });
    await frame.locator('.empty').waitFor();
    return frame;
  }

  async function ask(frame: Frame, question: string): Promise<void> {
    const box = frame.locator('textarea.question-input');
    await box.fill(question);
    await box.press('Enter');
  }

  async function answerText(frame: Frame): Promise<string> {
    return (await frame.locator(ANSWER).innerText().catch(() => '')).trim();
  }

  function chatRequests() {
    return e2e().llm.requests.filter((r) => r.path.endsWith('/chat/completions'));
  }

  it('a question streams into the webview token by token, with a responding state', async () => {
    const frame = await newChat();
    // Six seconds of streaming: enough reads to see it grow even when each read is slow (loaded machine).
    e2e().llm.enqueue({ text: words(120), tokensPerSec: 20 });
    await ask(frame, 'Count for me');
    await frame.getByText('Responding…').waitFor();
    const seen = new Set<number>();
    const full = await pollFor(
      async () => {
        // The status first: the page draws the end state and the last words in one frame, so
        // text read after "Responding…" went away is the final text.
        const ended = (await frame.locator('.answer-status .responding').count()) === 0;
        const text = await answerText(frame);
        seen.add(text.split(/\s+/).filter(Boolean).length);
        return ended ? text : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: 'the answer to finish' },
    );
    assert.equal(full, words(120));
    assert.ok(seen.size >= 5, `the answer grew in steps (word counts seen: ${[...seen].join(', ')})`);
    await workbench.screenshot('chat-answered');
  });

  it('focused from the palette or its activity bar item, the view takes what the user types as the question; a double-click in an answer selects its word there', async () => {
    const frame = await newChat();
    e2e().llm.enqueue({ text: 'Selectable words here.' });
    await ask(frame, 'Something to select');
    await frame.getByText('Selectable words here.').waitFor();
    const box = frame.locator('textarea.question-input');
    const focusElsewhere = async () => {
      await workbench.quickOpen('sample.py');
      await workbench.focusEditorEnd();
    };
    // VS Code hands the focus on to the page by a message: a person sees the caret, then types.
    const caretIn = (page: Frame) =>
      pollFor(async () => ((await page.evaluate('document.hasFocus() && document.activeElement?.classList.contains("question-input")')) ? true : undefined), {
        timeoutMs: 10_000,
        what: 'the caret in the question box',
      });

    // Focus on Chat View, from the editor: the keys go into the question box.
    await focusElsewhere();
    await workbench.runCommand('Rill: Focus on Chat View');
    await caretIn(frame);
    await workbench.type('from the palette');
    await pollFor(async () => ((await box.inputValue()) === 'from the palette' ? true : undefined), { timeoutMs: 10_000, what: 'the typed keys in the question box' });

    // The activity bar item, the view hidden before: the keys go into the question box too.
    await box.fill('');
    await focusElsewhere();
    await workbench.runCommand('View: Close Primary Side Bar');
    await pollFor(async () => ((await chatViewShown()) ? undefined : true), { timeoutMs: 10_000, what: 'the chat view to hide' });
    await rillTab().click();
    const shown = await workbench.webviewFrame('textarea.question-input');
    await shown.getByText('Selectable words here.').waitFor();
    await caretIn(shown);
    await workbench.type('from the activity bar');
    const shownBox = shown.locator('textarea.question-input');
    await pollFor(async () => ((await shownBox.inputValue()) === 'from the activity bar' ? true : undefined), { timeoutMs: 10_000, what: 'the typed keys in the question box' });
    await shownBox.fill('');

    // A click that focuses the view keeps what it clicked: the word stays selected, the box empty.
    await focusElsewhere();
    await shown.getByText('Selectable words here.').dblclick({ position: { x: 5, y: 5 } });
    assert.equal(await shown.evaluate('document.getSelection()?.toString().trim()'), 'Selectable');
    assert.equal(await shown.evaluate('document.activeElement?.classList.contains("question-input")'), false, 'the click moved the caret into the question box');
    assert.equal(await shownBox.inputValue(), '');
  });

  it('Stop closes the socket at once; the partial answer stays, marked stopped', async () => {
    const frame = await newChat();
    e2e().llm.enqueue({ text: words(400), tokensPerSec: 20 });
    await ask(frame, 'Say a lot');
    await pollFor(async () => ((await answerText(frame)).split(' ').length >= 5 ? true : undefined), { timeoutMs: 20_000, what: 'some words' });
    await frame.getByRole('button', { name: 'Stop (Esc)' }).click();
    await frame.getByText('Stopped', { exact: true }).waitFor();
    const [request] = chatRequests();
    assert.ok(request);
    await e2e().llm.waitForClose(request);
    assert.ok(request.closedByClientAt !== undefined, 'the client closed the socket');
    assert.ok(request.tokensSent < 400, 'the server stopped generating');
    const partial = await answerText(frame);
    assert.match(partial, /^w0 w1 w2 w3 w4/);
    assert.ok(!partial.includes('w399'));
  });

  it('Insert at Cursor puts the code of an answer into the editor', async () => {
    await workbench.showExplorer();
    await workbench.openFileFromExplorer('sample.py');
    await workbench.focusEditorEnd();
    await workbench.press('Enter');
    const frame = await newChat();
    e2e().llm.enqueue({ text: 'Add this:\n\n```python\ndef rill_inserted():\n    return 42\n```\n' });
    await ask(frame, 'Write a function');
    await frame.locator('.code-block code', { hasText: 'rill_inserted' }).waitFor();
    await frame.getByRole('button', { name: 'Insert code at cursor' }).click();
    const text = await workbench.waitForEditorText((t) => t.includes('def rill_inserted():'));
    assert.match(text, /def rill_inserted\(\):\s+return 42/);
  });

  it('hidden mid-stream and shown again, the view shows the whole answer', async () => {
    const frame = await newChat();
    e2e().llm.enqueue({ text: words(80, 'h'), tokensPerSec: 25 });
    await ask(frame, 'Stream while I look away');
    await pollFor(async () => ((await answerText(frame)).length > 0 ? true : undefined), { timeoutMs: 20_000, what: 'the first words' });
    await rillTab().click(); // hides the side bar, and with it the view's page
    await pollFor(async () => ((await chatViewShown()) ? undefined : true), { timeoutMs: 10_000, what: 'the chat view to hide' });
    const [request] = chatRequests();
    assert.ok(request);
    // Hidden while at least 20 more tokens arrive: the page is gone (no retained context).
    await pollFor(() => (request.tokensSent > 30 ? true : undefined), { timeoutMs: 20_000, what: 'tokens sent while hidden' });
    await rillTab().click();
    const shown = await workbench.webviewFrame(ANSWER);
    const text = await pollFor(
      async () => {
        const t = await answerText(shown);
        return t === words(80, 'h') ? t : undefined;
      },
      { timeoutMs: 30_000, what: 'the whole answer after showing the view again' },
    );
    assert.equal(text, words(80, 'h'));
  });

  it('a stream failing mid-answer shows the error with Retry; the partial text stays', async () => {
    const frame = await newChat();
    // Reset twice: the drop after text is continued once by itself (rill.chat.autoResume), and the
    // continuation is reset too.
    const failing = { text: words(50, 'e'), tokensPerSec: 100, fault: 'reset-after-tokens', faultAfterTokens: 10 } as const;
    e2e().llm.enqueue(failing, failing);
    await ask(frame, 'Fail for me');
    const alert = frame.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    assert.ok((await alert.innerText()).length > 0);
    assert.match(await answerText(frame), /^e0 e1 e2/);
    await workbench.screenshot('chat-error');
    e2e().llm.enqueue({ text: 'Recovered answer.' });
    await frame.getByRole('button', { name: 'Retry' }).click();
    await pollFor(async () => ((await answerText(frame)) === 'Recovered answer.' ? true : undefined), { timeoutMs: 20_000, what: 'the retried answer' });
    assert.equal(await frame.getByRole('alert').count(), 0);
  });

  it('hostile model output runs no script, loads nothing and opens no command link', async () => {
    const frame = await newChat();
    const requests: string[] = [];
    const record = (r: Request): void => {
      if (r.url().includes('evil.example')) requests.push(r.url());
    };
    workbench.page.context().on('request', record);
    e2e().llm.enqueue({
      text: [
        'Hi <script>window.__pwned = 1</script>',
        '',
        '<img src="https://evil.example/x.png" onerror="window.__pwned = 2">',
        '',
        '[js](javascript:window.__pwned=3) [cmd](command:workbench.action.terminal.new)',
        '',
        '![pixel](https://evil.example/pixel.png)',
        '',
        'The end.',
      ].join('\n'),
    });
    await ask(frame, 'Be hostile');
    await frame.getByText('The end.').waitFor();
    await frame.getByText('cmd', { exact: true }).click();
    await frame.getByText('js', { exact: true }).click();
    workbench.page.context().off('request', record);
    assert.equal(await frame.evaluate('window.__pwned'), undefined);
    assert.equal(await frame.locator(`${ANSWER} script, ${ANSWER} img`).count(), 0);
    assert.deepEqual(requests, []);
    assert.equal(await workbench.page.locator('.terminal-outer-container, .integrated-terminal').count(), 0, 'no terminal was opened');
  });
});
