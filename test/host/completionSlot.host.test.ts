// One slot, one stream, in the real extension host: completion and chat on the same local server
// with one slot. Sending a chat question closes the live completion stream at once; while the answer
// streams, typing sends no completion request and the status bar says completion is paused for the
// chat answer; once it ends, ghost text comes back where the user typed meanwhile, with no key (a
// re-ask under the automatic rules: nothing while snoozed). Completion keeps one stream of its own,
// and does not queue a request for what the user typed behind a stream that has sent nothing yet.
// With more slots, completion does not wait.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RecordedRequest } from '../fake-llm/server';
import { type PointedRill, pointRillAtFakeServer } from '../reliability/hostEndpoint';
import { inlineProviderReady, lastCall, providerAnswered } from './inlineSignals';
import { typeInEditor } from './typeInEditor';
import { type RillApi, rillApi, waitFor, endSnooze } from './rill';

const COMMIT = 'editor.action.inlineSuggest.commit';
const QUIET_EDITOR: Readonly<Record<string, unknown>> = { quickSuggestions: false, suggestOnTriggerCharacters: false, wordBasedSuggestions: 'off' };
const LONG_ANSWER = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');

describe('One slot, one stream: completion waits for the chat answer', function () {
  this.timeout(90_000);
  let api: RillApi;
  let pointed: PointedRill;
  const previousEditor = new Map<string, unknown>();

  before(async () => {
    api = await rillApi();
    // Completion and chat on the same local (127.0.0.1) server, which runs one request at a time.
    pointed = await pointRillAtFakeServer(api, { 'network.localServerSlots': 1, 'completion.enabled': true });
    const editorConfig = vscode.workspace.getConfiguration('editor');
    for (const [key, value] of Object.entries(QUIET_EDITOR)) {
      previousEditor.set(key, editorConfig.inspect(key)?.globalValue);
      await editorConfig.update(key, value, vscode.ConfigurationTarget.Global);
    }
    // The provider registration travels to the workbench asynchronously after activation: waited
    // for (VS Code calls the provider), where a fixed second stood for it.
    await inlineProviderReady(api);
  });
  after(async () => {
    api.completion.engine.stopAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const editorConfig = vscode.workspace.getConfiguration('editor');
    for (const [key, value] of previousEditor) await editorConfig.update(key, value, vscode.ConfigurationTarget.Global);
    await pointed?.dispose();
  });
  beforeEach(() => pointed.llm.reset());

  const completions = (): RecordedRequest[] => pointed.llm.requests.filter((r) => r.endpoint === 'openai-completions');
  const chats = (): RecordedRequest[] => pointed.llm.requests.filter((r) => r.endpoint === 'openai-chat');
  /** Chat and Generate streams the request log still has live. */
  const liveChatStreams = () => api.report.records().filter((r) => r.feature !== 'completion' && r.outcome === 'streaming').map((r) => ({ feature: r.feature, model: r.model, requestedAt: r.requestedAt }));
  const prompt = (r: RecordedRequest) => String((r.body as { prompt?: unknown }).prompt ?? '');
  async function open(source: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.parse(`untitled:slot-host-${process.pid}-${Date.now()}.ts`);
    const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'typescript');
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), source));
    const end = document.positionAt(source.length);
    editor.selection = new vscode.Selection(end, end);
    return editor;
  }
  /**
   * Alt+\ until a completion request leaves: on 1.100 in the full suite a trigger was now and then
   * followed by no request within 10 s. Each try focuses the editor, triggers, and waits for that
   * provider call to return (a new trigger would cancel a call under way).
   */
  function completionRequested(editor: vscode.TextEditor): Promise<RecordedRequest[]> {
    return waitFor(
      'a completion stream',
      async () => {
        if (completions().length === 0) {
          const before = lastCall(api);
          // Nothing an earlier call, a rest request or the cache holds for this state answers it.
          api.completion.engine.providerChanged();
          await vscode.window.showTextDocument(editor.document);
          await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
          await providerAnswered(api, editor.document, { after: before, timeoutMs: 3_000 }).catch(() => undefined);
        }
        return completions().length > 0 ? completions() : undefined;
      },
      20_000,
    );
  }

  it('the chat question closes the live completion stream; typing during the answer sends nothing; ghost text comes back when it ends, with no key', async () => {
    await waitFor('Rill to read the one-slot setting', () => (api.providers.endpoint('chat').baseUrl === pointed.baseUrl ? true : undefined));
    // A slow completion stream is live when the question is sent.
    // (After the answer, where the user typed meanwhile, a quick one.)
    pointed.llm.route((r) =>
      r.endpoint !== 'openai-completions' ? undefined : prompt(r).endsWith('= 42') ? { text: ' + 1;\n', ttftMs: 0 } : { text: ' 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9;\n', ttftMs: 0, tokensPerSec: 4 },
    );
    pointed.llm.route((r) => (r.endpoint === 'openai-chat' ? { text: LONG_ANSWER, ttftMs: 0, tokensPerSec: 12 } : undefined));
    // Asked with Alt+\ (explicit): the throttle an earlier suite's typing may have widened does not
    // hold this first request back (on 1.100 in the full suite it once did past the wait below).
    api.completion.engine.providerChanged();
    // A chat stream an earlier suite left running would hold completion paused here: say so.
    await waitFor('completion not paused by a chat stream still live', () => (api.slots.paused ? undefined : true), 30_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${api.slots.reason ?? ''}\nlive chat streams: ${JSON.stringify(liveChatStreams())}`);
    });
    const editor = await open('const total = ');
    // A failure says what Rill last answered and recorded.
    const [live] = await completionRequested(editor).catch((error: unknown) => {
      const records = api.completion.engine.log.all().slice(-3).map((r) => ({ kind: r.kind, outcome: r.outcome, reason: r.abortReason, sent: r.sentAt !== undefined }));
      const server = pointed.llm.requests.map((r) => `${r.endpoint} ${r.path}`);
      const slots = { paused: api.slots.paused, liveChatStreams: liveChatStreams() };
      throw new Error(`${String(error)}\nlast answer: ${JSON.stringify(api.completion.lastAnswer)}\nlast records: ${JSON.stringify(records)}\nserver got: ${JSON.stringify(server)}\nslots: ${JSON.stringify(slots)}`);
    });
    assert.equal(live?.closedByClientAt, undefined, 'the completion stream is still open');

    const answered = api.chat.ask('Explain sums at length');
    const [chat] = await waitFor('the chat request', () => (chats().length > 0 ? chats() : undefined));
    // The slot goes to the chat: the completion socket was closed by Rill, no later than the question left.
    await pointed.llm.waitForClose(live as RecordedRequest);
    assert.ok(live?.closedByClientAt !== undefined, 'Rill closed the completion stream');
    assert.ok((live?.closedByClientAt ?? Infinity) <= (chat?.receivedAt ?? 0) + 50, 'closed when the question was sent, not after');
    assert.equal(api.slots.paused, true);
    assert.match(api.slots.reason ?? '', /paused while an answer \(chat, Ask, Generate or VS Code's chat\) streams: the server at http:\/\/127\.0\.0\.1:\d+ runs one request at a time\. It resumes when the answer ends\./);

    // The user goes back to the editor (asking showed the chat) and keeps typing while the answer
    // streams: VS Code asks Rill, Rill sends nothing.
    await typeInEditor(editor, '42');
    assert.equal(editor.document.getText(), 'const total = 42');
    assert.equal(api.chat.session.isStreaming, true, 'the answer was still streaming while the user typed');
    await answered;
    const during = completions().filter((r) => r.receivedAt >= (chat?.receivedAt ?? 0) && r.receivedAt <= (chat?.finishedAt ?? Infinity));
    assert.deepEqual(during.map(prompt), [], 'no completion request while the chat answer streamed');
    assert.equal(api.slots.paused, false, 'completion resumed when the answer ended');

    // Ghost text comes back where the user typed during the answer, with no key (before, VS Code,
    // which got nothing there, asked again only at the next keystroke), and Tab takes it.
    const again = await waitFor('a completion request after the answer', () => completions().find((r) => r.receivedAt >= (chat?.finishedAt ?? Infinity)));
    assert.equal(prompt(again).slice(-16), 'const total = 42');
    assert.equal(editor.document.getText(), 'const total = 42', 'no key after the answer');
    await waitFor('the ghost text accepted', async () => {
      if (editor.document.getText().startsWith('const total = 42 + 1;')) return true;
      await vscode.commands.executeCommand(COMMIT);
      return editor.document.getText().includes('const total = 42 + 1;') ? true : undefined;
    });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('snoozed while the answer streamed: when it ends, Rill asks VS Code again but sends nothing (its re-ask is not Alt+\\)', async () => {
    pointed.llm.route((r) => (r.endpoint === 'openai-chat' ? { text: LONG_ANSWER, ttftMs: 0, tokensPerSec: 12 } : undefined));
    pointed.llm.route((r) => (r.endpoint === 'openai-completions' ? { text: ' + 1;\n', ttftMs: 0 } : undefined));
    await waitFor('completion not paused by a chat stream still live', () => (api.slots.paused ? undefined : true), 30_000);
    const editor = await open('const rest = ');
    const answered = api.chat.ask('One more long one');
    await waitFor('completion paused by the answer', () => (api.slots.paused ? true : undefined));
    // Typed during the answer: VS Code asks, Rill holds it back. Then the user snoozes completion.
    const typed = lastCall(api);
    await typeInEditor(editor, '7');
    await providerAnswered(api, editor.document, { after: typed });
    assert.equal(await vscode.commands.executeCommand('rill.snoozeInlineCompletions', 5), true);
    try {
      const beforeEnd = lastCall(api);
      await answered;
      await waitFor('completion resumed', () => (api.slots.paused ? undefined : true));
      // Rill's re-ask reached VS Code, which asked Rill there again; snoozed, nothing went out.
      const reasked = await providerAnswered(api, editor.document, { after: beforeEnd });
      assert.equal(reasked.items, 0);
      const ended = chats()[0]?.finishedAt ?? 0;
      assert.deepEqual(completions().filter((r) => r.receivedAt >= ended).map(prompt), [], 'a completion request went out while snoozed');
    } finally {
      await endSnooze(api);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('one slot: the stream a Backspace left behind is closed before the next request is sent (it would only queue behind it)', async () => {
    // The demo's and many users' set-up: a one-slot local server configured as OpenAI-compatible.
    assert.equal(api.providers.endpoint('completion').provider, 'openai-compatible');
    await waitFor('one completion stream at a time', () => (api.slots.streamLimit === 1 ? true : undefined));
    pointed.llm.route((r) => (r.endpoint === 'openai-completions' ? { text: ' + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9;\n', ttftMs: 0, tokensPerSec: 4 } : undefined));
    await waitFor('completion not paused by a chat stream still live', () => (api.slots.paused ? undefined : true), 30_000);
    const editor = await open('const sum = 1');
    const [first] = await completionRequested(editor);
    assert.equal(first?.closedByClientAt, undefined, 'the first stream is open');
    // Backspace: the first stream still fits if the user types the digit again, so it is not
    // contradicted; but the next request would wait for the server's only slot behind it.
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('deleteLeft');
    assert.ok(editor.document.getText().endsWith('= '), `deleted: ${JSON.stringify(editor.document.getText())}`);
    const [, second] = await waitFor('a second completion request', async () => {
      if (completions().length < 2) {
        const before = lastCall(api);
        await vscode.window.showTextDocument(editor.document);
        await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
        await providerAnswered(api, editor.document, { after: before, timeoutMs: 3_000 }).catch(() => undefined);
      }
      return completions().length >= 2 ? completions() : undefined;
    }, 20_000);
    await pointed.llm.waitForClose(first as RecordedRequest, 10_000);
    const reasons = api.completion.engine.log.all().slice(-3).map((r) => r.abortReason);
    assert.ok(first?.closedByClientAt !== undefined, `Rill closed the first stream (it was not left to finish); abort reasons: ${JSON.stringify(reasons)}`);
    assert.ok(first.closedByClientAt <= (second?.receivedAt ?? 0) + 50, 'closed when the second request was sent, not after');
    api.completion.engine.stopAll();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('one slot: typing past a stream that has sent no token yet, early in its wait, sends a request for what was typed and closes the stale one', async () => {
    const config = vscode.workspace.getConfiguration('rill');
    const previousModel = config.inspect('completion.model')?.globalValue;
    // A model Rill has not measured: its first request teaches its time to first token (4 s).
    const model = `slow-first-token-${Date.now()}`;
    await config.update('completion.model', model, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('Rill to use the new model', () => (api.providers.endpoint('completion').model === model ? true : undefined));
      await waitFor('one completion stream at a time', () => (api.slots.streamLimit === 1 ? true : undefined));
      await waitFor('completion not paused by a chat stream still live', () => (api.slots.paused ? undefined : true), 30_000);
      pointed.llm.route((r) => (r.endpoint === 'openai-completions' ? { text: ' 7;\n', ttftMs: 4_000 } : undefined));
      const taught = await open('let p =');
      const [first] = await completionRequested(taught);
      await waitFor('the first answer', () => (first?.finishedAt !== undefined ? true : undefined), 20_000);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      pointed.llm.reset();
      pointed.llm.route((r) => (r.endpoint === 'openai-completions' ? { text: ' 7;\n', ttftMs: 4_000 } : undefined));

      const editor = await open('let q = ');
      // Alt+\, not waited for: the command returns only when VS Code's call has its answer.
      api.completion.engine.providerChanged();
      void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      const stale = await waitFor('the request at `let q = `', () => completions().find((r) => prompt(r).endsWith('let q = ')), 20_000);
      // The user does not wait for the slow first token: they type a digit.
      await typeInEditor(editor, '9');
      const fresh = await waitFor('a request for what was typed', () => completions().find((r) => prompt(r).endsWith('let q = 9')), 20_000);
      await pointed.llm.waitForClose(stale as RecordedRequest, 10_000);
      const records = api.completion.engine.log.all().slice(-4).map((r) => ({ kind: r.kind, model: r.model, outcome: r.outcome, reason: r.abortReason, sentAt: r.sentAt, firstByteAt: r.firstByteAt }));
      assert.ok(stale?.closedByClientAt !== undefined, `Rill closed the stale stream; last records: ${JSON.stringify(records)}`);
      assert.equal(stale.firstTokenAt, undefined, 'it was closed before its first token, not waited for');
      assert.ok(stale.closedByClientAt <= fresh.receivedAt + 50, 'closed before the new request was sent');
      api.completion.engine.stopAll();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await config.update('completion.model', previousModel, vscode.ConfigurationTarget.Global);
    }
  });

  it('with more than one slot, completion does not wait for chat', async () => {
    await vscode.workspace.getConfiguration('rill').update('network.localServerSlots', 2, vscode.ConfigurationTarget.Global);
    try {
      pointed.llm.route((r) => (r.endpoint === 'openai-chat' ? { text: LONG_ANSWER, ttftMs: 0, tokensPerSec: 12 } : undefined));
      pointed.llm.route((r) => (r.endpoint === 'openai-completions' ? { text: ' + 1;\n', ttftMs: 0 } : undefined));
      const answered = api.chat.ask('Another long one');
      await waitFor('the chat request', () => (chats().length > 0 ? true : undefined));
      assert.equal(api.slots.paused, false);
      await typeInEditor(await open('const more ='), ' ');
      assert.ok(vscode.window.activeTextEditor?.document.getText().endsWith('= '), 'typed into the editor');
      await waitFor('a completion request while the answer streams', () => (completions().some((r) => r.receivedAt > (chats()[0]?.receivedAt ?? 0)) ? true : undefined));
      assert.equal(api.chat.session.isStreaming, true);
      api.chat.stop();
      await answered;
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await vscode.workspace.getConfiguration('rill').update('network.localServerSlots', 1, vscode.ConfigurationTarget.Global);
    }
  });
});
