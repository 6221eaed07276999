// Secrets in the real extension host: a stored key travels only in the auth header (never in a
// body, the log, an error, the status or the export, even when the server echoes it back); private
// keys and tokens in a question, its context or the document are masked before they leave (checked
// on what the fake server received); deny-listed files get no completion and are never read as
// context.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { credentialFingerprint, type RecordedRequest } from '../fake-llm/server';
import { documentAt, freshCompletionEngine, settlesWithin, typeAndAsk } from '../reliability/completionUnderTest';
import { type PointedRill, pointRillAtFakeServer } from '../reliability/hostEndpoint';
import { rillLogText } from './logFiles';
import { type RillApi, rillApi, storedKey, waitFor } from './rill';
import { runRillCommand, setApiKeyAsUser } from './rillDialogs';

// Not shaped like any known token format: only Rill's registry of its own keys can mask it.
const KEY = `rill-host-key-${randomBytes(12).toString('hex')}`;
const PEM = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', 'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK', '-----END RSA PRIVATE KEY-----'].join('\n');
const GITHUB_TOKEN = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const OPENAI_KEY = `sk-proj-${'Zx9Yw8Vu7T'.repeat(4)}`;
const PASSWORD = 'correct-horse-battery-staple';

const bodyOf = (r: RecordedRequest) => JSON.stringify(r.body);

describe('Trust: secrets (extension host)', function () {
  this.timeout(60_000);
  let api: RillApi;
  let pointed: PointedRill;

  before(async () => {
    api = await rillApi();
    pointed = await pointRillAtFakeServer(api);
  });
  after(async () => {
    await api.keys.clear('openai-compatible');
    await pointed?.dispose();
  });
  beforeEach(() => {
    pointed.llm.reset();
    api.chat.newChat();
  });

  it('a stored key goes only in the auth header: never in a body, the log, an error, the status or the export, even when the server echoes it', async () => {
    assert.equal(await setApiKeyAsUser('openai-compatible', KEY), true);
    assert.equal(await storedKey('openai-compatible'), KEY, 'the key is not in SecretStorage');
    pointed.llm.setDefault({ status: 401, body: { message: `Incorrect API key provided: ${KEY}. You can find your API key at https://example.invalid.` } });

    await settlesWithin('the chat answer', api.chat.ask('Hello?'), 30_000);
    const turn = api.chat.session.conversation.turns.at(-1);
    assert.equal(turn?.error?.kind, 'auth');
    assert.ok(!turn.error.message.includes(KEY), `the chat error shows the key: ${turn.error.message}`);

    const e = freshCompletionEngine(api);
    await settlesWithin('the completion call', typeAndAsk(e, documentAt('def main():\n    '), new AbortController().signal), 30_000);
    const status = await waitFor('the completion error', () => e.currentStatus().error);
    assert.equal(status.kind, 'auth');
    assert.ok(!status.message.includes(KEY), `the status shows the key: ${status.message}`);

    const requests = pointed.llm.requests.filter((r) => r.endpoint !== 'models');
    // The chat answer and the completion: both sent after the key was stored. A capability probe
    // (/api/show...) that set out before it may reach the server later on a busy machine, without it.
    const asked = requests.filter((r) => r.endpoint === 'openai-chat' || r.endpoint === 'openai-completions');
    assert.ok(asked.length >= 2, 'both requests reached the server');
    for (const r of asked) assert.equal(r.credentials.authorization, credentialFingerprint(`Bearer ${KEY}`), `${r.path}: the stored key did not travel in the auth header`);
    for (const r of requests) {
      assert.ok(!bodyOf(r).includes(KEY), `${r.path}: the key is in the request body`);
      for (const [name, value] of Object.entries(r.headers)) if (name !== 'authorization') assert.ok(!value.includes(KEY), `the key is in header ${name}`);
    }
    const log = await waitFor('the completion failure in the log', () => {
      const text = rillLogText();
      return /Completion request failed \(auth\)/.test(text) ? text : undefined;
    });
    assert.ok(!log.includes(KEY), 'the key is in the Rill log');

    const exported = vscode.Uri.file(join(tmpdir(), `rill-export-${process.pid}-${Date.now()}.json`));
    assert.equal((await runRillCommand<number>('rill.exportLatencyRecords', { saveTo: exported })).saves.length, 1, 'no save dialog');
    const text = Buffer.from(await vscode.workspace.fs.readFile(exported)).toString('utf8');
    await vscode.workspace.fs.delete(exported);
    assert.ok(!text.includes(KEY), 'the key is in the exported records');
    await api.keys.clear('openai-compatible');
  });

  it('a private key block and tokens in a chat question and its context are masked before they leave', async () => {
    pointed.llm.setDefault({ text: 'Masked, thanks.' });
    const question = `Why does this fail?\n${PEM}\nmy token is ${GITHUB_TOKEN}`;
    const context = [{ label: 'settings.py', text: `AWS_ACCESS_KEY_ID = "${AWS_KEY}"\nOPENAI_API_KEY = "${OPENAI_KEY}"\ndb_password = "${PASSWORD}"\n`, language: 'python' }];
    await settlesWithin('the chat answer', api.chat.ask(question, context), 30_000);
    const [request] = pointed.llm.requests.filter((r) => r.endpoint === 'openai-chat');
    assert.ok(request, 'no chat request');
    const body = bodyOf(request);
    for (const secret of ['MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', GITHUB_TOKEN, AWS_KEY, OPENAI_KEY, PASSWORD]) {
      assert.ok(!body.includes(secret), `${secret.slice(0, 12)}… left the machine`);
    }
    assert.match(body, /private key masked by Rill/);
    assert.match(body, /Why does this fail\?/, 'the question itself was sent');
    assert.match(body, /settings\.py/, 'the context was sent');
  });

  it('secrets in the document being completed are masked in the completion prompt', async () => {
    pointed.llm.setDefault({ text: 'connect()\n' });
    const engine = freshCompletionEngine(api);
    const prefix = `# deploy\nKEY = """\n${PEM}\n"""\ntoken = "${GITHUB_TOKEN}"\napi_key = "${PASSWORD}"\nclient.`;
    await settlesWithin('the completion call', typeAndAsk(engine, documentAt(prefix), new AbortController().signal), 30_000);
    const [request] = pointed.llm.requests.filter((r) => r.endpoint === 'openai-completions');
    assert.ok(request, 'no completion request');
    const body = bodyOf(request);
    for (const secret of ['MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', GITHUB_TOKEN, PASSWORD]) {
      assert.ok(!body.includes(secret), `${secret.slice(0, 12)}… left the machine in the prompt`);
    }
    assert.match(body, /client\./, 'the prompt itself was sent');
  });

  it('deny-listed files get no completion and are never read as context; other open tabs are', async () => {
    const marker = 'ledger_reconcile_total';
    const secretValue = 'zebra-wombat-quartz-4471';
    const files: Record<string, string> = {
      'billing.py': `def ${marker}(rows):\n    return sum(r.amount for r in rows)\n`,
      '.env': `${marker}=${secretValue}\n`,
      '.env.production': `${marker}=${secretValue}\n`,
      'config/secrets.json': `{"${marker}": "${secretValue}"}\n`,
      'deploy/id_rsa': `${marker} ${secretValue}\n`,
      'certs/server.pem': `${marker} ${secretValue}\n`,
      '.aws/credentials': `[default]\n${marker} = ${secretValue}\n`,
    };
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the host suite runs with a workspace folder');
    const uris = Object.keys(files).map((path) => vscode.Uri.joinPath(folder, path));
    try {
      // Open in tabs, as a user would have them: the engine's context comes from the open tabs.
      for (const [i, uri] of uris.entries()) {
        await vscode.workspace.fs.writeFile(uri, Buffer.from(Object.values(files)[i]));
        await vscode.window.showTextDocument(uri, { preview: false, preserveFocus: true });
      }
      pointed.llm.setDefault({ text: '(rows)\n' });
      const engine = freshCompletionEngine(api);

      // In a deny-listed file itself: no ghost text, no request, even when asked with Alt+\.
      const env = vscode.Uri.joinPath(folder, '.env').toString();
      const inSecret = { ...documentAt(`${marker}=`, '', env), path: '.env' };
      const { value: none } = await settlesWithin('a completion call in .env', typeAndAsk(engine, inSecret, new AbortController().signal, 'explicit'), 10_000);
      assert.equal(none, undefined);
      // Only this file's text counts: on a busy machine VS Code may still be asking Rill's own
      // provider about an editor of an earlier test.
      const forEnv = pointed.llm.requests.filter((r) => r.endpoint === 'openai-completions' && bodyOf(r).includes(`${marker}=`));
      assert.equal(forEnv.length, 0, 'a request was made for a .env file');

      const main = vscode.Uri.joinPath(folder, 'main.py').toString();
      const state = { ...documentAt(`from billing import ${marker}\n\ntotal = ${marker}`, '', main), path: 'main.py' };
      await settlesWithin('the completion call', typeAndAsk(engine, state, new AbortController().signal), 30_000);
      const request = pointed.llm.requests.find((r) => r.endpoint === 'openai-completions' && bodyOf(r).includes('total = ledger_reconcile_total'));
      assert.ok(request, 'no completion request for main.py');
      const body = bodyOf(request);
      assert.match(body, /billing\.py/, 'the open, allowed file was not offered as context (the check would prove nothing)');
      assert.ok(!body.includes(secretValue), 'a deny-listed file was read for context');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const uri of uris) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });
});
