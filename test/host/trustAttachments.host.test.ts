// Files on the deny-list in the real extension host: attaching one to the chat (Ask…, Ask About
// This File, the chat's Attach File) or generating in one asks first, with the deny-list the
// completion uses (built-in globs plus `rill.completion.exclude`). Declined, nothing of the file
// leaves; accepted, it is sent with its secret-looking values masked (checked on what the fake
// server received). The dialog is answered by a stub of Rill's own `showWarningMessage`.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { RecordedRequest } from '../fake-llm/server';
import { settlesWithin } from '../reliability/completionUnderTest';
import { type PointedRill, pointRillAtFakeServer } from '../reliability/hostEndpoint';
import { answerRillWarnings, type DialogStub, runRillCommand, type ShownDialog } from './rillDialogs';
import { type RillApi, rillApi, waitFor } from './rill';

// In every file: proof that its text reached the server, and nothing secret-looking.
const MARKER = `rill-marker-${randomBytes(6).toString('hex')}`;
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const CREDENTIALS = `[${MARKER}]\naws_access_key_id = ${ACCESS_KEY}\naws_secret_access_key = ${SECRET_KEY}\n`;

const FILES: Readonly<Record<string, string>> = {
  '.aws/credentials': CREDENTIALS,
  'config/secrets.json': `{"${MARKER}": true}\n`,
  '.npmrc': `# ${MARKER}\n`,
  '.netrc': `# ${MARKER}\n`,
  'certs/server.crt': `${MARKER}\n`,
  // Denied only by the user's `rill.completion.exclude`, set below.
  'private/notes.md': `${MARKER}\n`,
  'billing.py': `# ${MARKER}\ndef total(rows):\n    return sum(rows)\n`,
};
const USER_EXCLUDE = ['**/private/**'];

const chatRequests = (p: PointedRill): RecordedRequest[] => p.llm.requests.filter((r) => r.endpoint === 'openai-chat');
const bodyOf = (r: RecordedRequest | undefined): string => JSON.stringify(r?.body ?? '');

describe('Trust: deny-listed files in chat attachments and Generate (extension host)', function () {
  this.timeout(60_000);
  let api: RillApi;
  let pointed: PointedRill;
  let folder: vscode.Uri;
  let dialogs: DialogStub | undefined;

  const answerDialogs = (answer: string | undefined): readonly ShownDialog[] => {
    dialogs?.restore();
    dialogs = answerRillWarnings(() => answer);
    return dialogs.shown;
  };
  const open = async (path: string): Promise<vscode.TextEditor> => {
    const editor = await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, path), { preview: false });
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    return editor;
  };

  before(async () => {
    api = await rillApi();
    pointed = await pointRillAtFakeServer(api, { 'completion.exclude': USER_EXCLUDE });
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the host suite runs with a workspace folder');
    folder = vscode.Uri.joinPath(root, `trust-attachments-${process.pid}`);
    for (const [path, text] of Object.entries(FILES)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, path), Buffer.from(text));
  });
  after(async () => {
    dialogs?.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true }).then(undefined, () => undefined);
    await pointed?.dispose();
  });
  beforeEach(() => {
    pointed.llm.reset();
    pointed.llm.setDefault({ text: 'Noted.' });
    api.chat.newChat();
  });
  afterEach(async () => {
    dialogs?.restore();
    dialogs = undefined;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Ask About This File on .aws/credentials asks first; declined, no request is made', async () => {
    const shown = answerDialogs(undefined);
    await open('.aws/credentials');
    const asked = await settlesWithin('Ask About This File', runRillCommand<boolean>('rill.askAboutFile', { inputs: ['What is in here?'] }), 30_000);
    assert.equal(asked.value?.result, false, 'the command went ahead');
    assert.deepEqual(asked.value?.inputs, [], 'asked for a question about a file it would not attach');
    assert.equal(shown.length, 1, `dialogs: ${JSON.stringify(shown)}`);
    assert.match(shown[0]?.message ?? '', /credentials looks like a file holding secrets/);
    assert.equal(shown[0]?.modal, true);
    assert.deepEqual(shown[0]?.buttons, ['Attach Anyway']);
    assert.deepEqual(chatRequests(pointed), [], 'a chat request was made');
  });

  it('Ask… on .aws/credentials, declined: the question goes without the file', async () => {
    answerDialogs(undefined);
    await open('.aws/credentials');
    await settlesWithin('Ask…', runRillCommand('rill.ask', { inputs: ['Which profile do I use?'] }), 30_000);
    const [request] = chatRequests(pointed);
    assert.match(bodyOf(request), /Which profile do I use\?/, 'the question was not sent');
    assert.ok(!bodyOf(request).includes(MARKER), 'the declined file was sent');
    assert.deepEqual(api.chat.session.conversation.turns.at(-1)?.context, []);
  });

  it('accepted, the file is sent with its keys masked', async () => {
    const shown = answerDialogs('Attach Anyway');
    await open('.aws/credentials');
    await settlesWithin('Ask About This File', runRillCommand('rill.askAboutFile', { inputs: ['What is in here?'] }), 30_000);
    assert.equal(shown.length, 1);
    const body = bodyOf(chatRequests(pointed)[0]);
    assert.ok(body.includes(MARKER), 'the accepted file was not sent');
    assert.ok(!body.includes(ACCESS_KEY), 'the access key id left unmasked');
    assert.ok(!body.includes(SECRET_KEY), 'the secret access key left unmasked');
    assert.match(body, /\[AWS access key masked by Rill\]/);
    assert.match(body, /aws_secret_access_key = \[secret value masked by Rill\]/);
  });

  for (const path of ['config/secrets.json', '.npmrc', '.netrc', 'certs/server.crt', 'private/notes.md']) {
    it(`the chat's Attach File asks before attaching ${path}`, async () => {
      const shown = answerDialogs(undefined);
      await open(path);
      await vscode.commands.executeCommand('rill.chat.attachFile');
      assert.equal(shown.length, 1, `no dialog for ${path}`);
      await api.chat.receive({ type: 'send', text: 'Anything odd?' });
      const body = bodyOf(await waitFor('the chat request', () => chatRequests(pointed)[0]));
      assert.match(body, /Anything odd\?/);
      assert.ok(!body.includes(MARKER), `${path} was attached after being declined`);
    });
  }

  it('an ordinary file is attached without a question', async () => {
    const shown = answerDialogs(undefined);
    await open('billing.py');
    await vscode.commands.executeCommand('rill.chat.attachFile');
    await api.chat.receive({ type: 'send', text: 'Anything odd?' });
    const body = bodyOf(await waitFor('the chat request', () => chatRequests(pointed)[0]));
    assert.deepEqual(shown, []);
    assert.ok(body.includes(MARKER), 'billing.py was not attached');
  });

  it('Generate asks first in a file denied by the user\'s rill.completion.exclude; declined, nothing is sent or written', async () => {
    const shown = answerDialogs(undefined);
    const editor = await open('private/notes.md');
    const result = await settlesWithin('Generate', api.generate.generateAtCursor('add a heading'), 30_000);
    assert.equal(result.value, undefined);
    assert.equal(shown.length, 1, 'no dialog');
    assert.match(shown[0]?.message ?? '', /notes\.md looks like a file holding secrets/);
    assert.deepEqual(chatRequests(pointed), []);
    assert.equal(editor.document.getText(), FILES['private/notes.md']);
  });
});
