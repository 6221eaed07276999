import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { rillApi, rillExtension } from './rill';

describe('Rill in the extension host', () => {
  it('activates and returns its API', async () => {
    const api = await rillApi();
    assert.equal(rillExtension().isActive, true);
    assert.equal(typeof api.log.info, 'function');
    assert.equal(typeof api.providers.endpoint, 'function');
    assert.equal(typeof api.keys.get, 'function');
  });

  it('registers every command it contributes', async () => {
    await rillApi();
    const contributed = (rillExtension().packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((c) => !registered.has(c)),
      [],
      'contributed commands without a handler',
    );
  });
});
