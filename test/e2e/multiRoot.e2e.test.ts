// A multi-root workspace (a .code-workspace with a service folder and a docs folder), as a person
// opens it: the docs folder's own .vscode/settings.json says which of its files are never sent
// (`rill.completion.exclude`). VS Code reads a folder's settings only for the folder's files, and
// only settings an extension declares per resource: Rill used to read the list for the window, so
// in a multi-root workspace the folder's list was never seen and its files went to the model.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { waitForWorkbench } from '../../tools/openWorkbench';
import { pollFor } from '../../tools/poll';
import { e2e } from './environment';
import type { Workbench } from './workbench';

const SECRET = 'bluebird_launch_code';

describe('Multi-root workspace: a folder\'s own settings', function () {
  this.timeout(180_000);
  let workbench: Workbench | undefined;
  let root: string | undefined;

  afterEach(async () => {
    await workbench?.close();
    workbench = undefined;
    if (root) rmSync(root, { recursive: true, force: true });
  });

  /** The workspace's files, and its .code-workspace file. */
  function makeWorkspace(files: Readonly<Record<string, string>>): string {
    root = mkdtempSync(join(tmpdir(), 'rill-e2e-multiroot-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const workspaceFile = join(root, 'shop.code-workspace');
    writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: 'service' }, { path: 'docs' }] }));
    return workspaceFile;
  }

  it("a file the docs folder excludes is never sent, neither completed nor as another file's context", async () => {
    const { llm, vscode } = e2e();
    llm.reset();
    llm.setDefault({ text: ' 1\n', ttftMs: 20 });
    const workspaceFile = makeWorkspace({
      'service/app.py': 'def checkout(prices):\n    return sum(prices)\n',
      'docs/.vscode/settings.json': JSON.stringify({ 'rill.completion.exclude': ['private/**'] }),
      'docs/private/launch_plan.py': `CODE_NAME = "${SECRET}"  # never shared\n`,
      'docs/howto.py': 'def howto():\n    return 1\n',
    });
    workbench = await e2e().openWorkbench();
    const url = new URL(vscode.workbenchUrl());
    url.searchParams.delete('folder');
    url.searchParams.set('workspace', workspaceFile);
    await workbench.page.goto(url.toString());
    await waitForWorkbench(workbench.page);

    await workbench.quickOpen('launch_plan.py');
    await workbench.focusEditorEnd();
    await workbench.type('mission = ');
    // Then a file of the same folder that is not excluded, with the first one still open (an open
    // tab is context): its request shows that completion works, and that it came after the keys above.
    await workbench.quickOpen('howto.py');
    await workbench.focusEditorEnd();
    await workbench.type('def run');
    await workbench.screenshot('multi-root docs folder');
    const body = (r: (typeof llm.requests)[number]) => JSON.stringify(r.body ?? '');
    await pollFor(() => llm.requests.find((r) => body(r).includes('def run')), { timeoutMs: 30_000, what: 'the completion request of howto.py' });
    assert.deepEqual(
      llm.requests.filter((r) => body(r).includes(SECRET)).map((r) => r.path),
      [],
      'the excluded file was sent',
    );
  });
});
