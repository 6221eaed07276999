// Which extensions may use Rill's models (VS Code 1.104+; 1.139.1 here): Rill's provider driven
// inside the real extension host with the `requestInitiator` VS Code passes (core, Rill, the
// built-in chat, other extensions, none), a person answering Rill's question through
// rillDialogs.ts, and what reached the fake server. Then the real thing: this suite's own
// `vscode.lm` request, which VS Code sends as from an extension that is not Rill. On VS Code 1.100
// the API is absent and nothing changes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ManageOutcome } from '../../src/vscode/modelAccessCommand';
import type { LanguageModelChatInformation, LanguageModelResponsePart } from '../../src/vscode/nativeApi';
import type { NativeChatModels } from '../../src/vscode/nativeProvider';
import { FakeLlmServer } from '../fake-llm/server';
import { type RillApi, rillApi, rillUserSettings, waitFor } from './rill';
import { answerRillQuickPicks, answerRillWarnings, type DialogStub, runRillCommand, withRillDialogs } from './rillDialogs';

const KEY = 'sk-rill-model-access-0123456789abcdefghij';
const CHAT = '/v1/chat/completions';
const hasProviderApi = typeof (vscode.lm as { registerLanguageModelChatProvider?: unknown }).registerLanguageModelChatProvider === 'function';
const STORAGE_KEY = 'rill.modelAccess.v1';

interface Outcome {
  readonly text: string;
  readonly error: unknown;
}

describe("Which extensions may use Rill's models (host)", function () {
  this.timeout(60_000);
  let api: RillApi;
  let fake: FakeLlmServer;
  let model: LanguageModelChatInformation;
  const config = () => vscode.workspace.getConfiguration('rill');
  const target = vscode.ConfigurationTarget.Global;
  const provider = (): NativeChatModels => api.nativeChat.languageModels as NativeChatModels;
  const chatRequests = () => fake.requests.filter((r) => r.path === CHAT);
  const host = () => new URL(fake.url).host;

  /** Rill's provider, called as VS Code calls it for a request from `initiator`. */
  async function ask(initiator: string | undefined, token = new vscode.CancellationTokenSource().token): Promise<Outcome> {
    const parts: LanguageModelResponsePart[] = [];
    const options = { requestInitiator: initiator, toolMode: vscode.LanguageModelChatToolMode.Auto, modelOptions: {} };
    try {
      await provider().provideLanguageModelChatResponse(model, [{ role: vscode.LanguageModelChatMessageRole.User, content: [new vscode.LanguageModelTextPart('hi')], name: undefined }], options, { report: (p) => parts.push(p) }, token);
    } catch (error) {
      return { text: '', error };
    }
    return { text: parts.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join(''), error: undefined };
  }

  /** The question Rill asks about an extension that is not installed here (so it has no name but its id). */
  const question = (id: string) => `${id} wants to use your model fake-chat-model through Rill. Rill will send its requests to ${host()} with your key.`;

  function assertRefused(outcome: Outcome, pattern: RegExp): void {
    assert.ok(outcome.error instanceof vscode.LanguageModelError, `a LanguageModelError, got ${String(outcome.error)}`);
    assert.equal(outcome.error.code, 'NoPermissions');
    assert.match(outcome.error.message, pattern);
  }

  before(async function () {
    api = await rillApi();
    if (!hasProviderApi) return;
    fake = await FakeLlmServer.start();
    fake.setDefault({ text: 'Sent to the server.' });
    await api.keys.set('openai-compatible', KEY);
    await config().update('chat.provider', 'openai-compatible', target);
    await config().update('chat.baseUrl', `${fake.url}/v1`, target);
    await config().update('chat.model', 'fake-chat-model', target);
    await waitFor('the chat endpoint to follow the settings', () => (api.providers.endpoint('chat').baseUrl === `${fake.url}/v1` ? true : undefined));
    const models = await provider().provideLanguageModelChatInformation({ silent: true }, new vscode.CancellationTokenSource().token);
    model = models[0] as LanguageModelChatInformation;
  });
  after(async () => {
    if (!hasProviderApi) return;
    for (const key of ['chat.provider', 'chat.baseUrl', 'chat.model']) await config().update(key, undefined, target);
    await api.keys.clear('openai-compatible');
    await fake?.close();
  });
  let warnings: DialogStub;
  beforeEach(function () {
    if (!hasProviderApi) return;
    fake.reset();
    fake.setDefault({ text: 'Sent to the server.' });
  });
  afterEach(async () => {
    warnings?.restore();
    if (!hasProviderApi) return;
    for (const entry of api.nativeChat.modelAccess.list()) await api.nativeChat.modelAccess.forget(entry.extensionId);
  });

  it('on a VS Code without the API (1.100) nothing is offered, and the manage command says so without a pick', async function () {
    if (hasProviderApi) this.skip();
    assert.equal(api.nativeChat.languageModels, undefined);
    const run = await runRillCommand<ManageOutcome>('rill.manageModelAccess');
    assert.equal(run.result, undefined);
    assert.deepEqual(run.picks, []);
  });

  describe('where VS Code has the API (1.104+)', function () {
    before(function () {
      if (!hasProviderApi) this.skip();
    });

    it('VS Code itself ("core"), Rill and the built-in chat extension go through without a question', async () => {
      warnings = answerRillWarnings(() => 'Deny');
      for (const initiator of ['core', 'rill.rill', 'github.copilot-chat']) {
        const outcome = await ask(initiator);
        assert.equal(outcome.error, undefined, `${initiator}: ${String(outcome.error)}`);
        assert.equal(outcome.text, 'Sent to the server.', initiator);
      }
      assert.deepEqual(warnings.shown, [], 'Rill asked');
      assert.equal(chatRequests().length, 3);
    });

    it('another extension is asked about once; Deny fails its request with NoPermissions, sends nothing, and is remembered (globalState)', async () => {
      const settingsBefore = rillUserSettings();
      warnings = answerRillWarnings(() => 'Deny');
      const first = await ask('someone.else');
      assertRefused(first, /^Rill sent nothing: the user has not allowed someone\.else to use Rill's models \(Rill: Manage Extensions Allowed to Use Rill's Models…\)\.$/);
      assert.deepEqual(warnings.shown, [{ message: question('someone.else'), modal: true, buttons: ['Deny', 'Allow'] }]);
      const again = await ask('someone.else');
      assertRefused(again, /has not allowed someone\.else/);
      assert.equal(warnings.shown.length, 1, 'asked a second time');
      assert.deepEqual(chatRequests(), [], 'a request reached the server');
      assert.deepEqual(api.globalState.get(STORAGE_KEY), { 'someone.else': { decision: 'denied' } });
      assert.deepEqual(rillUserSettings(), settingsBefore, 'a setting changed');
    });

    it('Allow: the request goes to the server, and later requests go without a question', async () => {
      warnings = answerRillWarnings(() => 'Allow');
      const first = await ask('Friendly.Extension');
      assert.equal(first.error, undefined, String(first.error));
      assert.equal(first.text, 'Sent to the server.');
      assert.deepEqual(warnings.shown.map((d) => d.message), [question('friendly.extension')]);
      assert.equal((await ask('friendly.extension')).text, 'Sent to the server.');
      assert.equal(warnings.shown.length, 1, 'asked a second time');
      assert.equal(chatRequests().length, 2);
      assert.equal(chatRequests()[0]?.headers.authorization, '<redacted>', "the user's key went with it");
    });

    it('closing the question fails the request and sends nothing, and the extension is asked again next time', async () => {
      warnings = answerRillWarnings(() => undefined);
      assertRefused(await ask('undecided.ext'), /question was closed without an answer; it will be asked again/);
      assertRefused(await ask('undecided.ext'), /question was closed/);
      assert.equal(warnings.shown.length, 2);
      assert.deepEqual(chatRequests(), []);
      assert.equal(api.nativeChat.modelAccess.get('undecided.ext'), undefined, 'a closed question was remembered');
    });

    it('requests that arrive while the question is open wait for the same one answer', async () => {
      const person = new Person();
      warnings = answerRillWarnings(() => person.answer);
      const three = Promise.all([ask('busy.ext'), ask('busy.ext'), ask('busy.ext')]);
      await waitFor('the question', () => (warnings.shown.length > 0 ? true : undefined));
      person.says('Allow');
      const outcomes = await three;
      assert.deepEqual(outcomes.map((o) => o.text), ['Sent to the server.', 'Sent to the server.', 'Sent to the server.']);
      assert.equal(warnings.shown.length, 1, 'one question for three requests');
    });

    it('a request without requestInitiator (an older VS Code) is an unknown extension: asked each time, never remembered', async () => {
      warnings = answerRillWarnings(() => 'Allow');
      assert.equal((await ask(undefined)).text, 'Sent to the server.');
      assert.equal((await ask(undefined)).text, 'Sent to the server.');
      assert.equal(warnings.shown.length, 2);
      assert.match(warnings.shown[0]?.message ?? '', /^An extension VS Code does not name wants to use your model fake-chat-model through Rill\./);
      assert.deepEqual(api.nativeChat.modelAccess.list(), []);
      warnings.restore();
      warnings = answerRillWarnings(() => 'Deny');
      assertRefused(await ask(undefined), /An extension VS Code does not name/);
      assert.equal(chatRequests().length, 2);
    });

    it('cancelling a request while the question is open ends it at once and sends nothing; the answer still counts', async () => {
      const person = new Person();
      warnings = answerRillWarnings(() => person.answer);
      const cancel = new vscode.CancellationTokenSource();
      const pending = ask('slow.ext', cancel.token);
      await waitFor('the question', () => (warnings.shown.length > 0 ? true : undefined));
      cancel.cancel();
      const outcome = await pending;
      assert.ok(outcome.error instanceof vscode.CancellationError, `cancelled, got ${String(outcome.error)}`);
      person.says('Allow');
      await waitFor('the answer to be kept', () => (api.nativeChat.modelAccess.get('slow.ext')?.decision === 'allowed' ? true : undefined));
      assert.deepEqual(chatRequests(), []);
    });

    it('Manage Extensions Allowed to Use Rill\'s Models… lists the answers; Allow, Deny and Forget change what the next request gets', async () => {
      warnings = answerRillWarnings(() => 'Deny');
      assertRefused(await ask('someone.else'), /has not allowed/);
      const manage = (action: string) =>
        runRillCommand<ManageOutcome>('rill.manageModelAccess', {
          pick: (items, shown) => (shown.title?.startsWith('Rill: Manage') ? items.find((i) => i.label.includes('someone.else')) : items.find((i) => i.label === action)),
        });
      const allowed = await manage('Allow');
      assert.equal(allowed.result, 'allowed');
      assert.equal(allowed.picks[0]?.title, "Rill: Manage Extensions Allowed to Use Rill's Models…");
      assert.deepEqual(allowed.picks[0]?.items.map((i) => [i.label, i.detail]), [['$(circle-slash) someone.else', "Not allowed to use Rill's models"]]);
      assert.equal((await ask('someone.else')).text, 'Sent to the server.');
      assert.equal((await manage('Deny')).result, 'denied');
      assertRefused(await ask('someone.else'), /has not allowed/);
      assert.equal((await manage('Forget')).result, 'forgotten');
      assert.deepEqual(api.globalState.get(STORAGE_KEY), {});
      assertRefused(await ask('someone.else'), /has not allowed/);
      assert.equal(warnings.shown.length, 2, 'asked again after Forget');
      assert.equal(chatRequests().length, 1);
    });

    it('the manage command takes no arguments: run by another extension with "allow me", it shows the same pick and allows nothing', async () => {
      warnings = answerRillWarnings(() => 'Deny');
      assertRefused(await ask('someone.else'), /has not allowed/);
      const picks = answerRillQuickPicks(() => undefined);
      await withRillDialogs([picks], async () => {
        assert.equal(await vscode.commands.executeCommand('rill.manageModelAccess', 'someone.else', 'allowed'), undefined);
      });
      assert.equal(picks.shown.length, 1);
      assert.equal(api.nativeChat.modelAccess.get('someone.else')?.decision, 'denied');
    });

    it("this suite's own vscode.lm request comes from an extension that is not Rill: Rill asks, and Deny reaches the caller as NoPermissions with Rill's message", async () => {
      warnings = answerRillWarnings(() => 'Deny');
      const [chat] = await vscode.lm.selectChatModels({ vendor: 'rill', id: 'fake-chat-model' });
      assert.ok(chat, "Rill's model");
      let error: unknown;
      try {
        const response = await chat.sendRequest([vscode.LanguageModelChatMessage.User('hi')], {}, new vscode.CancellationTokenSource().token);
        for await (const _ of response.text) void _;
      } catch (caught) {
        error = caught;
      }
      // VS Code named the caller (requestInitiator): its id is in the question, and it is neither core nor Rill.
      assert.equal(warnings.shown.length, 1, 'Rill asked once');
      const asked = /^(.+?) wants to use your model fake-chat-model through Rill\./.exec(warnings.shown[0]?.message ?? '')?.[1] ?? '';
      assert.ok(asked && !/^(core|rill\.rill)$/.test(asked) && !asked.startsWith('An extension VS Code does not name'), `asked about: ${asked}`);
      assert.ok(error instanceof vscode.LanguageModelError, `a LanguageModelError, got ${String(error)}`);
      assert.equal(error.code, 'NoPermissions');
      assert.match(error.message, /Rill sent nothing: the user has not allowed .* to use Rill's models/);
      assert.deepEqual(chatRequests(), []);
    });
  });
});

/** A person who reads the question and answers when the test says so. */
class Person {
  says: (button: string | undefined) => void = () => undefined;
  readonly answer = new Promise<string | undefined>((resolve) => {
    this.says = resolve;
  });
}
