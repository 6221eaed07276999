// What a user sees of a few server faults in real VS Code, in Chromium: the chat's error alert says
// what to do and keeps the partial answer; the completion status bar item turns to error, its
// tooltip says why and until when ghost text is paused, and Alt+\ still asks. The full list of
// faults runs in the extension host (test/host/reliability*.host.test.ts).
import * as assert from 'node:assert/strict';
import { pollFor } from '../harness/poll';
import { ChatPanel } from '../reliability/chatPanel';
import { e2e } from './environment';
import type { Workbench } from './workbench';

const chatRequests = () => e2e().llm.requests.filter((r) => r.endpoint === 'openai-chat');
const promptOf = (body: unknown) => {
  const prompt = (body as { prompt?: unknown } | undefined)?.prompt;
  return typeof prompt === 'string' ? prompt : '';
};

describe('Faults as the user sees them (e2e)', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let chat: ChatPanel;

  before(async () => {
    workbench = await e2e().openWorkbench();
    chat = new ChatPanel(workbench);
  });
  after(async () => {
    e2e().llm.reset();
    await workbench?.close();
  });
  beforeEach(() => e2e().llm.reset());

  it('chat, HTTP 401: the alert says to set a key with "Rill: Set API Key…", with Retry', async () => {
    const frame = await chat.newChat();
    e2e().llm.setDefault({ status: 401 });
    await chat.ask(frame, 'Are you there?');
    await chat.waitForAnswerEnd(frame);
    assert.match((await chat.alert(frame)) ?? '', /API key for OpenAI-compatible server \(HTTP 401\)\. Set .*"Rill: Set API Key…"/);
    assert.ok(await frame.getByRole('button', { name: 'Retry' }).isVisible());
    assert.equal(chatRequests().length, 1, 'an auth error is not retried');
  });

  it('chat, HTTP 429 with Retry-After: 300: the alert says when to retry, at once, without waiting it out', async () => {
    const frame = await chat.newChat();
    e2e().llm.setDefault({ status: 429, headers: { 'retry-after': '300' } });
    await chat.ask(frame, 'Rate limit me');
    await chat.waitForAnswerEnd(frame);
    assert.match((await chat.alert(frame)) ?? '', /rate limiting requests \(HTTP 429\)\. Retry in 5 min/);
    assert.equal(chatRequests().length, 1, 'a Retry-After over the cap is not waited out');
  });

  it('chat, an error event after partial output: the partial answer stays next to the alert, and nothing was retried', async () => {
    const frame = await chat.newChat();
    e2e().llm.setDefault({ text: 'First words of an answer that breaks off', fault: 'error-event-after-tokens', faultAfterTokens: 4, tokensPerSec: 50 });
    await chat.ask(frame, 'Break off');
    const answer = await chat.waitForAnswerEnd(frame);
    assert.equal(answer, 'First words of an');
    assert.match((await chat.alert(frame)) ?? '', /stopped the answer with an error/);
    assert.equal(chatRequests().length, 1, 'a stream with output was retried');
    await workbench.screenshot('fault-chat-partial-with-alert');
  });

  it('completion, HTTP 429 with Retry-After: 300: the status bar shows the error and until when ghost text is paused; Alt+\\ still asks', async () => {
    const FILE = 'fault_status.py';
    e2e().llm.route((r) => {
      const prompt = promptOf(r.body);
      if (prompt.endsWith('limited = ')) return { status: 429, headers: { 'retry-after': '300' } };
      if (prompt.endsWith('limited = 1')) return { text: ' + 41\n' };
      return undefined;
    });
    e2e().llm.setDefault({ text: '' });
    await workbench.showExplorer();
    await workbench.openNewFile(FILE);
    await workbench.type('limited = ');

    const item = workbench.page.locator('.part.statusbar [aria-label^="Rill inline completion: error"]').first();
    await item.waitFor({ timeout: 30_000 });
    assert.match((await item.getAttribute('aria-label')) ?? '', /paused until \d/);
    await item.hover();
    const tooltip = await pollFor(
      async () => {
        const texts = await workbench.page.locator('.monaco-hover, .workbench-hover, .custom-hover').allInnerTexts();
        return texts.find((t) => /Retry in 5 min/.test(t));
      },
      { timeoutMs: 15_000, what: 'the status bar tooltip with the rate limit' },
    );
    assert.match(tooltip, /Automatic completion paused until .+; Alt\+\\ asks anyway/);
    await workbench.screenshot('fault-completion-status-tooltip');

    // Typing on makes no request while paused; Alt+\ asks anyway.
    await workbench.activeEditor().click();
    await workbench.page.keyboard.press('Control+End');
    await workbench.type('1');
    await workbench.press('Alt+Backslash');
    const ghost = await workbench.waitForGhostText((g) => g.text.includes('+ 41'), 30_000);
    assert.equal(ghost.inline, ' + 41');
  });
});
