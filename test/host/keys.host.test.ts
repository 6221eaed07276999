// API keys from the environment: with no key in SecretStorage, Rill falls back to OPENAI_API_KEY /
// ANTHROPIC_API_KEY; a stored key wins over the variable; neither ever reaches Rill's log. The
// KeyStore needs vscode at runtime (its change event), so this runs in the real extension host.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { KeyStore, secretName } from '../../src/vscode/keys';
import { documentAt, freshCompletionEngine, settlesWithin, typeAndAsk } from '../reliability/completionUnderTest';
import { rillLogText } from './logFiles';
import { type RillApi, rillApi, storedKey, waitFor } from './rill';
import { setApiKeyAsUser } from './rillDialogs';

// Not shaped like any known token format, so only Rill's own masking of its keys can hide them.
const ENV_KEY = `rill-env-key-${randomBytes(12).toString('hex')}`;
const STORED_KEY = `rill-stored-key-${randomBytes(12).toString('hex')}`;

/** SecretStorage in memory. */
function memorySecrets(): vscode.SecretStorage {
  const values = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  return {
    get: async (key) => values.get(key),
    store: async (key, value) => void values.set(key, value),
    delete: async (key) => void values.delete(key),
    onDidChange: changed.event,
  };
}

/**
 * An OpenAI-style server that remembers each request's Authorization header (the fake LLM server
 * records it redacted) and answers 400 quoting that header, as some gateways do, so the key is
 * offered to the error message and the log line on the way.
 */
async function startKeyEcho(): Promise<{ url: string; authorizations: string[]; close(): Promise<void> }> {
  const authorizations: string[] = [];
  const server: Server = createServer((req, res) => {
    const auth = req.headers.authorization ?? '';
    if (req.method === 'POST') authorizations.push(auth);
    req.resume();
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `Gateway refused header "Authorization: ${auth}".`, type: 'invalid_request_error', param: null, code: null } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, authorizations, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('Keys: environment variables as the fallback (extension host)', function () {
  this.timeout(60_000);

  it('KeyStore: the variable when none is stored, the stored key over the variable, the variable again once cleared', async () => {
    const env = { OPENAI_API_KEY: ENV_KEY, ANTHROPIC_API_KEY: `${ENV_KEY}-anthropic` };
    const keys = new KeyStore(memorySecrets(), env);
    try {
      assert.equal(await keys.get('openai'), ENV_KEY);
      assert.equal(await keys.get('anthropic'), `${ENV_KEY}-anthropic`);
      await keys.set('openai', STORED_KEY);
      assert.equal(await keys.get('openai'), STORED_KEY);
      assert.equal(await keys.get('anthropic'), `${ENV_KEY}-anthropic`, 'a key stored for one provider leaves the others alone');
      await keys.clear('openai');
      assert.equal(await keys.get('openai'), ENV_KEY);
      assert.equal(await new KeyStore(memorySecrets(), {}).get('openai'), undefined, 'no variable, no key');
      assert.equal(await new KeyStore(memorySecrets(), { OPENAI_API_KEY: '' }).get('openai'), undefined, 'an empty variable is no key');
    } finally {
      keys.dispose();
    }
  });

  describe("Rill's own key store and requests", () => {
    let api: RillApi;
    let echo: Awaited<ReturnType<typeof startKeyEcho>>;
    const previousEnv = process.env.OPENAI_API_KEY;
    // User settings as a person would set them, restored afterwards for the other suites.
    const config = () => vscode.workspace.getConfiguration('rill');
    const previousSettings = new Map<string, unknown>();
    const set = async (key: string, value: unknown) => {
      if (!previousSettings.has(key)) previousSettings.set(key, config().inspect(key)?.globalValue);
      await config().update(key, value, vscode.ConfigurationTarget.Global);
    };

    before(async () => {
      api = await rillApi();
      await api.keys.clear('openai');
      // The extension host's environment is the one Rill's KeyStore reads (the harness passes
      // no key of the developer's); the settings change below makes Rill build its provider anew.
      process.env.OPENAI_API_KEY = ENV_KEY;
      echo = await startKeyEcho();
      const baseUrl = `${echo.url}/v1`;
      await set('completion.provider', 'openai');
      await set('completion.baseUrl', baseUrl);
      await waitFor('Rill to use the key echo server', () => {
        const endpoint = api.providers.endpoint('completion');
        return endpoint.provider === 'openai' && endpoint.baseUrl === baseUrl ? true : undefined;
      });
    });
    after(async () => {
      await api.keys.clear('openai');
      if (previousEnv === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = previousEnv;
      for (const [key, value] of previousSettings) await config().update(key, value, vscode.ConfigurationTarget.Global);
      await echo?.close();
    });

    // The server's message, key and all, is what Rill logs for the failure (masked).
    const failures = () => (rillLogText().match(/Completion request failed \(bad-request\).*Gateway refused header/g) ?? []).length;

    /** One completion request; returns the Authorization header it carried once its failure is logged. */
    async function completionAuthorization(): Promise<string> {
      const before = echo.authorizations.length;
      const logged = failures();
      const engine = freshCompletionEngine(api);
      await settlesWithin('the completion call', typeAndAsk(engine, documentAt('def main():\n    '), new AbortController().signal), 30_000);
      const status = await waitFor('the completion error', () => engine.currentStatus().error);
      assert.equal(status.kind, 'bad-request');
      assert.ok(!status.message.includes(ENV_KEY) && !status.message.includes(STORED_KEY), `the status shows a key: ${status.message}`);
      await waitFor('the failure in the log', () => (failures() > logged ? true : undefined));
      const sent = echo.authorizations.slice(before);
      assert.equal(sent.length, 1, 'one request reached the server');
      return sent[0] ?? '';
    }

    it('with no stored key, the OPENAI_API_KEY of the environment is sent; a stored key then wins; the log shows neither', async () => {
      assert.equal(await storedKey('openai'), undefined, 'a key is stored');
      assert.equal(await completionAuthorization(), `Bearer ${ENV_KEY}`);

      assert.equal(await setApiKeyAsUser('openai', STORED_KEY), true);
      assert.equal(await storedKey('openai'), STORED_KEY, 'the key is not in SecretStorage');
      assert.equal(await completionAuthorization(), `Bearer ${STORED_KEY}`);

      const log = rillLogText();
      assert.ok(!log.includes(ENV_KEY), 'the key from the environment is in the Rill log');
      assert.ok(!log.includes(STORED_KEY), 'the stored key is in the Rill log');
    });

    it('a key set or cleared in another window (SecretStorage is shared) is the one the next request sends', async () => {
      await api.keys.clear('openai');
      assert.equal(await completionAuthorization(), `Bearer ${ENV_KEY}`);
      // Another window's "Rill: Set API Key…" writes the shared SecretStorage; this window's KeyStore never ran.
      const otherWindowKey = `rill-other-window-key-${randomBytes(12).toString('hex')}`;
      await api.secrets.store(secretName('openai'), otherWindowKey);
      await waitFor('the key set elsewhere to be used', async () => ((await completionAuthorization()) === `Bearer ${otherWindowKey}` ? true : undefined));
      // And cleared there: the environment's key again, not the one cleared.
      await api.secrets.delete(secretName('openai'));
      await waitFor('the key cleared elsewhere to be dropped', async () => ((await completionAuthorization()) === `Bearer ${ENV_KEY}` ? true : undefined));
      assert.ok(!rillLogText().includes(otherWindowKey), 'the key set elsewhere is in the Rill log');
    });

    it("a credential in the user's completion headers or base URL is masked in every log line once Rill uses them", async () => {
      const token = `rill-header-token-${randomBytes(8).toString('hex')}`;
      const password = `rill-url-password-${randomBytes(8).toString('hex')}`;
      const baseUrl = `${echo.url.replace('http://', `http://rill-user:${password}@`)}/v1`;
      await set('completion.headers', { 'X-Gateway-Token': token });
      await set('completion.baseUrl', baseUrl);
      await waitFor('Rill to read the settings', () => (api.providers.endpoint('completion').baseUrl === baseUrl ? true : undefined));
      await api.providers.get('completion');
      // Whatever a server or library might echo, in any line Rill logs.
      const masked = api.log.mask(`gateway said: X-Gateway-Token=${token}; url=${baseUrl}`);
      assert.ok(!masked.includes(token) && !masked.includes(password), masked);
    });
  });
});
