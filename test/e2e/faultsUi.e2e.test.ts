// What a user sees of server faults in real VS Code, in Chromium. Chat: every fault of the shared
// catalogue (test/reliability/faultCatalog.ts), asked in the chat panel: the alert says what the
// catalogue says (specific, with what to do) next to a Retry button, the text that arrived before
// the fault stays, a fault the answer survives shows no alert, and nothing is retried once text
// arrived. Completion: one fault per error kind, asked with Alt+\: the status bar item turns to
// error, its accessible label says so and its tooltip names the kind and the catalogue's message;
// after a 429 with Retry-After: 300 the tooltip says until when ghost text is paused, and Alt+\
// still asks. The same catalogue runs in the extension host over every wire format
// (test/host/reliability*.host.test.ts). Under `npm test` (RILL_E2E_SHARE names the flavor) the two
// flavors share the chat faults, as the host suite shares its wire formats (test/host/share.ts):
// each fault's alert is shown on one flavor, every fault's message is checked on both in the
// extension host, and the chat panel's alert (Rill's own page) is shown on both; the completion
// faults run on both.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { RecordedRequest } from '../fake-llm/server';
import { pollFor } from '../../tools/poll';
import { ChatPanel } from '../reliability/chatPanel';
import { closedPortUrl } from '../reliability/closedPort';
import { chatExpectation, completionExpectation, type ExpectedKind, FAULT_CASES, FAULT_DEADLINES, type FaultCase } from '../reliability/faultCatalog';
import { UserSettingsFile } from '../reliability/userSettingsFile';
import { flavorShare } from '../host/share';
import { e2e } from './environment';
import type { Workbench } from './workbench';

const chatRequests = () => e2e().llm.requests.filter((r) => r.endpoint === 'openai-chat');
const promptOf = (r: RecordedRequest) => {
  const prompt = (r.body as { prompt?: unknown } | undefined)?.prompt;
  return typeof prompt === 'string' ? prompt : '';
};

/**
 * One fault per error kind for completion: the status bar is the same item whatever the fault, so
 * one of each kind shows every message shape it has. Connection refused is the chat's (it needs the
 * base URL changed); the network kind here is a reset.
 */
const COMPLETION_FAULT_BY_KIND: Readonly<Record<ExpectedKind, string>> = {
  auth: 'status-401',
  'rate-limited': 'status-429-ms',
  quota: 'status-429-quota',
  overloaded: 'status-529',
  'bad-request': 'status-413',
  'not-found': 'status-404',
  network: 'reset-before-headers',
  stalled: 'silence-after-headers',
  server: 'html-200',
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('Faults as the user sees them (e2e)', function () {
  this.timeout(90_000);
  let workbench: Workbench;
  let chat: ChatPanel;
  let settings: UserSettingsFile;

  before(async function () {
    this.timeout(120_000);
    // Short deadlines, so that a stall ends in seconds; the window reads them when it opens.
    settings = new UserSettingsFile(e2e().vscode.settingsFile);
    settings.set({
      'rill.network.firstTokenTimeoutMs': FAULT_DEADLINES.firstTokenTimeoutMs,
      'rill.network.idleTimeoutMs': FAULT_DEADLINES.idleTimeoutMs,
      'rill.chat.maxRetries': 2,
    });
    workbench = await e2e().openWorkbench();
    chat = new ChatPanel(workbench);
  });
  after(async () => {
    e2e().llm.reset();
    await workbench?.close();
    settings?.restore();
  });
  beforeEach(() => e2e().llm.reset());

  /**
   * Asks in a window of its own whose user settings point Rill's chat at a closed port, as a person
   * would set them (a running window does not follow settings.json changed from outside).
   */
  async function askWithNothingListening(question: string) {
    settings.set({ 'rill.chat.baseUrl': `${await closedPortUrl()}/v1` });
    const own = await e2e().openWorkbench();
    try {
      const ownChat = new ChatPanel(own);
      const frame = await ownChat.newChat();
      await ownChat.ask(frame, question);
      const answer = await ownChat.waitForAnswerEnd(frame, 45_000);
      return { frame, answer, alert: await ownChat.alert(frame), retry: await retryShown(frame), continues: await continueShown(frame) };
    } finally {
      await own.screenshot('fault-chat-refused');
      await own.close();
      settings.set({ 'rill.chat.baseUrl': undefined });
    }
  }

  const retryShown = (frame: Frame) => frame.locator('.turn:last-child').getByRole('button', { name: 'Retry' }).isVisible();
  /** What the countdown beside a Retry held back by the server's Retry-After says (undefined: Retry is enabled). */
  const retryHeld = async (frame: Frame): Promise<string | undefined> => {
    const retry = frame.locator('.turn:last-child [data-action=retry]');
    if ((await retry.count()) === 0 || (await retry.isEnabled())) return undefined;
    return (await frame.locator('.turn:last-child .retry-wait').innerText()).trim();
  };
  const continueShown = (frame: Frame) => frame.locator('.turn:last-child [data-action=continue]').isVisible();

  for (const fault of flavorShare(FAULT_CASES, process.env.RILL_E2E_SHARE)) {
    const expected = chatExpectation(fault, 'openai-chat');
    const keeps = typeof expected.text === 'string' && expected.text !== '' ? `, "${expected.text}" stays` : '';
    const outcome = expected.error ? `the alert says it is ${expected.error.kind}${keeps}` : 'the answer shows, no alert';
    it(`chat, ${fault.label}: ${outcome}`, async () => {
      const question = `Fault ${fault.id}?`;
      let shown: { answer: string; alert: string | undefined; retry: boolean; continues: boolean; held?: string };
      if (fault.reply === 'refused') shown = await askWithNothingListening(question);
      else {
        e2e().llm.setDefault(fault.reply);
        const frame = await chat.newChat();
        await chat.ask(frame, question);
        const answer = await chat.waitForAnswerEnd(frame, 45_000);
        shown = { answer, alert: await chat.alert(frame), retry: await retryShown(frame), continues: await continueShown(frame), held: await retryHeld(frame) };
      }
      const { answer, alert, retry, continues, held } = shown;
      assert.equal(continues, expected.continueOffered, 'Continue offered next to the alert');
      if (expected.error) {
        assert.match(alert ?? '(no alert)', expected.error.inPanel ?? expected.error.message);
        assert.ok(retry, 'no Retry button with the alert');
        if (expected.error.retryHeld) assert.match(held ?? '(Retry enabled)', expected.error.retryHeld, 'Retry held back while the server asks to wait');
      } else {
        assert.equal(alert, undefined, 'an alert on an answer that completed');
      }
      if (typeof expected.text === 'string') assert.equal(answer, expected.text, 'the text shown');
      else assert.ok(expected.text(answer), `unexpected answer shown (${answer.length} chars): ${JSON.stringify(answer.slice(0, 60))}…`);
      if (fault.reply !== 'refused') assert.equal(chatRequests().length, expected.requests, 'generation requests the server saw');
    });
  }

  describe('completion', () => {
    const FILE = 'fault_kinds.py';
    const statusItem = () => workbench.page.locator('.part.statusbar [aria-label^="Rill inline completion"]').first();

    /** The status bar item's hover, shown afresh (the mouse leaves and comes back). */
    async function tooltipMatching(pattern: RegExp): Promise<string> {
      return pollFor(
        async () => {
          await workbench.page.mouse.move(0, 0);
          await statusItem().hover();
          const texts = await pollFor(
            async () => {
              const all = await workbench.page.locator('.monaco-hover, .workbench-hover, .custom-hover').allInnerTexts();
              return all.some((t) => /Rill inline completion/.test(t)) ? all : undefined;
            },
            { timeoutMs: 5_000, what: 'the status bar tooltip' },
          );
          return texts.find((t) => pattern.test(t));
        },
        { timeoutMs: 30_000, intervalMs: 250, what: `the status bar tooltip to match ${pattern}` },
      );
    }

    before(async () => {
      await workbench.showExplorer();
      await workbench.openNewFile(FILE);
    });

    for (const [kind, id] of Object.entries(COMPLETION_FAULT_BY_KIND)) {
      const fault = FAULT_CASES.find((f) => f.id === id) as FaultCase;
      it(`completion, ${kind} (${fault?.label}): the status bar item shows the error, its tooltip says what to do`, async () => {
        const expected = completionExpectation(fault, 'completions').error;
        assert.ok(expected, `${id} is not an error for completion in the catalogue`);
        assert.equal(expected.kind, kind, `${id} is not a ${kind} fault`);
        assert.notEqual(fault.reply, 'refused');
        const line = `fault_${kind.replace('-', '_')} = `;
        e2e().llm.route((r) => (promptOf(r).endsWith(line) ? (fault.reply as Exclude<FaultCase['reply'], 'refused'>) : undefined));
        e2e().llm.setDefault({ text: '' });

        await workbench.activeEditor().click();
        await workbench.page.keyboard.press('Control+End');
        await workbench.press('Enter');
        await workbench.type(line);
        // Alt+\ asks whatever an earlier fault paused.
        await workbench.press('Alt+Backslash');
        await pollFor(() => (e2e().llm.requests.some((r) => promptOf(r).endsWith(line)) ? true : undefined), {
          timeoutMs: 15_000,
          what: 'the completion request',
        });

        const tooltip = await tooltipMatching(new RegExp(`Last error \\(${escape(kind)}\\): `));
        assert.match(tooltip, expected.message);
        assert.match((await statusItem().getAttribute('aria-label')) ?? '', /^Rill inline completion: error/);
        assert.equal(await statusItem().locator('.codicon-error').count(), 1, 'the item shows no error icon');
        assert.match(await statusItem().innerText(), /Rill/);
      });
    }

    it('HTTP 429 with Retry-After: 300: the status bar says until when ghost text is paused; Alt+\\ still asks', async () => {
      e2e().llm.route((r) => {
        const prompt = promptOf(r);
        if (prompt.endsWith('limited = ')) return { status: 429, headers: { 'retry-after': '300' } };
        if (prompt.endsWith('limited = 1')) return { text: ' + 41\n' };
        return undefined;
      });
      e2e().llm.setDefault({ text: '' });
      await workbench.activeEditor().click();
      await workbench.page.keyboard.press('Control+End');
      await workbench.press('Enter');
      await workbench.type('limited = ');
      await workbench.press('Alt+Backslash');

      const tooltip = await tooltipMatching(/Retry in 5 min/);
      assert.match(tooltip, /Automatic completion paused until .+; Alt\+\\ asks anyway/);
      assert.match((await statusItem().getAttribute('aria-label')) ?? '', /^Rill inline completion: error.*, paused until \d/);
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
});
