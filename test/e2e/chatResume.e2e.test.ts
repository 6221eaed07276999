// Continuing a cut answer in real VS Code, in Chromium, as a person sees it: a connection reset at
// 60% of the answer is continued by itself (rill.chat.autoResume, on by default) and the answer
// ends whole; with it off the partial answer stays with the alert and Continue, which completes it
// to exactly the model's full answer (no doubled or missing words); an answer cut at the token
// limit keeps its message and gains Continue. The fake server continues its scripted answer from
// the partial text it receives as the assistant's last message.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { RecordedRequest } from '../fake-llm/server';
import { splitTokens } from '../fake-llm/server';
import { pollFor } from '../../tools/poll';
import { ChatPanel, LAST_ANSWER } from '../reliability/chatPanel';
import { UserSettingsFile } from '../reliability/userSettingsFile';
import { e2e } from './environment';
import type { Workbench } from './workbench';

/** One paragraph of plain prose, so the rendered text is the answer's text exactly. */
const FULL =
  'Rivers carve canyons slowly, grain by grain, over a million years. The water carries sand that scours the rock, ' +
  'and every flood cuts a little deeper than the last. The walls keep each layer the river passed through, ' +
  'so a canyon is a record of the ground as much as of the river. Wind and frost widen it, and side streams add their own small valleys.';
const TOKENS = splitTokens(FULL);
const AT_60 = Math.round(TOKENS.length * 0.6);
const PARTIAL = TOKENS.slice(0, AT_60).join('');

type Message = { role: string; content: unknown };
const messagesOf = (r: RecordedRequest | undefined): Message[] => ((r?.body as { messages?: Message[] } | undefined)?.messages ?? []);
const chatRequests = () => e2e().llm.requests.filter((r) => r.endpoint === 'openai-chat');
const continueButton = (frame: Frame) => frame.locator('.turn:last-child [data-action=continue]');

/** After Continue: waits until the answer has grown past `before` and ended; returns its text. */
async function continued(chat: ChatPanel, frame: Frame, before: string): Promise<string> {
  await pollFor(async () => ((await frame.locator(LAST_ANSWER).innerText()).trim().length > before.length ? true : undefined), {
    timeoutMs: 60_000,
    what: 'the continuation to appear',
  });
  return chat.waitForAnswerEnd(frame, 60_000);
}

describe('Continuing a cut chat answer (e2e)', function () {
  this.timeout(120_000);
  let settings: UserSettingsFile;

  before(() => {
    settings = new UserSettingsFile(e2e().vscode.settingsFile);
  });
  after(() => settings?.restore());
  beforeEach(() => e2e().llm.reset());

  describe('with the automatic resume (default)', () => {
    let workbench: Workbench;
    before(async () => {
      workbench = await e2e().openWorkbench();
    });
    after(async () => {
      await workbench?.close();
    });

    it('a reset at 60% is continued by itself: no alert, the whole answer, two requests', async () => {
      e2e().llm.enqueue({ text: FULL, fault: 'reset-after-tokens', faultAfterTokens: AT_60, tokensPerSec: 200 });
      e2e().llm.setDefault({ text: FULL, tokensPerSec: 200 });
      const chat = new ChatPanel(workbench);
      const frame = await chat.newChat();
      await chat.ask(frame, 'How do canyons form?');
      const answer = await chat.waitForAnswerEnd(frame, 60_000);
      assert.equal(await chat.alert(frame), undefined, 'the drop was never shown as an error');
      assert.equal(answer, FULL);
      assert.equal(chatRequests().length, 2);
      const last = messagesOf(chatRequests()[1]).at(-1);
      assert.deepEqual(last, { role: 'assistant', content: PARTIAL.trimEnd() }, 'the continuation carries the partial answer');
      assert.match(await frame.locator('.turn:last-child .answer-status').innerText(), /Continued from where it was cut off/);
      await workbench.screenshot('chat-answer-resumed-by-itself');
    });
  });

  describe('with rill.chat.autoResume off', () => {
    let workbench: Workbench;
    let chat: ChatPanel;
    before(async () => {
      // A window reads its settings when it opens.
      settings.set({ 'rill.chat.autoResume': false });
      workbench = await e2e().openWorkbench();
      chat = new ChatPanel(workbench);
    });
    after(async () => {
      await workbench?.close();
      settings.set({ 'rill.chat.autoResume': undefined });
    });

    it('a reset at 60% shows the partial answer with the alert and Continue; Continue completes it exactly', async () => {
      e2e().llm.enqueue({ text: FULL, fault: 'reset-after-tokens', faultAfterTokens: AT_60, tokensPerSec: 200 });
      e2e().llm.setDefault({ text: FULL, tokensPerSec: 200 });
      const frame = await chat.newChat();
      await chat.ask(frame, 'How do canyons form?');
      const partial = await chat.waitForAnswerEnd(frame, 60_000);
      assert.equal(partial, PARTIAL.trim(), 'the partial answer stays as it arrived');
      assert.match((await chat.alert(frame)) ?? '(no alert)', /Could not complete the request to .*(lost mid-answer|reset|closed)/);
      assert.ok(await continueButton(frame).isVisible(), 'Continue is offered');
      assert.ok(await frame.locator('.turn:last-child').getByRole('button', { name: 'Retry' }).isVisible(), 'Retry is still offered');
      await workbench.screenshot('chat-answer-cut-with-continue');

      await continueButton(frame).click();
      const whole = await continued(chat, frame, partial);
      assert.equal(whole, FULL, 'no doubled or missing words at the seam');
      assert.equal(await chat.alert(frame), undefined);
      assert.equal(chatRequests().length, 2);
      assert.deepEqual(messagesOf(chatRequests()[1]).at(-1), { role: 'assistant', content: PARTIAL.trimEnd() });
      assert.match(await frame.locator('.turn:last-child .answer-status').innerText(), /Continued from where it was cut off/);
      await workbench.screenshot('chat-answer-resumed');
    });

    it('an answer cut at the token limit keeps its message and gains Continue, which finishes it', async () => {
      e2e().llm.enqueue({ text: PARTIAL, finishReason: 'length' });
      e2e().llm.setDefault({ text: FULL, repeatOnContinue: 3 });
      const frame = await chat.newChat();
      await chat.ask(frame, 'How do canyons form, in full?');
      const cut = await chat.waitForAnswerEnd(frame, 60_000);
      assert.equal(cut, PARTIAL.trim());
      assert.match(await frame.locator('.turn:last-child .answer-status').innerText(), /Cut off at the token limit \(rill\.chat\.maxTokens\)/);
      assert.equal(await chat.alert(frame), undefined);
      assert.ok(await continueButton(frame).isVisible(), 'Continue is offered');
      assert.ok(await frame.locator('.turn:last-child').getByRole('button', { name: 'Regenerate' }).isVisible());

      await continueButton(frame).click();
      // The model repeats its last three words at the seam; they are shown once.
      assert.equal(await continued(chat, frame, cut), FULL);
      assert.equal(await frame.locator('.turn:last-child .truncated').count(), 0, 'the limit message is gone once the answer ended');
    });
  });
});
