// Rill's chat models through VS Code's language model API (VS Code 1.104+), used the way another
// extension would: `vscode.lm.selectChatModels({ vendor: 'rill' })`, `sendRequest`, cancelling,
// errors, tool calls (the user has allowed this suite to use them). On VS Code 1.100 the API is
// absent: Rill starts anyway and says so in its log.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeLlmServer, type FakeReply, type RecordedRequest } from '../fake-llm/server';
import { rillLogText } from './logFiles';
import { rillApi, rillExtension, waitFor } from './rill';
import { allowThisSuiteToUseRillModels } from './rillDialogs';

const KEY = 'sk-rill-native-host-test-0123456789abcdefghij';
const hasProviderApi = typeof (vscode.lm as { registerLanguageModelChatProvider?: unknown }).registerLanguageModelChatProvider === 'function';

/** The listing a vLLM server gives: ids with their context window. */
const VLLM_LISTING: FakeReply = {
  status: 200,
  body: {
    object: 'list',
    data: [
      { id: 'fake-chat-model', object: 'model', owned_by: 'vllm', max_model_len: 16_384 },
      { id: 'another-model', object: 'model', owned_by: 'vllm' },
    ],
  },
};

async function textOf(response: vscode.LanguageModelChatResponse): Promise<string> {
  let text = '';
  for await (const fragment of response.text) text += fragment;
  return text;
}

async function rillModel(id = 'fake-chat-model'): Promise<vscode.LanguageModelChat> {
  return waitFor(`the Rill model ${id}`, async () => (await vscode.lm.selectChatModels({ vendor: 'rill', id }))[0]);
}

describe('Rill models in VS Code\'s language model API (host)', function () {
  this.timeout(60_000);
  let fake: FakeLlmServer;
  let suiteId: string | undefined;
  const config = () => vscode.workspace.getConfiguration('rill');
  const target = vscode.ConfigurationTarget.Global;
  // The harness runs VS Code with `chat.disableAIFeatures` on: the language model API still serves
  // other extensions then (only the chat UI is hidden), so this suite leaves the setting alone.

  before(async function () {
    const api = await rillApi();
    if (!hasProviderApi) return;
    fake = await FakeLlmServer.start();
    fake.route((r) => (r.path === '/v1/models' ? VLLM_LISTING : undefined));
    await api.keys.set('openai-compatible', KEY);
    await config().update('chat.provider', 'openai-compatible', target);
    await config().update('chat.baseUrl', `${fake.url}/v1`, target);
    await config().update('chat.model', 'fake-chat-model', target);
    await waitFor('the chat endpoint to follow the settings', () => (api.providers.endpoint('chat').baseUrl === `${fake.url}/v1` ? true : undefined));
    // This suite is another extension to Rill: the user allows it once (modelAccess.host.test.ts tests the question itself).
    suiteId = await allowThisSuiteToUseRillModels(await rillModel());
  });
  after(async () => {
    if (!hasProviderApi) return;
    const api = await rillApi();
    if (suiteId) await api.nativeChat.modelAccess.forget(suiteId);
    for (const key of ['chat.provider', 'chat.baseUrl', 'chat.model']) await config().update(key, undefined, target);
    await api.keys.clear('openai-compatible');
    await fake?.close();
  });
  beforeEach(function () {
    if (!hasProviderApi) return;
    fake.reset();
    fake.route((r) => (r.path === '/v1/models' ? VLLM_LISTING : undefined));
  });

  it('on a VS Code without the API (1.100), Rill starts and its log says the native chat API is absent', async function () {
    if (hasProviderApi) this.skip();
    const api = await rillApi();
    assert.ok(api.providers, 'Rill activated');
    // The contribution this VS Code does not know is in the manifest, and harmless.
    assert.deepEqual(rillExtension().packageJSON.contributes.languageModelChatProviders, [{ vendor: 'rill', displayName: 'Rill' }]);
    const line = await waitFor('the log line', () => (/has no Language Model Chat Provider API \(VS Code 1\.104\+\)/.test(rillLogText()) ? true : undefined));
    assert.equal(line, true);
  });

  describe('where VS Code has the API (1.104+)', function () {
    before(function () {
      if (!hasProviderApi) this.skip();
    });

    it('selectChatModels lists the configured model first, then the others the server lists, with what the server says', async () => {
      const configured = await rillModel();
      const all = await vscode.lm.selectChatModels({ vendor: 'rill' });
      assert.deepEqual(all.map((m) => m.id), ['fake-chat-model', 'another-model']);
      assert.equal(configured.vendor, 'rill');
      assert.equal(configured.name, 'fake-chat-model');
      assert.equal(configured.family, 'fake-chat-model');
      // 16,384 from max_model_len, of which the answer may take rill.chat.maxTokens (4096).
      assert.equal(configured.maxInputTokens, 16_384 - 4096);
      assert.equal(all[1]?.maxInputTokens, 32_768 - 4096, 'a model the server says nothing about gets the assumed window');
    });

    it('a changed chat model is what VS Code lists first', async () => {
      await config().update('chat.model', 'another-model', target);
      try {
        const first = await waitFor('the new chat model first', async () => {
          const models = await vscode.lm.selectChatModels({ vendor: 'rill' });
          return models[0]?.id === 'another-model' ? models : undefined;
        });
        assert.deepEqual(first.map((m) => m.id), ['another-model', 'fake-chat-model']);
      } finally {
        await config().update('chat.model', 'fake-chat-model', target);
        await waitFor('the chat model back', async () => ((await vscode.lm.selectChatModels({ vendor: 'rill' }))[0]?.id === 'fake-chat-model' ? true : undefined));
      }
    });

    it('sendRequest streams the fake server\'s answer, and the question reaches the server', async () => {
      fake.enqueue({ text: 'Streamed from Rill through vscode.lm.', tokensPerSec: 200 });
      const model = await rillModel();
      const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('What is a debounce?')], {}, new vscode.CancellationTokenSource().token);
      assert.equal(await textOf(response), 'Streamed from Rill through vscode.lm.');
      const request = fake.requests.find((r) => r.path === '/v1/chat/completions');
      const messages = (request?.body as { messages: { role: string; content: string }[] }).messages;
      assert.deepEqual(messages.at(-1), { role: 'user', content: 'What is a debounce?' });
      assert.equal(request?.headers.authorization, '<redacted>', 'the key went to the server as a header');
    });

    it('cancelling the request closes the socket at once (server record)', async () => {
      fake.enqueue({ text: Array.from({ length: 300 }, (_, i) => `word${i} `).join(''), tokensPerSec: 30 });
      const model = await rillModel();
      const cancel = new vscode.CancellationTokenSource();
      const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Tell a long story')], {}, cancel.token);
      let received = '';
      for await (const fragment of response.text) {
        received += fragment;
        if (received.length > 10) cancel.cancel();
      }
      const request = fake.requests.find((r) => r.path === '/v1/chat/completions') as RecordedRequest;
      // The answer had ~10 s left: only the cancel can have closed the connection before that.
      await fake.waitForClose(request, 5000);
      assert.ok(request.closedByClientAt !== undefined, 'the client closed the connection');
      assert.equal(request.finishedAt, undefined, 'the server never finished the answer');
      assert.ok(request.tokensSent < 300, `the server stopped after ${request.tokensSent} of 300 tokens`);
    });

    it('a 429 surfaces as LanguageModelError Blocked with Rill\'s message', async () => {
      fake.enqueue({ status: 429, headers: { 'retry-after': '120' } });
      const model = await rillModel();
      const error = await failureOf(model);
      assert.ok(error instanceof vscode.LanguageModelError, `a LanguageModelError, got ${String(error)}`);
      assert.equal(error.code, 'Blocked');
      assert.match(error.message, /rate limit.*Retry in 2 min/i);
    });

    it('a 401 surfaces as LanguageModelError NoPermissions with Rill\'s message, and the key it echoed is masked', async () => {
      fake.enqueue({ status: 401, body: { message: `Incorrect API key provided: ${KEY}.` } });
      const model = await rillModel();
      const error = await failureOf(model);
      assert.ok(error instanceof vscode.LanguageModelError, `a LanguageModelError, got ${String(error)}`);
      assert.equal(error.code, 'NoPermissions');
      assert.match(error.message, /rejected the API key.*Rill: Set API Key/);
      assert.ok(!`${error.message} ${error.stack ?? ''}`.includes(KEY), 'the key is not in the error');
    });

    it('the key appears in nothing the API returns: models, answers, tool calls, errors', async () => {
      const seen: string[] = [];
      const models = await vscode.lm.selectChatModels({ vendor: 'rill' });
      seen.push(JSON.stringify(models), ...models.map((m) => `${m.name} ${m.family} ${m.version} ${m.id}`));
      fake.enqueue({ text: 'fine', toolCalls: [{ name: 'lookup', input: '{"q": "x"}' }] });
      const response = await (await rillModel()).sendRequest([vscode.LanguageModelChatMessage.User('hi')], { tools: [{ name: 'lookup', description: 'Looks up.' }] }, new vscode.CancellationTokenSource().token);
      for await (const part of response.stream) seen.push(JSON.stringify(part));
      fake.enqueue({ status: 400, body: { message: `bad request from key ${KEY}` } });
      const error = await failureOf(await rillModel());
      seen.push(String(error), (error as Error).stack ?? '');
      const all = seen.join('\n');
      assert.ok(all.includes('fine') && all.includes('lookup'), 'the parts were collected');
      assert.ok(!all.includes(KEY), 'the key never appears');
      assert.ok(!all.includes(KEY.slice(0, 20)), 'not even its start');
    });

    it('tools go to the server, the model\'s call comes back as a tool-call part, and its result goes back', async () => {
      fake.enqueue({ text: 'Let me read it.', toolCalls: [{ name: 'read_file', input: '{"path": "src/app.ts", "lines": [1, 20]}' }] });
      const model = await rillModel();
      const tools: vscode.LanguageModelChatTool[] = [
        { name: 'read_file', description: 'Reads a file.', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } },
        { name: 'list_dir', description: 'Lists a folder.' },
      ];
      const question = vscode.LanguageModelChatMessage.User('What is in app.ts?');
      const response = await model.sendRequest([question], { tools }, new vscode.CancellationTokenSource().token);
      const parts: unknown[] = [];
      for await (const part of response.stream) parts.push(part);
      const call = parts.find((p): p is vscode.LanguageModelToolCallPart => p instanceof vscode.LanguageModelToolCallPart);
      assert.ok(call, `a tool-call part among ${JSON.stringify(parts)}`);
      assert.equal(call.name, 'read_file');
      assert.deepEqual(call.input, { path: 'src/app.ts', lines: [1, 20] });
      const first = fake.requests.find((r) => r.path === '/v1/chat/completions');
      assert.deepEqual(((first?.body as { tools: { function: { name: string } }[] }).tools).map((t) => t.function.name), ['read_file', 'list_dir']);

      fake.enqueue({ text: 'It exports the app.' });
      const followUp = await model.sendRequest(
        [
          question,
          vscode.LanguageModelChatMessage.Assistant([new vscode.LanguageModelTextPart('Let me read it.'), call]),
          vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart(call.callId, [new vscode.LanguageModelTextPart('export const app = 1;')])]),
        ],
        { tools },
        new vscode.CancellationTokenSource().token,
      );
      assert.equal(await textOf(followUp), 'It exports the app.');
      const second = fake.requests.filter((r) => r.path === '/v1/chat/completions')[1];
      const messages = (second?.body as { messages: Record<string, unknown>[] }).messages;
      assert.deepEqual(messages.slice(-2), [
        { role: 'assistant', content: 'Let me read it.', tool_calls: [{ id: call.callId, type: 'function', function: { name: 'read_file', arguments: '{"path":"src/app.ts","lines":[1,20]}' } }] },
        { role: 'tool', tool_call_id: call.callId, content: 'export const app = 1;' },
      ]);
    });
  });
});

async function failureOf(model: vscode.LanguageModelChat): Promise<unknown> {
  try {
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('hello')], {}, new vscode.CancellationTokenSource().token);
    await textOf(response);
  } catch (error) {
    return error;
  }
  assert.fail('the request should have failed');
}
