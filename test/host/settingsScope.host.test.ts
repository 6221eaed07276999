// Settings changes touch only what they change: a chat setting changed while ghost text streams
// leaves the completion stream (its socket, its session, its ghost text) alone, and a completion
// setting changed while a chat answer streams leaves the answer alone. Before, any `rill.*` change
// closed the connection pool, aborted every completion stream and cleared the cache.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RequestRecord } from '../../src/completion/requestRecord';
import type { EndpointRole } from '../../src/vscode/settings';
import type { RecordedRequest } from '../fake-llm/server';
import { type PointedRill, pointRillAtFakeServer } from '../reliability/hostEndpoint';
import { inlineProviderReady, lastCall, providerAnswered } from './inlineSignals';
import { type RillApi, rillApi, waitFor } from './rill';

const COMMIT = 'editor.action.inlineSuggest.commit';
/**
 * A block at a slow pace: the stream runs for seconds after its first line shows. Two lines: within
 * the shortest line budget Rill gives a slow model (3 lines), whatever speed earlier suites taught it,
 * so only the server's end can end it (with three, the newline after the last line went past the
 * budget once earlier suites had measured a slow model, and the stream was 'stopped', not 'done').
 */
const BLOCK = '\n  const sum = a + 1 + 2 + 3 + 4 + 5 + 6 + 7;\n  return sum * 2 * 1 * 1 * 1 * 1;\n';
const ANSWER = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');

describe('Settings changes touch only what they change (extension host)', function () {
  this.timeout(60_000);
  let api: RillApi;
  let pointed: PointedRill;
  const user = vscode.ConfigurationTarget.Global;
  const previous = new Map<string, unknown>();
  // The suggest widget would open on typed words and change what the inline provider is asked.
  const QUIET_EDITOR: Readonly<Record<string, unknown>> = { quickSuggestions: false, suggestOnTriggerCharacters: false, wordBasedSuggestions: 'off' };

  /** Sets a user setting, put back after the suite. */
  async function setUser(section: string, key: string, value: unknown): Promise<void> {
    const config = () => vscode.workspace.getConfiguration(section);
    if (!previous.has(`${section}.${key}`)) previous.set(`${section}.${key}`, config().inspect(key)?.globalValue);
    await config().update(key, value, user);
  }

  /** Sets a user setting to a new value and resolves with the roles Rill's providers then said changed. */
  async function change(section: string, key: string, value: unknown): Promise<readonly EndpointRole[]> {
    assert.notEqual(vscode.workspace.getConfiguration(section).inspect(key)?.globalValue, value, 'not a change');
    const changed = new Promise<readonly EndpointRole[]>((resolve) => {
      const subscription = api.providers.onDidChange((e) => {
        subscription.dispose();
        resolve(e.roles);
      });
    });
    await setUser(section, key, value);
    return changed;
  }

  before(async () => {
    api = await rillApi();
    pointed = await pointRillAtFakeServer(api);
    await setUser('rill.completion', 'enabled', true);
    for (const [key, value] of Object.entries(QUIET_EDITOR)) await setUser('editor', key, value);
    await inlineProviderReady(api);
    // A backoff earlier suites left (contradicted suggestions shorten a block to one line) is
    // forgotten, as after a provider change: the first test's block must end by its own end.
    api.completion.engine.providerChanged();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [id, value] of previous) {
      const dot = id.lastIndexOf('.');
      await vscode.workspace.getConfiguration(id.slice(0, dot)).update(id.slice(dot + 1), value, user);
    }
    await pointed?.dispose();
  });
  beforeEach(() => pointed.llm.reset());
  afterEach(async () => {
    api.completion.engine.stopAll();
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  let opened = 0;
  const requestsTo = (endpoint: RecordedRequest['endpoint']) => pointed.llm.requests.filter((r) => r.endpoint === endpoint);

  it('rill.chat.temperature changed while ghost text streams: the stream goes on and its ghost text completes', async () => {
    pointed.llm.route((request) => (request.endpoint === 'openai-completions' ? { text: BLOCK, ttftMs: 100, tokensPerSec: 5 } : undefined));
    const firstRecord = api.completion.records.all().reduce((max, r) => Math.max(max, r.id), 0);
    const mine = (): RequestRecord[] => api.completion.records.all().filter((r) => r.id > firstRecord);
    // A document of its own (a retry must not be answered from the cache of the first attempt).
    const uri = vscode.Uri.parse(`untitled:settings-scope-${process.pid}-${++opened}.ts`);
    const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'typescript');
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'function add(a) \n'));
    editor.selection = new vscode.Selection(0, 16, 0, 16);
    // Typed until VS Code asked Rill and its ghost text showed (the brace is auto-closed).
    await vscode.commands.executeCommand('type', { text: '{' });
    await providerAnswered(api, document);
    const shown = await waitFor('ghost text from the stream', () => mine().find((r) => r.shownAt !== undefined && r.outcome === 'streaming')).catch((error: unknown) => {
      const requests = pointed.llm.requests.map((r) => ({ endpoint: r.endpoint, prompt: prompt(r).slice(-40), closed: r.closedByClientAt !== undefined }));
      throw new Error(`${String(error)}\nrecords: ${JSON.stringify(mine())}\nrequests: ${JSON.stringify(requests)}\ndocument: ${JSON.stringify(document.getText())}\nanswer: ${JSON.stringify(api.completion.lastAnswer)}\nstatus: ${JSON.stringify(api.completion.engine.currentStatus())}\nall records: ${JSON.stringify(api.completion.records.all().slice(-3))}`);
    });
    const [request] = requestsTo('openai-completions').filter((r) => prompt(r).endsWith('function add(a) {'));
    assert.ok(request, `the completion request: ${JSON.stringify(requestsTo('openai-completions').map(prompt))}`);

    const roles = await change('rill.chat', 'temperature', api.providers.endpoint('chat').temperature === 0.7 ? 0.6 : 0.7);

    // Rill has acted on the change (the providers' event reached every listener), mid-stream.
    assert.deepEqual(roles, ['chat']);
    const record = () => mine().find((r) => r.id === shown.id);
    assert.equal(record()?.abortReason, undefined, `the chat setting aborted the completion stream: ${JSON.stringify(record())}`);
    assert.equal(record()?.endedAt, undefined, 'the change arrived while the stream ran (else this test proves nothing)');
    await waitFor('the stream to end', () => (record()?.endedAt !== undefined ? record() : undefined), 30_000);
    assert.equal(record()?.outcome, 'done', `the stream was cut: ${JSON.stringify(record())}`);
    assert.equal(record()?.abortReason, undefined);
    await waitFor('the server to finish the response', () => request.finishedAt ?? request.closedByClientAt);
    assert.equal(request.closedByClientAt, undefined, 'Rill closed the completion socket');
    assert.ok(request.finishedAt !== undefined && request.tokensSent > 0);
    const sent = mine().filter((r) => r.kind !== 'prefetch' && r.sentAt !== undefined && r.requestedAt >= shown.requestedAt);
    assert.deepEqual(sent.map((r) => r.id), [shown.id], `no request replaced the stream after the chat setting changed: ${JSON.stringify(sent)}`);

    // The ghost text completes: Tab brings the whole block into the document, all of it from the
    // one stream. VS Code may still show a part of it (the last growth not drawn yet): that Tab takes
    // the part, and the rest is the next suggestion, from the same stream. When VS Code shows nothing
    // and asks nothing (seen on 1.100 after a growth), Escape and Alt+\ make it ask Rill again, as a
    // person would (an explicit trigger alone is not repeated for the same state).
    const expected = `function add(a) {${BLOCK}}\n`;
    await waitFor('the whole block in the document', async () => {
      await vscode.commands.executeCommand(COMMIT);
      if (document.getText() === expected) return true;
      const before = lastCall(api);
      await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await providerAnswered(api, document, { after: before, timeoutMs: 2_000 }).catch(() => undefined);
      return undefined;
    }, 20_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\ndocument: ${JSON.stringify(document.getText())}\nanswer: ${JSON.stringify(api.completion.lastAnswer)}\nrecord: ${JSON.stringify(record())}\ngrowths: ${api.completion.growthHistory.join(', ')}`);
    });
    // Tab's command records the acceptance just after the edit.
    await waitFor('the acceptance to be recorded', () => (record()?.acceptedAt !== undefined && record()?.charsUsed === record()?.charsOut ? true : undefined)).catch(() => undefined);
    assert.equal(record()?.charsUsed, record()?.charsOut, `the block came from the one stream: ${JSON.stringify(record())}`);
  });

  it('rill.completion.temperature changed while a chat answer streams: the answer goes on to its end', async () => {
    pointed.llm.route((request) => (request.endpoint === 'openai-chat' ? { text: ANSWER, ttftMs: 50, tokensPerSec: 15 } : undefined));
    const answered = api.chat.ask('Count slowly');
    await waitFor('the answer to start', () => ((api.chat.session.conversation.turns.at(-1)?.answer.length ?? 0) > 0 ? true : undefined));

    const roles = await change('rill.completion', 'temperature', api.providers.endpoint('completion').temperature === 0.5 ? 0.4 : 0.5);

    assert.deepEqual(roles, ['completion']);
    assert.equal(api.chat.session.conversation.turns.at(-1)?.status, 'streaming', 'the change arrived while the answer streamed');
    await answered;
    const turn = api.chat.session.conversation.turns.at(-1);
    assert.equal(turn?.status, 'done');
    assert.equal(turn?.answer, ANSWER);
    const [request] = requestsTo('openai-chat');
    await waitFor('the server to finish the response', () => request.finishedAt ?? request.closedByClientAt);
    assert.equal(request.closedByClientAt, undefined, 'Rill closed the chat socket');
  });
});

function prompt(request: RecordedRequest): string {
  return String((request.body as { prompt?: unknown }).prompt ?? '');
}
