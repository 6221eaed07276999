// What Rill declares for untrusted workspaces ("reads no files for completion context beyond the
// open editor"), shown in the real extension host: the same open tabs and the same typing give a
// completion prompt with a snippet of the other tab when the workspace is trusted, and none when it
// is not. The suite runs with workspace trust disabled, so Rill's own `workspace.isTrusted` is
// redefined for the untrusted case (rillWorkspaceTrust.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RecordedRequest } from '../fake-llm/server';
import { freshCompletionEngine } from '../reliability/completionUnderTest';
import { type PointedRill, pointRillAtFakeServer } from '../reliability/hostEndpoint';
import { inlineProviderReady } from './inlineSignals';
import { type RillApi, rillApi, waitFor } from './rill';
import { distrustWorkspaceForRill } from './rillWorkspaceTrust';

// Only in the other tab: seeing it in a prompt means that tab was read for context.
const MARKER = 'quokka-meridian-7731';
const OTHER_TAB = [
  'export function ledgerReconcileTotal(rows: { amount: number }[]): number {',
  `  const auditLabel = '${MARKER}';`,
  '  return rows.reduce((sum, row) => sum + row.amount, 0);',
  '}',
  '',
].join('\n');
// The lines above the cursor share identifiers with the other tab, so its snippet is chosen.
const EDITED = "import { ledgerReconcileTotal } from './billing';\n\nconst rows = [{ amount: 1 }];\nconst total = ";

const bodyOf = (r: RecordedRequest) => JSON.stringify(r.body);

describe('Trust: an untrusted workspace gives completion no context from other tabs (extension host)', function () {
  this.timeout(90_000);
  let api: RillApi;
  let pointed: PointedRill;
  let folder: vscode.Uri;

  // The suggest widget would open on typed words and change what the inline provider is asked.
  const QUIET_EDITOR: Readonly<Record<string, unknown>> = { quickSuggestions: false, suggestOnTriggerCharacters: false, wordBasedSuggestions: 'off' };
  const previousEditor = new Map<string, unknown>();

  before(async () => {
    api = await rillApi();
    pointed = await pointRillAtFakeServer(api, { 'completion.enabled': true });
    const editorConfig = vscode.workspace.getConfiguration('editor');
    for (const [key, value] of Object.entries(QUIET_EDITOR)) {
      previousEditor.set(key, editorConfig.inspect(key)?.globalValue);
      await editorConfig.update(key, value, vscode.ConfigurationTarget.Global);
    }
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the host suite runs with a workspace folder');
    folder = vscode.Uri.joinPath(root, `trust-untrusted-${process.pid}`);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'billing.ts'), Buffer.from(OTHER_TAB));
    await inlineProviderReady(api);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (folder) await vscode.workspace.fs.delete(folder, { recursive: true }).then(undefined, () => undefined);
    const editorConfig = vscode.workspace.getConfiguration('editor');
    for (const [key, value] of previousEditor) await editorConfig.update(key, value, vscode.ConfigurationTarget.Global);
    await pointed?.dispose();
  });
  afterEach(() => closeEditors());

  /** Closes every editor, dropping what was typed (a dirty editor would ask whether to save). */
  async function closeEditors(): Promise<void> {
    api.completion.engine.stopAll();
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }

  let files = 0;
  /**
   * With billing.ts open in a tab, types `l` at the end of EDITED in a new file `<name>-<n>.ts` (each
   * call, retries included, gets a file of its own) and returns every completion request sent for
   * it once the one for the keystroke has arrived.
   */
  async function typeWithOtherTabOpen(name: string): Promise<RecordedRequest[]> {
    pointed.llm.reset();
    pointed.llm.setDefault({ text: 'edgerReconcileTotal([]);\n', ttftMs: 10 });
    freshCompletionEngine(api);
    const file = vscode.Uri.joinPath(folder, `${name}-${++files}.ts`);
    await vscode.workspace.fs.writeFile(file, Buffer.from(EDITED));
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'billing.ts'), { preview: false });
    const editor = await vscode.window.showTextDocument(file, { preview: false });
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).length, 2, 'both files are open in tabs');
    const end = editor.document.positionAt(EDITED.length);
    editor.selection = new vscode.Selection(end, end);
    await vscode.commands.executeCommand('type', { text: 'l' });
    const typed = 'const total = l';
    const mine = () => pointed.llm.requests.filter((r) => r.endpoint !== 'models' && bodyOf(r).includes(typed));
    try {
      await waitFor('the completion request for the keystroke', () => (mine().length > 0 ? true : undefined), 30_000);
    } catch (error) {
      const requests = pointed.llm.requests.map((r) => ({ path: r.path, body: bodyOf(r).slice(-80) }));
      throw new Error(`${String(error)}\nrequests: ${JSON.stringify(requests)}\nrecords: ${JSON.stringify(api.completion.records.all().slice(-3))}\nstatus: ${JSON.stringify(api.completion.engine.currentStatus())}\ntext: ${JSON.stringify(editor.document.getText())}`);
    }
    api.completion.engine.stopAll();
    return mine();
  }

  it('trusted: the other tab is a snippet in the prompt; untrusted: the same setup sends no snippet', async () => {
    // The suite's own view: workspace trust is disabled, so every workspace is trusted.
    assert.equal(vscode.workspace.isTrusted, true);

    const trusted = await typeWithOtherTabOpen('trusted');
    assert.ok(
      trusted.some((r) => bodyOf(r).includes(MARKER) && bodyOf(r).includes('billing.ts')),
      `with trust the other tab was not offered as context (the untrusted check would prove nothing): ${trusted.map(bodyOf).join('\n')}`,
    );
    await closeEditors();

    const distrust = distrustWorkspaceForRill();
    try {
      const untrusted = await typeWithOtherTabOpen('untrusted');
      for (const r of untrusted) {
        const body = bodyOf(r);
        assert.ok(body.includes(EDITED.split('\n')[0]), `the open editor's own text is not in the request: ${body}`);
        assert.ok(!body.includes(MARKER), `untrusted: the other tab was read for context: ${body}`);
        assert.ok(!body.includes('billing.ts'), `untrusted: the prompt names the other tab: ${body}`);
      }
    } finally {
      distrust.restore();
    }
    assert.equal(vscode.workspace.isTrusted, true);
  });
});
