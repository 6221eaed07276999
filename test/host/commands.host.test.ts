import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { rillLogText } from './logFiles';
import { rillApi, waitFor } from './rill';

describe('Rill commands', () => {
  // Not shaped like an sk- key, so only Rill's own registry of secrets can keep it out of the log.
  const key = `host-test-key-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

  afterEach(async () => {
    await vscode.commands.executeCommand('rill.clearApiKey', 'openai');
  });

  it('rill.setApiKey with a provider and a key stores it without asking, and never logs it', async () => {
    const api = await rillApi();
    const stored = await vscode.commands.executeCommand<boolean>('rill.setApiKey', 'openai', key);
    assert.equal(stored, true);
    assert.equal(await api.keys.get('openai'), key);
    // The log line about the stored key is written asynchronously: wait for it, then look for the key.
    const log = await waitFor('the "stored" line in the Rill log', () => {
      const text = rillLogText();
      return /API key for OpenAI stored/.test(text) ? text : undefined;
    });
    assert.ok(!log.includes(key), 'the key appears in the Rill log');
  });

  it('rill.clearApiKey removes a stored key', async () => {
    const api = await rillApi();
    await vscode.commands.executeCommand('rill.setApiKey', 'anthropic', key);
    assert.equal(await api.keys.get('anthropic'), key);
    assert.equal(await vscode.commands.executeCommand<boolean>('rill.clearApiKey', 'anthropic'), true);
    assert.equal(await api.keys.get('anthropic'), undefined);
  });

  it('rill.showLog reveals the Rill output channel', async () => {
    await rillApi();
    await vscode.commands.executeCommand('rill.showLog');
    const doc = await waitFor('an output document for Rill', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && /Rill/i.test(decodeURIComponent(d.uri.toString()))),
    );
    assert.ok(doc, 'no Rill output document');
  });
});
