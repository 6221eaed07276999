import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { rillApi, rillExtension } from './rill';

describe('Rill in the extension host', () => {
  it("activates; the suite's test build hands the tests Rill's internals (the packaged entry exports nothing)", async () => {
    const api = await rillApi();
    assert.equal(rillExtension().isActive, true);
    assert.equal(typeof api.log.info, 'function');
    assert.equal(typeof api.providers.endpoint, 'function');
    assert.equal(typeof api.secrets.get, 'function');
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
