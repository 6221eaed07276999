// Inline completion as a person sees it, in Chromium on real VS Code with Rill installed from the
// VSIX: ghost text that grows line by line while the model streams (sampled every animation frame),
// Tab in the middle of the stream accepting what is shown and the rest following from the same
// stream, and typing that contradicts the ghost text closing the model's socket.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedRequest } from '../fake-llm/server';
import { e2e } from './environment';
import { growthFigures, levelOf, startGrowthMeter, stopGrowthMeter } from './growthMeter';
import { attemptFile, type Workbench } from './workbench';

// The last line is long (14 tokens, about 3.5 s at 4 a second): Tab must land while it streams.
const LINES = ['    subtotal = sum(items)', '    tax = subtotal * 0.2', '    return subtotal + tax + shipping(items) + handling(items)'];

function promptOf(request: RecordedRequest): string {
  const body = request.body as { prompt?: unknown } | undefined;
  return typeof body?.prompt === 'string' ? body.prompt : '';
}

const linesIn = (text: string) => levelOf(text, LINES);

describe('Inline completion: streaming ghost text in the browser', function () {
  this.timeout(180_000);
  let workbench: Workbench | undefined;

  after(async () => {
    e2e().llm.reset();
    await workbench?.close();
  });

  it('grows line by line while the model streams; Tab mid-stream accepts what is shown, the rest follows from the same stream', async () => {
    const { llm, flavor, resultsDir } = e2e();
    llm.reset();
    llm.setDefault({ text: '' });
    // Four tokens a second: a line about every two seconds.
    llm.route((request) => (promptOf(request).endsWith('def total(items):') ? { text: `\n${LINES.join('\n')}\n`, ttftMs: 300, tokensPerSec: 4 } : undefined));
    // A retry: the first attempt's window goes, and its file too (a new window would restore its text).
    await workbench?.close();
    workbench = await e2e().openWorkbench();
    await workbench.showRillLog();
    await workbench.openNewFile(attemptFile('streaming_growth.py'));
    await workbench.type('def total(items');
    await startGrowthMeter(workbench.page);
    await workbench.type('):');

    const first = await workbench.waitForGhostText((g) => linesIn(g.text) >= 1, 30_000);
    assert.ok(linesIn(first.text) < LINES.length, 'the first line shows before the stream ends');
    await workbench.waitForGhostText((g) => linesIn(g.text) >= 2, 30_000);
    // Tab while the third line is still streaming.
    const growth = growthFigures(await stopGrowthMeter(workbench.page), LINES);
    await workbench.press('Tab');
    const afterTab = await workbench.waitForEditorText((t) => t.includes(LINES[1].trim()));
    assert.ok(!afterTab.includes(LINES[2].trim()), `Tab accepted only what was shown: ${JSON.stringify(afterTab)}`);

    await workbench.waitForGhostText((g) => g.text.includes(LINES[2].trim()), 30_000);
    await workbench.press('Tab');
    const text = await workbench.waitForEditorText((t) => t.includes(LINES[2].trim()));
    assert.equal(text, `def total(items):\n${LINES.join('\n')}`);

    const streams = llm.requests.filter((r) => r.endpoint === 'openai-completions' && promptOf(r).endsWith('def total(items):'));
    assert.equal(streams.length, 1, 'one request for the whole block: the lines after Tab came from the same stream');

    // What the user saw between the first ghost text and Tab: the lines shown, in order, and how long
    // the text showed fewer lines than before (VS Code 1.100 can only grow a suggestion by hiding it;
    // 1.139 need not). The bench reports the longest such blank as completion.growthBlankMsMax.
    writeFileSync(join(resultsDir, 'completion-growth.json'), JSON.stringify({ flavor, ...growth }, null, 2));
    assert.deepEqual(growth.levels.slice(0, 2), [1, 2], `ghost text grew line by line: ${growth.levels.join(' -> ')}`);
    if (flavor === 'newest') assert.deepEqual({ blanks: growth.blanksMs, frames: growth.blankFrames }, { blanks: [], frames: 0 }, 'no blank while the suggestion grew');
  });

  it('typing against the ghost text closes the model\'s socket at once', async () => {
    const { llm } = e2e();
    llm.reset();
    llm.setDefault({ text: '' });
    llm.route((request) =>
      promptOf(request).endsWith('label = ')
        ? { text: `"a greeting that streams slowly, ${'one word after another, '.repeat(12)}and ends much later";\n`, ttftMs: 200, tokensPerSec: 3 }
        : undefined,
    );
    if (!workbench) {
      workbench = await e2e().openWorkbench();
      await workbench.showRillLog();
    }
    await workbench.openNewFile(attemptFile('streaming_divergence.py'));
    await workbench.type('label = ');
    await workbench.waitForGhostText((g) => g.text.includes('greeting'), 30_000);
    const stream = llm.requests.find((r) => r.endpoint === 'openai-completions' && promptOf(r).endsWith('label = '));
    assert.ok(stream, 'the request for the ghost text');
    // A slow model's partial line shows after the cut-off, long before the line is complete.
    assert.ok(stream.tokensSent < 20, `ghost text appeared after ${stream.tokensSent} tokens`);
    assert.equal(stream.closedByClientAt, undefined, 'still streaming');
    await workbench.type('4');
    const closedAt = await new Promise<number>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (stream.closedByClientAt !== undefined) {
          clearInterval(poll);
          resolve(stream.closedByClientAt);
        } else if (Date.now() - started > 10_000) {
          clearInterval(poll);
          reject(new Error('the server never saw the socket closed'));
        }
      }, 20);
    });
    assert.ok(stream.finishedAt === undefined && closedAt > stream.receivedAt, 'closed by the client before the stream finished');
    assert.equal(await workbench.ghostText(), undefined);
  });
});
