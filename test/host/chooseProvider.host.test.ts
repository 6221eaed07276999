// Rill: Choose Provider…: the walkthrough's way to a hosted provider. It points completion and chat
// at OpenAI or Anthropic in the user's settings and asks for a key when none is stored.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { rillLogText } from './logFiles';
import { rillApi, storedKey, waitFor } from './rill';
import { answerRillInformation, pickWhere, runRillCommand, withRillDialogs } from './rillDialogs';

const KEYS = ['completion.provider', 'chat.provider', 'completion.baseUrl', 'chat.baseUrl', 'completion.fimMode', 'completion.model', 'chat.model'] as const;

describe('Rill: Choose Provider', () => {
  const saved = new Map<string, unknown>();
  const config = () => vscode.workspace.getConfiguration('rill');
  const userValue = (key: string) => config().inspect(key)?.globalValue;

  before(() => {
    for (const key of KEYS) saved.set(key, userValue(key));
  });

  after(async () => {
    for (const key of KEYS) await config().update(key, saved.get(key), vscode.ConfigurationTarget.Global);
    await (await rillApi()).keys.clear('anthropic');
    await (await rillApi()).keys.clear('openai');
  });

  it('points completion and chat at Anthropic, at its official URL, when a key is stored (no key box)', async () => {
    const api = await rillApi();
    await config().update('chat.baseUrl', 'http://127.0.0.1:9/v1', vscode.ConfigurationTarget.Global);
    await config().update('completion.fimMode', 'completions', vscode.ConfigurationTarget.Global);
    await api.keys.set('anthropic', 'sk-ant-choose-provider-test');
    const run = await runRillCommand<string>('rill.chooseProvider', { pick: pickWhere('choice', 'anthropic') });
    assert.equal(run.result, 'anthropic');
    assert.deepEqual(run.inputs, [], 'asked for a key although one is stored');
    for (const role of ['completion', 'chat'] as const) {
      assert.equal(userValue(`${role}.provider`), 'anthropic', `${role}.provider`);
      assert.equal(userValue(`${role}.baseUrl`), undefined, `${role}.baseUrl is back to the official URL`);
      await waitFor(`Rill's ${role} endpoint to follow the setting`, () => (api.providers.endpoint(role).provider === 'anthropic' ? true : undefined));
    }
    assert.equal(userValue('completion.fimMode'), undefined, 'the FIM mode is back to auto (a hole-filling prompt for Anthropic)');
    // The harness's environment names its fake server (RILL_BASE_URL...): that URL and model belong
    // to the environment's provider, so Anthropic's key never goes there.
    for (const role of ['completion', 'chat'] as const) {
      const endpoint = api.providers.endpoint(role);
      assert.equal(endpoint.baseUrl, '', `${role} is at Anthropic's own URL, not the environment's`);
      assert.notEqual(endpoint.model, role === 'completion' ? process.env.RILL_COMPLETION_MODEL : process.env.RILL_MODEL, `${role} does not keep the environment's model`);
    }
  });

  it('a new user on the default (Ollama) models who picks OpenAI gets models OpenAI serves', async () => {
    const api = await rillApi();
    for (const role of ['completion', 'chat'] as const) await config().update(`${role}.model`, undefined, vscode.ConfigurationTarget.Global);
    await config().update('chat.provider', undefined, vscode.ConfigurationTarget.Global);
    await config().update('completion.provider', undefined, vscode.ConfigurationTarget.Global);
    await api.keys.set('openai', 'sk-choose-provider-models-test');
    const run = await runRillCommand<string>('rill.chooseProvider', { pick: pickWhere('choice', 'openai') });
    assert.equal(run.result, 'openai');
    for (const role of ['completion', 'chat'] as const) {
      assert.match(String(userValue(`${role}.model`)), /^gpt-/, `${role}.model is an OpenAI model, not Ollama's default`);
      await waitFor(`Rill's ${role} endpoint to use it`, () => (/^gpt-/.test(api.providers.endpoint(role).model) ? true : undefined));
    }
    // Choosing OpenAI again keeps a model the user picked on it.
    await config().update('chat.model', 'gpt-4o', vscode.ConfigurationTarget.Global);
    await runRillCommand<string>('rill.chooseProvider', { pick: pickWhere('choice', 'openai') });
    assert.equal(userValue('chat.model'), 'gpt-4o');
  });

  it('an OpenAI-compatible server: its URL as typed (a pasted space dropped) for completion and chat; a URL without http:// is refused in the box', async () => {
    const api = await rillApi();
    await config().update('completion.fimMode', 'completions', vscode.ConfigurationTarget.Global);
    for (const role of ['completion', 'chat'] as const) await config().update(`${role}.model`, undefined, vscode.ConfigurationTarget.Global);
    const url = 'http://127.0.0.1:9/v1/';
    const run = await runRillCommand<string>('rill.chooseProvider', { pick: pickWhere('choice', 'server'), inputs: [` ${url} `] });
    assert.equal(run.result, 'server');
    const validate = run.inputs[0]?.validateInput;
    assert.ok(validate);
    assert.match(String(await validate('127.0.0.1:8000/v1')), /http:\/\/ or https:\/\//);
    assert.equal(await validate('http://127.0.0.1:8000'), undefined, 'without /v1 is fine: Rill adds it');
    for (const role of ['completion', 'chat'] as const) {
      assert.equal(userValue(`${role}.provider`), 'openai-compatible', `${role}.provider`);
      assert.equal(userValue(`${role}.baseUrl`), url, `${role}.baseUrl`);
      await waitFor(`Rill's ${role} endpoint to use it`, () => (api.providers.endpoint(role).baseUrl === url ? true : undefined));
    }
    assert.equal(userValue('completion.fimMode'), undefined, 'the FIM mode is back to auto: Rill asks the server');
    // The environment (the harness, npm run demo) names a model of its own server: not sent to this one.
    for (const [role, variable] of [['completion', 'RILL_COMPLETION_MODEL'], ['chat', 'RILL_CHAT_MODEL']] as const) {
      const envModel = process.env[variable] || process.env.RILL_MODEL;
      if (envModel) assert.notEqual(api.providers.endpoint(role).model, envModel, `${role} keeps the environment's model ${envModel}`);
    }
    // Closing the URL box changes nothing.
    const closed = await runRillCommand<string>('rill.chooseProvider', { pick: pickWhere('choice', 'server'), inputs: [undefined] });
    assert.equal(closed.result, undefined);
    assert.equal(userValue('chat.baseUrl'), url);
  });

  it('a new OpenAI-compatible URL: the message says whether the key stored for such servers goes to it', async () => {
    const api = await rillApi();
    const said = async (url: string): Promise<string> => {
      const info = answerRillInformation(() => undefined);
      return withRillDialogs([info], async () => {
        assert.equal((await runRillCommand<string>('rill.chooseProvider', { pick: pickWhere('choice', 'server'), inputs: [url] })).result, 'server');
        return info.shown.map((d) => d.message).join('\n');
      });
    };
    const kept = await storedKey('openai-compatible');
    await api.keys.clear('openai-compatible');
    assert.match(await said('http://127.0.0.1:9/v1'), /If it needs a key, set it for "OpenAI-compatible server"\./);
    await api.keys.set('openai-compatible', 'sk-compatible-choose-provider-test');
    try {
      const message = await said('http://127.0.0.1:10/v1');
      assert.match(message, /The key stored for "OpenAI-compatible server" is sent to it too/);
      assert.ok(!message.includes('sk-compatible-choose-provider-test'), 'the key itself is in the message');
    } finally {
      if (kept === undefined) await api.keys.clear('openai-compatible');
      else await api.keys.set('openai-compatible', kept);
    }
  });

  it('a password typed into the server URL is not repeated in the log', async () => {
    const url = 'http://user:hunter22pw@127.0.0.1:9/v1';
    const run = await runRillCommand<string>('rill.chooseProvider', { pick: pickWhere('choice', 'server'), inputs: [url] });
    assert.equal(run.result, 'server');
    assert.equal(userValue('chat.baseUrl'), url, 'the setting keeps what the user typed');
    await waitFor('the log line', () => (rillLogText().includes('OpenAI-compatible server at http://••••@127.0.0.1:9/v1') ? true : undefined));
    assert.ok(!rillLogText().includes('hunter22pw'), 'the password is in the log');
  });

  it('goes back to the server the environment names: the user settings that chose another are cleared', async () => {
    const api = await rillApi();
    await config().update('completion.provider', 'openai', vscode.ConfigurationTarget.Global);
    await config().update('chat.provider', 'anthropic', vscode.ConfigurationTarget.Global);
    await config().update('chat.model', 'some-user-model', vscode.ConfigurationTarget.Global);
    const run = await runRillCommand<string>('rill.chooseProvider', { pick: pickWhere('choice', 'environment') });
    assert.equal(run.result, 'environment');
    assert.match(run.picks[0]?.items.at(-1)?.detail ?? '', new RegExp(`^${(process.env.RILL_COMPLETION_BASE_URL ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    for (const role of ['completion', 'chat'] as const) {
      assert.equal(userValue(`${role}.provider`), undefined);
      await waitFor(`Rill's ${role} endpoint to follow the environment`, () => (api.providers.endpoint(role).provider === process.env.RILL_PROVIDER ? true : undefined));
    }
    assert.equal(api.providers.endpoint('completion').baseUrl, process.env.RILL_COMPLETION_BASE_URL);
    assert.equal(api.providers.endpoint('chat').model, process.env.RILL_MODEL);
  });

  it('asks for the key when none is stored; closing the box leaves the provider chosen and no key', async () => {
    await (await rillApi()).keys.clear('anthropic');
    assert.equal(await storedKey('anthropic'), undefined, 'an Anthropic key is still stored');
    const run = await runRillCommand<string>('rill.chooseProvider', { pick: pickWhere('choice', 'anthropic'), inputs: [undefined] });
    assert.equal(run.result, 'anthropic');
    assert.equal(run.inputs.length, 1, 'no key box');
    assert.equal(run.inputs[0]?.password, true);
    assert.equal(userValue('chat.provider'), 'anthropic');
    assert.equal(await storedKey('anthropic'), undefined);
  });

  it('offers OpenAI, Anthropic, a local server, an OpenAI-compatible server and the server the environment names; closing the list changes nothing', async () => {
    await config().update('chat.provider', 'openai-compatible', vscode.ConfigurationTarget.Global);
    const run = await runRillCommand<string>('rill.chooseProvider');
    assert.equal(run.result, undefined);
    assert.deepEqual(run.picks[0]?.items.map((i) => i.label), ['OpenAI', 'Anthropic', 'A model server on this machine', 'An OpenAI-compatible server…', 'The server Rill was started with']);
    assert.equal(userValue('chat.provider'), 'openai-compatible');
  });

  it('the closing of the real list (Esc) changes nothing either', async () => {
    await config().update('chat.provider', 'openai-compatible', vscode.ConfigurationTarget.Global);
    let settled = false;
    const choosing = Promise.resolve(vscode.commands.executeCommand<string>('rill.chooseProvider')).finally(() => (settled = true));
    await waitFor('the list to be closed', async () => {
      if (settled) return true;
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return undefined;
    });
    assert.equal(await choosing, undefined);
    assert.equal(userValue('chat.provider'), 'openai-compatible');
  });
});
