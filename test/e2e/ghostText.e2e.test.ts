import * as assert from 'node:assert/strict';
import { e2e } from './environment';
import { attemptFile, type Workbench } from './workbench';

const FILE = 'ghost_text.py';

/** The prefix a FIM request carries, whichever wire format the completion provider chose. */
function promptOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const fields = body as { prompt?: unknown; input_prefix?: unknown };
  const prompt = fields.prompt ?? fields.input_prefix;
  return typeof prompt === 'string' ? prompt : '';
}

describe('Ghost text', function () {
  this.timeout(120_000);
  let workbench: Workbench | undefined;

  // `after`, not `afterEach`: the root afterEach hook screenshots open workbenches after each test.
  after(async () => {
    e2e().llm.reset();
    await workbench?.close();
  });

  it('shows the fake model\'s completion as ghost text, and Tab inserts it', async () => {
    const { llm } = e2e();
    // Only the document as it is after typing gets an answer: requests made while typing, and the
    // prefetch for the state after Tab, get nothing to show.
    llm.route((request) => (promptOf(request.body).endsWith('greeting = ') ? { text: '"hello from rill"', ttftMs: 50, tokensPerSec: 200 } : undefined));
    llm.setDefault({ text: '' });
    await workbench?.close(); // a retry's first attempt
    workbench = await e2e().openWorkbench();
    // Rill activates on startup-finished; running one of its commands waits for it deterministically.
    await workbench.showRillLog();

    // A file of its own: other tests edit the workspace's shared files.
    await workbench.openNewFile(attemptFile(FILE));
    await workbench.type('greeting = ');

    const ghost = await workbench.waitForGhostText((g) => g.text.includes('hello from rill'), 20_000);
    assert.equal(ghost.inline, '"hello from rill"');
    assert.ok(llm.requests.some((r) => r.endpoint !== 'models'), 'no completion request reached the fake LLM server');
    assert.equal(await workbench.editorText(), 'greeting = '); // ghost text is not document text

    await workbench.press('Tab');
    const text = await workbench.waitForEditorText((t) => t.includes('"hello from rill"'));
    assert.equal(text, 'greeting = "hello from rill"');
    assert.equal(await workbench.ghostText(), undefined);
  });
});
