// Rill: Generate at Cursor… in real VS Code in Chromium: the code streams into the editor line by
// line, Esc stops it at once (the fake server sees the socket close), one Ctrl+Z removes it.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2e } from './environment';
import type { Workbench } from './workbench';

const FILE = 'generate_target.py';
const SOURCE = 'def main():\n    pass\n\n';
const LINES = Array.from({ length: 120 }, (_, i) => `print(${i})`);

describe('Rill: Generate at Cursor… (e2e)', function () {
  this.timeout(120_000);
  let workbench: Workbench | undefined;

  after(async () => {
    e2e().llm.reset();
    await workbench?.close();
  });

  it('streams code into the editor, Esc stops it and closes the socket, Ctrl+Z removes it', async () => {
    const { llm, vscode } = e2e();
    writeFileSync(join(vscode.workspace, FILE), SOURCE);
    llm.reset();
    workbench = await e2e().openWorkbench();
    // From the Explorer: quick open may answer from a file list cached before this file existed.
    await workbench.openFileFromExplorer(FILE);
    await workbench.focusEditorEnd();
    const before = await workbench.editorText();

    await workbench.runCommand('Rill: Generate at Cursor…');
    const input = workbench.quickInput().locator('.quick-input-box input');
    await input.waitFor();
    await workbench.quickInput().getByText(`Generate in ${FILE}`).first().waitFor();
    llm.enqueue({ text: `Here you go:\n\`\`\`python\n${LINES.join('\n')}\n\`\`\`\n`, ttftMs: 100, tokensPerSec: 20 });
    await input.fill('print the numbers');
    await workbench.press('Enter');

    // Line by line: the first lines are in the document while the rest is still coming.
    const streaming = await workbench.waitForEditorText((t) => t.includes('print(3)'), 30_000);
    assert.ok(!streaming.includes('print(119)'));
    assert.ok(!streaming.includes('```') && !streaming.includes('Here you go'), 'markdown reached the editor');
    await workbench.waitForNotification(/Generating/);
    await workbench.screenshot('generate-streaming');

    // Reading the notification may have opened the notification center (newer VS Code shows the
    // progress there and in the status bar, not as a toast): back to the editor, as the user is.
    await workbench.press('Control+1');
    await workbench.press('Escape');
    const request = llm.requests.find((r) => r.path.endsWith('/chat/completions'));
    assert.ok(request, 'no generation request reached the fake server');
    await llm.waitForClose(request, 10_000);
    assert.ok(request.closedByClientAt !== undefined, 'Esc should close the socket');
    assert.equal(request.finishedAt, undefined, 'the server should not have finished');
    const stopped = await workbench.editorText();
    assert.ok(!stopped.includes('print(119)'));
    const kept = stopped.split('\n').filter((l) => /^print\(\d+\)$/.test(l.trim()));
    assert.ok(kept.length >= 4, `the lines written before Esc should stay (${kept.length})`);
    await workbench.screenshot('generate-stopped');

    // One undo step for the whole generation.
    await workbench.press('Control+z');
    await workbench.waitForEditorText((t) => t === before, 10_000);
  });
});
