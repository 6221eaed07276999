// A multi-root workspace (a .code-workspace with a service folder and a docs folder), as a person
// opens it: the docs folder's own .vscode/settings.json says which of its files are never sent
// (`rill.completion.exclude`). VS Code reads a folder's settings only for the folder's files, and
// only settings an extension declares per resource: Rill used to read the list for the window, so
// in a multi-root workspace the folder's list was never seen and its files went to the model. The
// workspace's own list (its .code-workspace settings) may name a folder first (`service/vault/**`):
// files are matched by their path in their folder, so that glob used to match nothing. Ask About
// This File names a file of the second folder by its path in the workspace.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pollFor } from '../../tools/poll';
import { e2e } from './environment';
import type { Workbench } from './workbench';

const SECRET = 'bluebird_launch_code';
const VAULT_SECRET = 'orchid_vault_phrase';

describe('Multi-root workspace: a folder\'s own settings', function () {
  this.timeout(300_000);
  // Under `npm test` (RILL_E2E_SHARE names the flavor) on the newest flavor only, for time: the
  // folder's list is read through the same settings API on both, and `npm run test:e2e` on its own
  // runs it on any flavor.
  const share = process.env.RILL_E2E_SHARE ?? '';
  if (share !== '' && share !== 'newest') return;
  let workbench: Workbench | undefined;
  let root: string | undefined;

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.screenshot(`FAILED ${this.currentTest.title}`).catch(() => undefined);
    await workbench?.close();
    workbench = undefined;
    if (root) rmSync(root, { recursive: true, force: true });
  });

  /** The workspace's files, and its .code-workspace file (with `settings`, the workspace's own). */
  function makeWorkspace(files: Readonly<Record<string, string>>, settings: Readonly<Record<string, unknown>> = {}): string {
    root = mkdtempSync(join(tmpdir(), 'rill-e2e-multiroot-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const workspaceFile = join(root, 'shop.code-workspace');
    writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: 'service' }, { path: 'tool' }, { path: 'docs' }], settings }));
    return workspaceFile;
  }

  /** A window on the .code-workspace file. */
  async function openWorkspace(workspaceFile: string): Promise<Workbench> {
    const opened = await e2e().openWorkbench();
    workbench = opened;
    const url = new URL(e2e().vscode.workbenchUrl());
    url.searchParams.delete('folder');
    url.searchParams.set('workspace', workspaceFile);
    // On a loaded machine the window now and then opens the workspace with none of its folders
    // ("You have not yet added a folder to the workspace": its file read before the server could
    // answer, it seems), and stays so: the Explorer must list the folders, else the window is asked again.
    const folderRow = opened.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'docs' }).first();
    await pollFor(
      async () => {
        await opened.page.goto(url.toString());
        await opened.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
        await opened.showExplorer();
        const listed = await folderRow.waitFor({ state: 'visible', timeout: 20_000 }).then(
          () => true,
          () => false,
        );
        return listed || undefined;
      },
      { timeoutMs: 150_000, intervalMs: 0, what: `a window on ${workspaceFile} that lists its folders` },
    );
    // The window's extension host is up (Rill's status bar item is drawn) before files are opened.
    await opened.page.locator('.statusbar-item[id$="rill.completion"]').waitFor({ state: 'visible', timeout: 90_000 });
    return opened;
  }

  it("a file the docs folder excludes, or the workspace by a path that starts with the folder's name, is never sent, neither completed nor as another file's context", async () => {
    const { llm } = e2e();
    llm.reset();
    llm.setDefault({ text: ' 1\n', ttftMs: 20 });
    const workspaceFile = makeWorkspace({
      'service/app.py': 'def checkout(prices):\n    return sum(prices)\n',
      'docs/.vscode/settings.json': JSON.stringify({ 'rill.completion.exclude': ['private/**'] }),
      'docs/private/launch_plan.py': `CODE_NAME = "${SECRET}"  # never shared\n`,
      'docs/howto.py': 'def howto():\n    return 1\n',
      'service/vault/keys.py': `VAULT_NAME = "${VAULT_SECRET}"\n`,
    }, { 'rill.completion.exclude': ['service/vault/**'] });
    workbench = await openWorkspace(workspaceFile);

    await workbench.quickOpenPath(join(root!, 'docs/private/launch_plan.py'));
    await workbench.focusEditorEnd();
    await workbench.type('mission = ');
    // The workspace's own list names the service folder first: its vault is no file to send either.
    await workbench.quickOpenPath(join(root!, 'service/vault/keys.py'));
    await workbench.focusEditorEnd();
    await workbench.type('vault = ');
    // Then a file of the same folder that is not excluded, with the first one still open (an open
    // tab is context): its request shows that completion works, and that it came after the keys above.
    await workbench.quickOpenPath(join(root!, 'docs/howto.py'));
    await workbench.focusEditorEnd();
    await workbench.type('def run');
    await workbench.screenshot('multi-root docs folder');
    const body = (r: (typeof llm.requests)[number]) => JSON.stringify(r.body ?? '');
    await pollFor(() => llm.requests.find((r) => body(r).includes('def run')), { timeoutMs: 30_000, what: 'the completion request of howto.py' });
    assert.deepEqual(
      llm.requests.filter((r) => body(r).includes(SECRET) || body(r).includes(VAULT_SECRET) || body(r).includes('vault = ')).map((r) => r.path),
      [],
      'an excluded file was sent',
    );
  });

  it('Ask About This File on a file of the second folder names it with its folder', async () => {
    const { llm } = e2e();
    llm.reset();
    const workspaceFile = makeWorkspace({
      'service/src/jobs.py': 'def run():\n    return "service"\n',
      'tool/src/report_job.py': 'def run():\n    return "tool"\n',
      'docs/guide.md': '# Guide\n',
    });
    workbench = await openWorkspace(workspaceFile);
    await workbench.quickOpenPath(join(root!, 'tool/src/report_job.py'));
    await workbench.runCommand('Rill: Ask About This File…');
    const input = workbench.quickInput().locator('.quick-input-box input');
    await input.waitFor();
    // The input box names what goes with the question: the folder the file is in, then its path there.
    await workbench.quickInput().getByText('tool/src/report_job.py').first().waitFor();
    llm.enqueue({ text: 'It returns "tool".', ttftMs: 20 });
    await input.fill('What does run return?');
    await workbench.press('Enter');
    const request = await pollFor(() => llm.requests.find((r) => r.path.endsWith('/chat/completions')), { timeoutMs: 30_000, what: 'the question to reach the model' });
    await workbench.screenshot('multi-root ask about a file of the second folder');
    assert.ok(JSON.stringify(request.body).includes('tool/src/report_job.py:\\n```python'), `the file was not named with its folder: ${JSON.stringify(request.body).slice(0, 600)}`);
  });
});
