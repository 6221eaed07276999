// Another extension can run any of Rill's commands with any arguments. Each command that could
// send, store a key, write a setting or write a file is run here with the arguments an attacker
// would pass (the key to store, the server to use, the question to send, the file to overwrite),
// and a person who dismisses whatever Rill shows: no key is stored or removed, no request leaves,
// no setting and no file changes, no extension's access to Rill's models changes. The same from a
// real second extension: test/e2e/otherExtension.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FakeLlmServer } from '../fake-llm/server';
import { isGeneration } from '../fake-llm/routes';
import { type PointedRill, pointRillAtFakeServer } from '../reliability/hostEndpoint';
import { type RillApi, rillApi, rillUserSettings, storedKey, endSnooze } from './rill';
import { answerRillInputBoxes, answerRillQuickPicks, answerRillSaveDialogs, answerRillWarnings, type Stub, withRillDialogs } from './rillDialogs';

const ATTACKER_KEY = 'attacker-key-0123456789';
const USER_KEY = 'users-own-key-9876543210';

describe('Commands run by another extension, with arguments, act only through the user (extension host)', function () {
  this.timeout(60_000);
  let api: RillApi;
  let pointed: PointedRill;
  let attacker: FakeLlmServer;
  let dir: string;

  before(async () => {
    api = await rillApi();
    pointed = await pointRillAtFakeServer(api);
    attacker = await FakeLlmServer.start();
    dir = mkdtempSync(join(tmpdir(), 'rill-command-args-'));
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'def main():\n    pass\n' });
    const editor = await vscode.window.showTextDocument(document);
    // An extension can select text in the user's editor as well: Explain Selection then has some.
    editor.selection = new vscode.Selection(0, 0, 2, 0);
  });
  after(async () => {
    await api.keys.clear('openai-compatible');
    await api.keys.clearGateway('openai-compatible');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await pointed?.dispose();
    await attacker?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const hostile: readonly (readonly [command: string, args: readonly unknown[]])[] = [
    ['rill.setApiKey', ['openai-compatible', ATTACKER_KEY]],
    ['rill.clearApiKey', ['openai-compatible']],
    ['rill.setGatewayKey', ['openai-compatible', ATTACKER_KEY]],
    ['rill.clearGatewayKey', ['openai-compatible']],
    ['rill.chooseProvider', ['anthropic']],
    ['rill.selectModel', ['chat', 'attacker-model']],
    ['rill.detectLocalServer', [{ candidates: [{ kind: 'ollama', url: 'ATTACKER' }], configure: true }]],
    ['rill.ask', ['Send me the open file']],
    ['rill.askAboutFile', ['Send me this file']],
    ['rill.explainSelection', ['anything']],
    ['rill.generateAtCursor', ['import os; os.system("curl attacker")']],
    ['rill.exportLatencyRecords', ['EXPORT']],
    ['rill.snoozeInlineCompletions', [1_000_000]],
    ['rill.completion.accepted', ['not a session']],
    ['rill.dismissInlineCompletion', ['anything']],
    // Would let a caller allow itself to use Rill's models (VS Code 1.104+; modelAccess.host.test.ts).
    ['rill.manageModelAccess', ['vscode-tests.attacker', 'allowed']],
  ];

  for (const [command, args] of hostile) {
    it(`${command}(${JSON.stringify(args).slice(1, -1).slice(0, 60)}): no key, no request, no setting, no file without the user`, async () => {
      const export_ = vscode.Uri.file(join(dir, `${command}.json`));
      const withUrls = args.map((a) => (a === 'EXPORT' ? export_ : a && typeof a === 'object' && 'candidates' in a ? { ...a, candidates: [{ kind: 'ollama', url: attacker.url }] } : a));
      await api.keys.set('openai-compatible', USER_KEY);
      await api.keys.setGateway('openai-compatible', USER_KEY);
      const settings = rillUserSettings();
      const requests = pointed.llm.requests.length;
      const turns = api.chat.session.conversation.turns.length;
      const snoozed = api.completion.engine.enablement.snoozeEnd;
      const modelAccess = api.nativeChat.modelAccess.list();
      // A person who closes whatever Rill shows.
      const stubs: Stub<unknown>[] = [
        answerRillQuickPicks(() => undefined),
        answerRillInputBoxes(() => undefined),
        answerRillSaveDialogs(() => undefined),
        answerRillWarnings(() => undefined),
      ];
      await withRillDialogs(stubs, async () => {
        await vscode.commands.executeCommand(command, ...withUrls);
      });

      assert.equal(await storedKey('openai-compatible'), USER_KEY, 'the stored key changed');
      assert.equal(await api.keys.getGateway('openai-compatible'), USER_KEY, 'the stored gateway key changed');
      assert.deepEqual(rillUserSettings(), settings, 'a setting changed');
      assert.equal(existsSync(export_.fsPath), false, 'a file was written where the caller said');
      assert.deepEqual(attacker.requests.map((r) => r.path), [], "the caller's server was asked");
      // Asking the configured server what it is (its models, /props, /api/show: Rill does it on its
      // own when the provider is rebuilt) sends nothing of the user's; a generation request would.
      const sent = pointed.llm.requests.slice(requests).filter((r) => isGeneration(r.endpoint) || r.endpoint === 'not-found');
      assert.deepEqual(sent.map((r) => r.path), [], 'a request left');
      assert.equal(api.chat.session.conversation.turns.length, turns, 'a question went into the chat');
      assert.equal(api.completion.engine.enablement.snoozeEnd, snoozed, 'completion was snoozed');
      assert.deepEqual(api.nativeChat.modelAccess.list(), modelAccess, "an extension's access to Rill's models changed");
    });
  }

  it('from the palette, the snooze picker names the durations as the status menu does ("1 hour", not "60 minutes")', async () => {
    const picks = answerRillQuickPicks(() => undefined);
    try {
      assert.equal(await vscode.commands.executeCommand('rill.snoozeInlineCompletions'), false);
      assert.deepEqual(picks.shown.map((p) => p.items.map((i) => i.label)), [['5 minutes', '30 minutes', '1 hour']]);
      assert.equal(api.completion.engine.enablement.snoozeEnd, undefined, 'Esc on the picker snoozed');
    } finally {
      picks.restore();
    }
  });

  it('the status menu still snoozes for a duration it offers (60 minutes), without asking', async () => {
    const picks = answerRillQuickPicks(() => undefined);
    try {
      assert.equal(await vscode.commands.executeCommand('rill.snoozeInlineCompletions', 60), true);
      assert.deepEqual(picks.shown, []);
      const end = api.completion.engine.enablement.snoozeEnd ?? 0;
      assert.ok(end > Date.now() + 59 * 60_000 && end <= Date.now() + 60 * 60_000 + 1000, `snoozed until ${new Date(end).toISOString()}`);
    } finally {
      picks.restore();
      await endSnooze(api);
    }
  });
});
