// The chat history is the workspace's, not one window's: two windows on one folder (here two pages
// of one browser on a VS Code server, as two tabs are) each ask a question, and each window's Show
// Chat History lists both, the other window's included, after either saved again. Before, each window
// kept its own copy of the history (VS Code's workspaceState is per window in memory) and the last to
// save wrote its copy over the other's conversations. Under `npm test` (RILL_E2E_SHARE names the
// flavor) it runs on the newest flavor only, for time: the store is unit-tested on its own.
import * as assert from 'node:assert/strict';
import { ChatPanel } from '../reliability/chatPanel';
import { e2e } from './environment';
import type { Workbench } from './workbench';

describe('The chat history shared by two windows on one workspace (e2e)', function () {
  this.timeout(180_000);
  const share = process.env.RILL_E2E_SHARE ?? '';
  if (share !== '' && share !== 'newest') return;
  let first: Workbench;
  let second: Workbench;

  before(async () => {
    first = await e2e().openWorkbench();
    second = await first.openAnotherWindow();
  });
  after(async () => {
    await second?.close();
    await first?.close();
  });
  beforeEach(() => e2e().llm.reset());

  async function askIn(workbench: Workbench, question: string): Promise<void> {
    await workbench.page.bringToFront();
    const chat = new ChatPanel(workbench);
    const frame = await chat.newChat();
    await chat.ask(frame, question);
    await chat.waitForAnswerEnd(frame, 60_000);
  }
  /** The titles Show Chat History lists in `workbench`. */
  async function historyIn(workbench: Workbench, expected: readonly string[]): Promise<void> {
    await workbench.page.bringToFront();
    await workbench.runCommand('Rill: Show Chat History');
    for (const title of expected) await workbench.quickInputRow(title).waitFor({ state: 'visible', timeout: 15_000 });
    await workbench.page.keyboard.press('Escape');
  }

  it("each window's Show Chat History lists the other's conversation, after both saved again", async () => {
    const stamp = Date.now().toString(36);
    const questions = [`From the first window ${stamp}`, `From the second window ${stamp}`, `Again from the first ${stamp}`];
    e2e().llm.setDefault({ text: 'Answered.', tokensPerSec: 400 });
    await askIn(first, questions[0]);
    await askIn(second, questions[1]);
    // The first window saves again after the second: before, its own copy went over the second's.
    await askIn(first, questions[2]);
    await historyIn(first, questions);
    await historyIn(second, questions);
    assert.equal(e2e().llm.requests.filter((r) => r.endpoint === 'openai-chat').length, 3);
  });
});
