// Select Model… and Detect Local Model Server in the real extension host, against fake model
// servers started in this process.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_MODELS, FakeLlmServer } from '../fake-llm/server';
import { LOCAL_SERVERS, type LocalServer, type LocalServerCandidate, probeLocalServers } from '../../src/llm/localServers';
import { freePort } from '../../tools/ports';
import { type RillApi, rillApi, waitFor } from './rill';
import { answerRillInputBoxes, answerRillQuickPicks, runRillCommand } from './rillDialogs';
import { modelItems } from '../../src/vscode/selectModel';

const ROLE_KEYS = ['provider', 'baseUrl', 'model'] as const;
const target = vscode.ConfigurationTarget.Global;

async function clearUserSettings(): Promise<void> {
  const config = vscode.workspace.getConfiguration('rill');
  for (const role of ['completion', 'chat']) for (const key of ROLE_KEYS) await config.update(`${role}.${key}`, undefined, target);
}

/** Runs `command` and accepts the quick picks it shows, first item each time, until it returns. */
async function acceptFirstItems<T>(command: Thenable<T>): Promise<T> {
  let settled = false;
  const result = Promise.resolve(command).finally(() => (settled = true));
  await waitFor('the command to finish after accepting its picks', async () => {
    if (settled) return true;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return undefined;
  });
  return result;
}

describe('Rill: Select Model', function () {
  this.timeout(60_000);
  let fake: FakeLlmServer;

  before(async () => {
    fake = await FakeLlmServer.start();
    const api = await rillApi();
    const config = vscode.workspace.getConfiguration('rill');
    await config.update('completion.provider', 'openai-compatible', target);
    await config.update('completion.baseUrl', `${fake.url}/v1`, target);
    await config.update('completion.model', 'configured-model', target);
    await waitFor('the completion endpoint to follow the settings', () => (api.providers.endpoint('completion').baseUrl === `${fake.url}/v1` ? true : undefined));
  });
  after(async () => {
    await clearUserSettings();
    await fake.close();
  });

  it('offers the models the server reports and the configured one', async () => {
    const choices = await (await rillApi()).models.choices('completion');
    assert.equal(choices.configured, 'configured-model');
    assert.deepEqual(choices.reported, [...DEFAULT_MODELS].sort());
    assert.equal(choices.problem, undefined);
  });

  it('says why when the server cannot list its models', async () => {
    fake.route((r) => (r.path === '/v1/models' || r.path === '/api/tags' ? { status: 500 } : undefined));
    try {
      const choices = await (await rillApi()).models.choices('completion');
      assert.deepEqual(choices.reported, []);
      assert.ok(choices.problem);
    } finally {
      fake.reset();
    }
  });

  it('a server that wants a key: the list keeps the whole reason and its fix one pick away, after the current model', async () => {
    fake.route((r) => (r.path === '/v1/models' || r.path === '/api/tags' ? { status: 401 } : undefined));
    try {
      const choices = await (await rillApi()).models.choices('completion');
      assert.match(choices.problem ?? '', /Set one with "Rill: Set API Key…" or the RILL_API_KEY environment variable\.$/);
      const items = modelItems(choices, '');
      assert.equal(items[0]?.label, 'configured-model', 'the current model stays the first item');
      const why = items.find((item) => 'problem' in item);
      assert.ok(why, `no item says why: ${JSON.stringify(items.map((i) => i.label))}`);
      assert.equal(why.detail, choices.problem, 'the whole message, not its first 80 characters');
    } finally {
      fake.reset();
    }
  });

  it("an Ollama-style server whose /v1/models fails: the models come from Ollama's /api/tags", async () => {
    const ollamaModels = ['qwen2.5-coder:1.5b-base', 'llama3.2:3b'];
    const listed = fake.models;
    fake.models = ollamaModels;
    fake.route((r) => (r.path === '/v1/models' ? { status: 404 } : undefined));
    const before = fake.requests.length;
    try {
      const choices = await (await rillApi()).models.choices('completion');
      assert.deepEqual(choices.reported, [...ollamaModels].sort());
      assert.equal(choices.problem, undefined);
      const asked = fake.requests.slice(before).map((r) => [r.method, r.path, r.status]);
      assert.deepEqual(asked, [
        ['GET', '/v1/models', 404],
        ['GET', '/api/tags', 200],
      ]);
    } finally {
      fake.models = listed;
      fake.reset();
    }
  });

  it("OpenAI: chat is offered its text models, not the embedding, speech or image ones its list also holds; completion also its completions models", async () => {
    const api = await rillApi();
    const config = vscode.workspace.getConfiguration('rill');
    const listed = fake.models;
    fake.models = ['gpt-4o-mini', 'text-embedding-3-small', 'whisper-1', 'tts-1', 'dall-e-3', 'omni-moderation-latest', 'gpt-3.5-turbo-instruct', 'o3'];
    await api.keys.set('openai', 'sk-select-model-kinds-test');
    for (const role of ['completion', 'chat'] as const) {
      await config.update(`${role}.provider`, 'openai', target);
      await config.update(`${role}.baseUrl`, `${fake.url}/v1`, target);
    }
    try {
      await waitFor('both roles on OpenAI', () => (api.providers.endpoint('chat').provider === 'openai' && api.providers.endpoint('completion').provider === 'openai' ? true : undefined));
      assert.deepEqual((await api.models.choices('chat')).reported, ['gpt-4o-mini', 'o3']);
      assert.deepEqual((await api.models.choices('completion')).reported, ['gpt-3.5-turbo-instruct', 'gpt-4o-mini', 'o3']);
    } finally {
      fake.models = listed;
      await api.keys.clear('openai');
      await config.update('completion.provider', 'openai-compatible', target);
      for (const key of ROLE_KEYS) await config.update(`chat.${key}`, undefined, target);
      await waitFor('completion back on the compatible server', () => (api.providers.endpoint('completion').provider === 'openai-compatible' ? true : undefined));
    }
  });

  it('an Azure deployment URL: no list is asked for (Azure answers 404), and the reason says the deployment decides the model', async () => {
    const api = await rillApi();
    const config = vscode.workspace.getConfiguration('rill');
    const deploymentUrl = `${fake.url}/openai/deployments/gpt4o-prod?api-version=2024-10-21`;
    await config.update('completion.baseUrl', deploymentUrl, target);
    const before = fake.requests.length;
    try {
      await waitFor('the endpoint on the deployment URL', () => (api.providers.endpoint('completion').baseUrl === deploymentUrl ? true : undefined));
      const choices = await api.models.choices('completion');
      assert.deepEqual(choices.reported, []);
      assert.match(choices.problem ?? '', /the Azure deployment "gpt4o-prod", which decides the model/);
      // Nothing goes to the deployment for a list; completion's FIM choice does not probe it either
      // (an Azure deployment is no local server), so no request at all is expected. Each request
      // is named if one arrives.
      const sent = fake.requests.slice(before).map((r) => `${r.method} ${r.path}`);
      assert.deepEqual(sent, [], 'requests went to the deployment URL');
    } finally {
      await config.update('completion.baseUrl', `${fake.url}/v1`, target);
      await waitFor('the endpoint back on the fake server', () => (api.providers.endpoint('completion').baseUrl === `${fake.url}/v1` ? true : undefined));
    }
  });

  it('writes the chosen model to the user settings', async () => {
    const api = await rillApi();
    await api.models.set('completion', DEFAULT_MODELS[0]);
    assert.equal(vscode.workspace.getConfiguration('rill').inspect('completion.model')?.globalValue, DEFAULT_MODELS[0]);
    await waitFor('the completion provider to use the new model', async () => ((await api.providers.get('completion')).model === DEFAULT_MODELS[0] ? true : undefined));
  });

  it('through the quick picks: role first, then the model (the current one is first)', async () => {
    const api = await rillApi();
    await api.models.set('chat', 'chat-before');
    await api.models.set('completion', 'completion-before');
    const chosen = await acceptFirstItems(vscode.commands.executeCommand<string | undefined>('rill.selectModel'));
    // The first role is completion; its first model is the configured one.
    assert.equal(chosen, 'completion-before');
    assert.equal(vscode.workspace.getConfiguration('rill').inspect('chat.model')?.globalValue, 'chat-before');
  });

  it('"Type a model id…": the id typed in the box is the one written (the pick closing to ask for it is no cancel)', async () => {
    const api = await rillApi();
    await api.models.set('completion', 'completion-before');
    // The server takes its time to list its models: the pick holds the configured model and "Type a
    // model id…" (the last item) meanwhile, as a person sees it on a slow server.
    fake.reset();
    fake.route((r) => (r.path === '/v1/models' || r.path === '/api/tags' ? { status: 500, ttftMs: 30_000 } : undefined));
    const roles = answerRillQuickPicks<vscode.QuickPickItem & { role?: string }>((items) => items.find((i) => i.role === 'completion'));
    // A person takes a moment to type the id: by then VS Code has told Rill the pick closed.
    const boxes = answerRillInputBoxes(() => new Promise((resolve) => setTimeout(() => resolve('  typed-model-7b '), 500)));
    try {
      let settled = false;
      const command = Promise.resolve(vscode.commands.executeCommand<string | undefined>('rill.selectModel')).finally(() => (settled = true));
      // The pick is up once it asks the server for the list (it is shown in the same turn).
      await waitFor('the pick to ask for the list', () => (fake.requests.some((r) => r.path === '/v1/models') ? true : undefined));
      // The last item is "Type a model id…" (as Ctrl+End would pick it); Enter takes it.
      await waitFor('the typed id to be asked for', async () => {
        if (boxes.shown.length > 0 || settled) return true;
        await vscode.commands.executeCommand('quickInput.last');
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return undefined;
      });
      assert.equal(await command, 'typed-model-7b');
      assert.equal(boxes.shown.length, 1, 'the input box for the id was not shown');
      assert.equal(vscode.workspace.getConfiguration('rill').inspect('completion.model')?.globalValue, 'typed-model-7b');
    } finally {
      boxes.restore();
      roles.restore();
      fake.reset();
    }
  });
});

describe('Rill: Detect Local Model Server', function () {
  this.timeout(60_000);
  let fake: FakeLlmServer;

  let api: RillApi;

  before(async () => {
    fake = await FakeLlmServer.start();
    api = await rillApi();
  });
  afterEach(() => {
    api.localServers.candidates = LOCAL_SERVERS;
  });
  after(async () => {
    await clearUserSettings();
    await fake.close();
  });

  /** Rill: Detect Local Model Server looking at `candidates` (the test build's hook), the user picking the first server it offers. */
  async function detectAndPickFirst(candidates: readonly LocalServerCandidate[]) {
    api.localServers.candidates = candidates;
    return runRillCommand<LocalServer>('rill.detectLocalServer', { pick: (items) => items[0] });
  }

  it('finds Ollama and llama.cpp servers by their model lists, and nothing on a closed port', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const found = await probeLocalServers([
      { kind: 'ollama', url: fake.url },
      { kind: 'llamacpp', url: closed },
      { kind: 'llamacpp', url: fake.url },
    ]);
    assert.deepEqual(found.map((s) => [s.kind, s.url]), [['ollama', fake.url], ['llamacpp', fake.url]]);
    assert.deepEqual([...(found[0]?.models ?? [])].sort(), [...DEFAULT_MODELS].sort());
  });

  it('asks before it changes anything: dismissing the offer of a found Ollama leaves the settings alone', async () => {
    await clearUserSettings();
    api.localServers.candidates = [{ kind: 'ollama', url: fake.url }];
    const run = await runRillCommand<LocalServer>('rill.detectLocalServer');
    assert.equal(run.result, undefined);
    assert.deepEqual(run.picks.map((p) => p.items.map((i) => [i.label, i.description])), [[['Use Ollama', fake.url]]]);
    for (const role of ['completion', 'chat']) {
      assert.equal(vscode.workspace.getConfiguration('rill').inspect(`${role}.baseUrl`)?.globalValue, undefined, `${role}.baseUrl changed`);
    }
  });

  it('configures completion and chat for a found Ollama the user picks', async () => {
    const run = await detectAndPickFirst([{ kind: 'ollama', url: fake.url }]);
    assert.equal(run.result?.kind, 'ollama');
    assert.equal(run.picks.length, 1, 'the user was not asked');
    await waitFor('the endpoints to follow', () => (api.providers.endpoint('chat').baseUrl === `${fake.url}/v1` ? true : undefined));
    for (const role of ['completion', 'chat'] as const) {
      const e = api.providers.endpoint(role);
      assert.equal(e.provider, 'openai-compatible');
      assert.equal(e.baseUrl, `${fake.url}/v1`);
      assert.ok(DEFAULT_MODELS.includes(e.model), `${role} model ${e.model} is not one the server has`);
    }
  });

  it('uses /infill for completion on a llama.cpp server', async () => {
    await detectAndPickFirst([{ kind: 'llamacpp', url: fake.url }]);
    await waitFor('the completion endpoint to follow', () => (api.providers.endpoint('completion').provider === 'llamacpp' ? true : undefined));
    assert.equal(api.providers.endpoint('completion').baseUrl, fake.url);
    assert.equal(api.providers.endpoint('chat').baseUrl, `${fake.url}/v1`);
  });

  it('points completion and chat at a found LM Studio through its OpenAI-compatible API', async () => {
    const run = await detectAndPickFirst([{ kind: 'lmstudio', url: fake.url }]);
    assert.equal(run.result?.kind, 'lmstudio');
    assert.deepEqual(run.picks.map((p) => p.items.map((i) => i.label)), [['Use LM Studio']]);
    await waitFor('the endpoints to follow', () => (api.providers.endpoint('chat').baseUrl === `${fake.url}/v1` && api.providers.endpoint('completion').baseUrl === `${fake.url}/v1` ? true : undefined));
    for (const role of ['completion', 'chat'] as const) assert.equal(api.providers.endpoint(role).provider, 'openai-compatible');
  });

  it('finds nothing when nothing listens, and changes nothing', async () => {
    await clearUserSettings();
    const closed = `http://127.0.0.1:${await freePort()}`;
    const run = await detectAndPickFirst([{ kind: 'ollama', url: closed }]);
    assert.equal(run.result, undefined);
    assert.deepEqual(run.picks, [], 'offered a server that is not there');
    assert.equal(vscode.workspace.getConfiguration('rill').inspect('completion.baseUrl')?.globalValue, undefined);
  });
});
