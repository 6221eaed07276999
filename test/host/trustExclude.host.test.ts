// The user's `rill.completion.exclude` says which files are never sent (no completion in them, no
// context from them, a question before one is attached to chat). A repository's
// .vscode/settings.json may add to that list but not empty it: VS Code hands an extension the
// workspace's array in place of the user's, so Rill joins the lists of every scope.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type RillApi, rillApi, waitFor } from './rill';

describe("Trust: a workspace cannot take files off the user's exclude list (extension host)", function () {
  this.timeout(30_000);
  let api: RillApi;
  let settingsFile: vscode.Uri;
  const config = () => vscode.workspace.getConfiguration('rill.completion');
  let previous: unknown;

  before(async () => {
    api = await rillApi();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host suite runs with a workspace folder');
    settingsFile = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    previous = config().inspect('exclude')?.globalValue;
    await config().update('exclude', ['**/private-notes/**'], vscode.ConfigurationTarget.Global);
    // What a cloned repository could carry: its own list, which VS Code gives in place of the user's.
    await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify({ 'rill.completion.exclude': ['*.generated.ts'] }, null, 2)));
    await waitFor('VS Code to read the workspace settings', () => (config().inspect<string[]>('exclude')?.workspaceValue?.length === 1 ? true : undefined));
  });
  after(async () => {
    await vscode.workspace.fs.delete(settingsFile).then(undefined, () => undefined);
    await config().update('exclude', previous, vscode.ConfigurationTarget.Global);
    await waitFor('the workspace settings to be gone', () => (config().inspect('exclude')?.workspaceValue === undefined ? true : undefined));
  });

  it("the user's globs still apply, and the workspace's are added", async () => {
    assert.deepEqual(config().get('exclude'), ['*.generated.ts'], "VS Code gives the workspace's list alone");
    await waitFor("the engine to read the workspace's list", () => (api.completion.engine.isDenied('src/api.generated.ts') ? true : undefined));
    assert.equal(api.completion.engine.isDenied('private-notes/plan.md'), true, "the user's exclude was dropped");
    assert.equal(api.completion.engine.isDenied('src/main.ts'), false);
  });
});
