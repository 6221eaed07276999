// FIM chosen from what the server reports, in the real extension host: a user points Rill at an
// Ollama instruct model that has no FIM template (no `insert` in /api/show) and types; with no
// fimMode set anywhere, the completion goes out as the chat hole-filling prompt (not /v1/completions,
// which Ollama would refuse), and Show Last Completion Prompt says which and why. Changing only the
// model to one that can insert switches to /v1/completions with `suffix`.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { HOLE } from '../../src/llm/holeFilling';
import { DETECTION_FIXTURES } from '../fake-llm/personaFixtures';
import { FakeLlmServer } from '../fake-llm/server';
import { inlineProviderReady } from './inlineSignals';
import { type RillApi, rillApi, waitFor } from './rill';

const CHAT_MODEL = DETECTION_FIXTURES.find((f) => f.name === 'Ollama, instruct model without insert')!;
const FIM_MODEL = DETECTION_FIXTURES.find((f) => f.name === 'Ollama, base code model with insert')!;
/** The harness pins the FIM mode through the environment; a user without a fimMode setting has no pin. */
const ENV_PIN = 'RILL_COMPLETION_FIM_MODE';

describe('FIM chosen from the server (extension host)', function () {
  this.timeout(90_000);
  let api: RillApi;
  let llm: FakeLlmServer;
  const previous = new Map<string, unknown>();
  let pinned: string | undefined;
  const config = () => vscode.workspace.getConfiguration('rill');
  const set = async (key: string, value: unknown, target = vscode.ConfigurationTarget.Global, section = 'rill') => {
    const c = vscode.workspace.getConfiguration(section);
    if (!previous.has(`${section}.${key}`)) previous.set(`${section}.${key}`, c.inspect(key)?.globalValue);
    await c.update(key, value, target);
  };

  before(async () => {
    api = await rillApi();
    llm = await FakeLlmServer.start();
    llm.persona = { name: 'ollama', ollama: { ...CHAT_MODEL.persona.ollama, ...FIM_MODEL.persona.ollama } };
    llm.models = [CHAT_MODEL.model, FIM_MODEL.model];
    llm.setDefault({ text: 'a + b', ttftMs: 20 });
    pinned = process.env[ENV_PIN];
    delete process.env[ENV_PIN];
    // Pointing Rill at the server and the model is all the user does.
    await set('completion.provider', 'openai-compatible');
    await set('completion.baseUrl', `${llm.url}/v1`);
    await set('completion.model', CHAT_MODEL.model);
    await set('completion.enabled', true);
    for (const [key, value] of Object.entries({ quickSuggestions: false, suggestOnTriggerCharacters: false, wordBasedSuggestions: 'off' })) await set(key, value, vscode.ConfigurationTarget.Global, 'editor');
    await waitFor('Rill to use the Ollama model', () => (api.providers.endpoint('completion').model === CHAT_MODEL.model ? true : undefined));
    await inlineProviderReady(api);
  });
  after(async () => {
    api?.completion.engine.stopAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [key, value] of previous) {
      const [section, ...rest] = key.split('.');
      await vscode.workspace.getConfiguration(section).update(rest.join('.'), value, vscode.ConfigurationTarget.Global);
    }
    if (pinned !== undefined) process.env[ENV_PIN] = pinned;
    await llm?.close();
  });
  afterEach(async () => {
    api.completion.engine.stopAll();
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  let opened = 0;
  async function typeInNewFile(source: string, text: string): Promise<void> {
    const uri = vscode.Uri.parse(`untitled:fim-choice-${process.pid}-${++opened}.py`);
    const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'python');
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), source));
    const end = document.positionAt(source.length);
    editor.selection = new vscode.Selection(end, end);
    for (const ch of text) await vscode.commands.executeCommand('type', { text: ch });
  }

  /** Completion requests since request `from` (streamed: a warm-up asks for no stream). */
  const completionsSince = (from: number) => llm.requests.slice(from).filter((r) => (r.endpoint === 'openai-chat' || r.endpoint === 'openai-completions') && r.streamRequested);
  /** How often Rill asked Ollama about `model` in this suite (the server keeps every record), or since request `from`. */
  const shows = (model: string, from = 0) => llm.requests.slice(from).filter((r) => r.endpoint === 'ollama-show' && (r.body as { model?: string }).model === model).length;

  it('a model without `insert` gets the chat hole-filling prompt, with no fimMode set anywhere', async () => {
    const fimMode = config().inspect('completion.fimMode');
    assert.deepEqual([fimMode?.globalValue, fimMode?.workspaceValue, fimMode?.workspaceFolderValue, process.env[ENV_PIN]], [undefined, undefined, undefined, undefined], 'no fimMode setting');
    assert.equal(api.providers.endpoint('completion').fimMode, 'auto');
    const from = llm.requests.length;
    await typeInNewFile('def add(a, b):\n    return ', 'a');
    const request = await waitFor('a completion request', () => completionsSince(from)[0], 30_000);
    assert.equal(request.endpoint, 'openai-chat', `sent to ${request.path}`);
    assert.ok(JSON.stringify(request.body).includes(`return a${HOLE}`), JSON.stringify(request.body));
    assert.equal((request.body as { model?: string }).model, CHAT_MODEL.model);
    assert.equal(shows(CHAT_MODEL.model), 1, 'Rill asked Ollama about the model, once');

    await vscode.commands.executeCommand('rill.showLastCompletionPrompt');
    const report = await waitFor('the prompt report', () => {
      const text = vscode.window.activeTextEditor?.document.getText() ?? '';
      return text.includes('# Last completion request') ? text : undefined;
    });
    assert.match(report, /Fill-in-the-middle: the chat hole-filling prompt \(chosen from what the server reported\)/);
    assert.match(report, /Ollama reports capabilities \[completion, tools\] for "llama3\.1:8b" \(no `insert`\) and a chat template/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('changing only the model to one with `insert` asks again and sends /v1/completions with suffix', async () => {
    // Counted from the change: the suite's set-up passed through this model (Ollama's default, before
    // it chose the other), and the slot gate asks a local server about itself at once.
    const before = llm.requests.length;
    await set('completion.model', FIM_MODEL.model);
    await waitFor('Rill to use the code model', () => (api.providers.endpoint('completion').model === FIM_MODEL.model ? true : undefined));
    const from = llm.requests.length;
    await typeInNewFile('def add(a, b):\n    return ', 'a');
    const request = await waitFor('a completion request', () => completionsSince(from)[0], 30_000);
    assert.equal(request.endpoint, 'openai-completions', `sent to ${request.path}`);
    assert.equal(typeof (request.body as { suffix?: unknown }).suffix, 'string');
    assert.equal(shows(FIM_MODEL.model, before), 1, 'asked about the new model, once');
  });
});
