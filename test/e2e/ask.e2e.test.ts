// Rill: Ask… from the command palette in real VS Code in Chromium: the input box names what is
// attached, and the answer streams into the chat panel.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pollFor } from '../../tools/poll';
import { e2e } from './environment';
import { attemptFile, type Workbench } from './workbench';

const FILE = 'ask_target.py';
const SOURCE = 'def add(a, b):\n    return a + b\n\n\nprint(add(1, 2))\n';
const ANSWER_WORDS = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');

describe('Rill: Ask… (e2e)', function () {
  this.timeout(120_000);
  let workbench: Workbench | undefined;

  after(async () => {
    e2e().llm.reset();
    await workbench?.close();
  });

  it('asks from the palette with the selection attached; the answer streams into the chat panel', async () => {
    const { llm, vscode } = e2e();
    const file = attemptFile(FILE);
    writeFileSync(join(vscode.workspace, file), SOURCE);
    llm.reset();
    await workbench?.close(); // a retry's first attempt
    workbench = await e2e().openWorkbench();
    // From the Explorer: quick open may answer from a file list cached before this file existed.
    await workbench.openFileFromExplorer(file);
    // Select the first two lines as a person would.
    await workbench.activeEditor().locator('.view-lines').click();
    await workbench.press('Control+Home');
    await workbench.press('Shift+ArrowDown');
    await workbench.press('Shift+ArrowDown');

    await workbench.runCommand('Rill: Ask…');
    const input = workbench.quickInput().locator('.quick-input-box input');
    await input.waitFor();
    await workbench.quickInput().getByText(`with ${file}:1-2`).first().waitFor();
    await workbench.screenshot('ask-input-box');

    // Slow enough (6 s) to watch it grow even on a loaded machine.
    llm.enqueue({ text: ANSWER_WORDS, ttftMs: 100, tokensPerSec: 20 });
    await input.fill('What does add do?');
    await workbench.press('Enter');

    const frame = await workbench.webviewFrame('textarea.question-input', 30_000);
    const answer = frame.locator('.turn:last-child .answer .markdown');
    const seen = new Set<number>();
    const full = await pollFor(
      async () => {
        const text = (await answer.innerText().catch(() => '')).trim();
        seen.add(text.split(/\s+/).filter(Boolean).length);
        return text === ANSWER_WORDS ? text : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 50, what: 'the whole answer in the chat panel' },
    );
    assert.equal(full, ANSWER_WORDS);
    assert.ok(seen.size >= 4, `the answer should grow while streaming (word counts seen: ${[...seen].join(', ')})`);
    assert.match(await frame.locator('.turn:last-child').innerText(), /What does add do\?/);
    await workbench.screenshot('ask-answered-in-chat');

    const request = llm.requests.find((r) => r.path.endsWith('/chat/completions'));
    const sent = JSON.stringify(request?.body);
    assert.ok(sent.includes('return a + b'), 'the selection was not sent');
    assert.ok(!sent.includes('print(add(1, 2))'), 'more than the selection was sent');
  });
});
