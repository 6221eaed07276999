import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { rillApi } from './rill';

// The harness starts VS Code with RILL_* variables pointing at its fake LLM server (see
// test/harness/hostRunner.ts); the extension host inherits the server's environment.
describe('Rill settings in the extension host', () => {
  it('takes the completion endpoint from the environment when the user set nothing', async () => {
    const api = await rillApi();
    const expected = process.env.RILL_COMPLETION_BASE_URL;
    assert.ok(expected, 'the harness did not set RILL_COMPLETION_BASE_URL');
    const endpoint = api.providers.endpoint('completion');
    assert.equal(endpoint.baseUrl, expected);
    assert.equal(endpoint.provider, process.env.RILL_PROVIDER);
    assert.equal(endpoint.model, process.env.RILL_COMPLETION_MODEL);
    assert.equal(endpoint.fimMode, process.env.RILL_COMPLETION_FIM_MODE);
    // Show Last Completion Prompt says where the mode came from: not the setting, which is unset.
    assert.match(endpoint.fimModeFrom ?? '', /^RILL_COMPLETION_FIM_MODE \(in the environment VS Code was started with/);
  });

  it('falls back to the role-less variables for chat', async () => {
    const api = await rillApi();
    const endpoint = api.providers.endpoint('chat');
    assert.equal(endpoint.baseUrl, process.env.RILL_BASE_URL);
    assert.equal(endpoint.model, process.env.RILL_MODEL);
  });

  it('applies the user settings the harness wrote', async () => {
    const api = await rillApi();
    // rill.completion.maxTokens is set to 77 by the harness (a window-scoped setting: on both flavors).
    assert.equal(vscode.workspace.getConfiguration('rill').get('completion.maxTokens'), 77);
    assert.equal(api.providers.endpoint('completion').maxTokens, 77);
  });

  it('applies application-scoped user settings (where code and keys go)', async () => {
    const api = await rillApi();
    // rill.chat.headers is application-scoped: a machine settings file cannot set it, only user settings.
    assert.deepEqual(api.providers.endpoint('chat').headers, { 'x-rill-host-test': 'from-user-settings' });
  });

  it('a user value set through the API wins over the environment', async () => {
    const api = await rillApi();
    const config = vscode.workspace.getConfiguration('rill');
    await config.update('completion.model', 'user-chosen-model', vscode.ConfigurationTarget.Global);
    try {
      assert.equal(api.providers.endpoint('completion').model, 'user-chosen-model');
    } finally {
      await config.update('completion.model', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal(api.providers.endpoint('completion').model, process.env.RILL_COMPLETION_MODEL);
  });

  it('a base URL cleared in the Settings editor (an empty text) is no URL: the server and model the environment names still apply', async () => {
    const api = await rillApi();
    const config = vscode.workspace.getConfiguration('rill');
    await config.update('chat.baseUrl', '', vscode.ConfigurationTarget.Global);
    try {
      const endpoint = api.providers.endpoint('chat');
      assert.equal(endpoint.baseUrl, process.env.RILL_BASE_URL);
      assert.equal(endpoint.model, process.env.RILL_MODEL);
    } finally {
      await config.update('chat.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
