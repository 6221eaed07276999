// Rill: Choose Provider…: the walkthrough's way to a hosted provider. It points completion and chat
// at OpenAI or Anthropic in the user's settings and asks for a key when none is stored.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { rillApi, storedKey, waitFor } from './rill';

const KEYS = ['completion.provider', 'chat.provider', 'completion.baseUrl', 'chat.baseUrl', 'completion.fimMode'] as const;

describe('Rill: Choose Provider', () => {
  const saved = new Map<string, unknown>();
  const config = () => vscode.workspace.getConfiguration('rill');
  const userValue = (key: string) => config().inspect(key)?.globalValue;

  before(() => {
    for (const key of KEYS) saved.set(key, userValue(key));
  });

  after(async () => {
    for (const key of KEYS) await config().update(key, saved.get(key), vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('rill.clearApiKey', 'anthropic');
  });

  it('points completion and chat at Anthropic, at its official URL, when a key is stored', async () => {
    const api = await rillApi();
    await config().update('chat.baseUrl', 'http://127.0.0.1:9/v1', vscode.ConfigurationTarget.Global);
    await config().update('completion.fimMode', 'completions', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('rill.setApiKey', 'anthropic', 'sk-ant-choose-provider-test');
    const chosen = await vscode.commands.executeCommand<string>('rill.chooseProvider', 'anthropic');
    assert.equal(chosen, 'anthropic');
    for (const role of ['completion', 'chat'] as const) {
      assert.equal(userValue(`${role}.provider`), 'anthropic', `${role}.provider`);
      assert.equal(userValue(`${role}.baseUrl`), undefined, `${role}.baseUrl is back to the official URL`);
      await waitFor(`Rill's ${role} endpoint to follow the setting`, () => (api.providers.endpoint(role).provider === 'anthropic' ? true : undefined));
    }
    assert.equal(userValue('completion.fimMode'), undefined, 'the FIM mode is back to auto (a hole-filling prompt for Anthropic)');
  });

  it('asks for the key when none is stored; closing the box leaves the provider chosen and no key', async () => {
    await vscode.commands.executeCommand('rill.clearApiKey', 'anthropic');
    assert.equal(await storedKey('anthropic'), undefined, 'an Anthropic key is still stored');
    let settled = false;
    const choosing = Promise.resolve(vscode.commands.executeCommand<string>('rill.chooseProvider', 'anthropic')).finally(() => (settled = true));
    // The command returns once its key box is closed, as Esc would close it.
    await waitFor('the key box to be closed', async () => {
      if (settled) return true;
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return undefined;
    });
    assert.equal(await choosing, 'anthropic');
    assert.equal(userValue('chat.provider'), 'anthropic');
    assert.equal(await storedKey('anthropic'), undefined);
  });

  it('without an argument offers OpenAI, Anthropic and a local server; closing the list changes nothing', async () => {
    await config().update('chat.provider', 'openai-compatible', vscode.ConfigurationTarget.Global);
    let settled = false;
    const choosing = Promise.resolve(vscode.commands.executeCommand<string>('rill.chooseProvider')).finally(() => (settled = true));
    await waitFor('the list to be closed', async () => {
      if (settled) return true;
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return undefined;
    });
    assert.equal(await choosing, undefined);
    assert.equal(userValue('chat.provider'), 'openai-compatible');
  });
});
