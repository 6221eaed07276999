// A repository's .vscode/settings.json turns inline completion on (everywhere, or for Python).
// The user turns it off (status menu, palette): it must be off, not left sending the code being
// typed while the status bar says "off". Rill writes the user's settings, and the workspace's
// too where its value still decides.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type RillApi, rillApi, waitFor } from './rill';

describe('Trust: turning completion off works in a workspace that turns it on (extension host)', function () {
  this.timeout(30_000);
  let api: RillApi;
  let settingsFile: vscode.Uri;
  const config = () => vscode.workspace.getConfiguration('rill.completion');

  before(async () => {
    api = await rillApi();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host suite runs with a workspace folder');
    settingsFile = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'x = 1\n' });
    await vscode.window.showTextDocument(document);
  });
  beforeEach(async () => {
    await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify({ 'rill.completion.enabled': true, 'rill.completion.languages': { python: true } }, null, 2)));
    await waitFor('VS Code to read the workspace settings', () => (config().inspect('enabled')?.workspaceValue === true ? true : undefined));
  });
  afterEach(async () => {
    await vscode.workspace.fs.delete(settingsFile).then(undefined, () => undefined);
    await waitFor('the workspace settings to be gone', () => (config().inspect('enabled')?.workspaceValue === undefined ? true : undefined));
    for (const key of ['enabled', 'languages']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Toggle Inline Completions turns it off', async () => {
    assert.equal(await vscode.commands.executeCommand('rill.toggleInlineCompletions'), false);
    assert.equal(config().get('enabled'), false, 'still on');
    await waitFor('the engine to be off', () => (api.completion.engine.enablement.availability('python') === 'off' ? true : undefined));
  });

  it('Turn Off for python turns it off for python', async () => {
    assert.equal(await vscode.commands.executeCommand('rill.toggleInlineCompletionsForLanguage'), false);
    await waitFor('the engine to be off for python', () => (api.completion.engine.enablement.availability('python') === 'language-off' ? true : undefined));
    assert.equal(config().get<Record<string, boolean>>('languages')?.python, false);
  });
});
