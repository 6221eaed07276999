import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { credentialFingerprint } from '../fake-llm/server';
import { CHAT_WIRES } from '../reliability/faultWires';
import { type PointedRill, pointRillAtFakeServer } from '../reliability/hostEndpoint';
import { settlesWithin } from '../reliability/completionUnderTest';
import { rillLogText } from './logFiles';
import { type RillApi, rillApi, storedKey, waitFor } from './rill';
import { pickWhere, runRillCommand, setApiKeyAsUser } from './rillDialogs';

/** The credential headers of the chat requests the server got since `from`. */
async function askAndReadCredentials(api: RillApi, pointed: PointedRill): Promise<Record<string, string>[]> {
  const from = pointed.llm.requests.length;
  api.chat.newChat();
  await settlesWithin('the chat answer', api.chat.ask('Which key did you get?'), 30_000);
  return pointed.llm.requests.slice(from).filter((r) => r.endpoint === pointed.chatWire.endpoint).map((r) => r.credentials);
}

describe('Rill commands', function () {
  this.timeout(60_000);
  // Not shaped like an sk- key, so only Rill's own registry of secrets can keep it out of the log.
  const key = `host-test-key-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

  describe('keys, checked where they matter: the header the server got and Rill\'s SecretStorage', () => {
    let api: RillApi;
    let pointed: PointedRill | undefined;

    before(async () => {
      api = await rillApi();
    });
    afterEach(async () => {
      await pointed?.dispose();
      pointed = undefined;
      await api.keys.clear('openai-compatible');
      await api.keys.clear('anthropic');
    });

    it('rill.setApiKey asks for the provider, then the key in a masked box; stored in SecretStorage, sent as the bearer token, never logged', async () => {
      pointed = await pointRillAtFakeServer(api);
      const run = await runRillCommand<boolean>('rill.setApiKey', { pick: pickWhere('provider', 'openai-compatible'), inputs: [key] });
      assert.equal(run.result, true);
      assert.equal(run.picks.length, 1, 'no provider list');
      assert.equal(run.inputs[0]?.password, true, 'the key box is not masked');
      assert.equal(await storedKey('openai-compatible'), key);
      assert.deepEqual(await askAndReadCredentials(api, pointed), [{ authorization: credentialFingerprint(`Bearer ${key}`) }]);
      // The log line about the stored key is written asynchronously: wait for it, then look for the key.
      const log = await waitFor('the "stored" line in the Rill log', () => {
        const text = rillLogText();
        return /API key for OpenAI-compatible server stored/.test(text) ? text : undefined;
      });
      assert.ok(!log.includes(key), 'the key appears in the Rill log');
    });

    it('rill.clearApiKey removes a stored key: gone from SecretStorage, and Anthropic requests no longer carry it', async () => {
      pointed = await pointRillAtFakeServer(api, {}, { chat: CHAT_WIRES.anthropic });
      assert.equal(await setApiKeyAsUser('anthropic', key), true);
      // @anthropic-ai/sdk 1.x sends the key as a bearer token (0.x sent x-api-key).
      assert.deepEqual(await askAndReadCredentials(api, pointed), [{ authorization: credentialFingerprint(`Bearer ${key}`) }]);
      const run = await runRillCommand<boolean>('rill.clearApiKey', { pick: pickWhere('provider', 'anthropic') });
      assert.equal(run.result, true);
      // The list says which providers have a key stored, never the key.
      const listed = (run.picks[0]?.items ?? []) as ReadonlyArray<vscode.QuickPickItem & { provider?: string }>;
      assert.equal(listed.find((i) => i.provider === 'anthropic')?.detail, 'A key is stored.');
      assert.ok(listed.every((i) => !JSON.stringify(i).includes(key)), 'the list shows the key');
      assert.equal(await storedKey('anthropic'), undefined);
      const after = await askAndReadCredentials(api, pointed);
      assert.ok(
        after.every((c) => !Object.values(c).includes(credentialFingerprint(`Bearer ${key}`))),
        'a request after Clear API Key still carried the cleared key',
      );
    });
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
