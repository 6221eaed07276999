// The chat across Developer: Reload Window, in the real extension host with Rill's real
// storage (the history's file in the workspace's storage folder). A reload cannot be driven from inside the host it would end, so the window after
// it is stood for by a second ChatService built on the same ExtensionContext storage, built while
// the first one still streams (nothing of the old window runs at its end). It must show the
// conversation that was open, with what the old window had received. A chat disposed mid-answer
// (the window closing, the extension disabled) closes its socket at once.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChatService } from '../../src/vscode/chatService';
import { FakeLlmServer } from '../fake-llm/server';
import { type RillApi, rillApi, waitFor } from './rill';

describe('Rill chat across a window reload (host)', function () {
  this.timeout(60_000);
  let api: RillApi;
  let fake: FakeLlmServer;
  let reloaded: ChatService | undefined;
  const config = () => vscode.workspace.getConfiguration('rill');
  const target = vscode.ConfigurationTarget.Global;

  before(async () => {
    api = await rillApi();
    fake = await FakeLlmServer.start();
    await config().update('chat.provider', 'openai-compatible', target);
    await config().update('chat.baseUrl', `${fake.url}/v1`, target);
    await config().update('chat.model', 'fake-chat-model', target);
    await waitFor('the chat endpoint to follow the settings', () => (api.providers.endpoint('chat').baseUrl === `${fake.url}/v1` ? true : undefined));
  });
  after(async () => {
    api?.chat.stop();
    for (const key of ['chat.provider', 'chat.baseUrl', 'chat.model']) await config().update(key, undefined, target);
    await fake?.close();
  });
  beforeEach(() => {
    fake.reset();
    api.chat.newChat();
  });
  afterEach(() => {
    api.chat.stop();
    reloaded?.dispose();
    reloaded = undefined;
  });

  it('reloaded mid-answer, the question and the text received so far are kept, cut off, with Continue', async () => {
    const chat = api.chat;
    fake.enqueue({ text: Array.from({ length: 200 }, (_, i) => `word${i} `).join(''), tokensPerSec: 4 });
    const answered = chat.ask('reload mid stream');
    const id = chat.session.conversation.id;
    // Past the first throttled save, with text arriving all along: the stored copy has some words
    // (waited for, not timed: the save's timer runs late on a loaded machine).
    const stored = () => api.storedChatHistory().get(id)?.turns.at(-1)?.answer ?? '';
    await waitFor('a save with a few words', () => (/^word0 word1 word2 /.test(stored()) ? true : undefined));
    assert.equal(chat.session.conversation.turns.at(-1)?.status, 'streaming', 'the answer ended before the reload');

    reloaded = api.chatAfterReload();
    assert.equal(reloaded.session.open(id), true, 'the conversation is in history');
    const turn = reloaded.session.conversation.turns.at(-1);
    assert.equal(turn?.question, 'reload mid stream');
    assert.match(turn?.answer ?? '', /^word0 word1 word2 /);
    assert.equal(turn?.status, 'error');
    assert.equal(turn?.error?.kind, 'interrupted');
    chat.stop();
    await answered;
  });

  it('reloaded after a conversation of 10 questions, the chat opens it again, not empty', async () => {
    const chat = api.chat;
    for (let i = 1; i <= 10; i++) {
      fake.enqueue({ text: `Answer ${i}.`, tokensPerSec: 1000 });
      await chat.ask(`Question ${i}`);
    }
    const id = chat.session.conversation.id;

    reloaded = api.chatAfterReload();
    assert.equal(reloaded.session.conversation.id, id, 'the conversation open before the reload');
    assert.deepEqual(
      reloaded.session.conversation.turns.map((t) => [t.question, t.answer, t.status]),
      Array.from({ length: 10 }, (_, i) => [`Question ${i + 1}`, `Answer ${i + 1}.`, 'done']),
    );
  });

  it('closed mid-answer (window closing, extension disabled), the chat closes its socket at once and the next window shows the text as cut', async () => {
    // The window's chat of the moment: a chat service of its own, disposed as the window's would be.
    const closing = api.chatAfterReload();
    fake.enqueue({ text: Array.from({ length: 400 }, (_, i) => `word${i} `).join(''), tokensPerSec: 20 });
    const answered = closing.session.send('closed mid stream');
    const id = closing.session.conversation.id;
    await waitFor('a few words', () => ((closing.session.conversation.turns.at(-1)?.answer.length ?? 0) > 20 ? true : undefined));
    closing.dispose();
    await answered;
    const request = fake.requests.find((r) => r.path === '/v1/chat/completions');
    assert.ok(request, 'the question reached the server');
    await fake.waitForClose(request);
    assert.ok(request.closedByClientAt !== undefined, 'the socket was left open after the chat was disposed');
    assert.ok(request.tokensSent < 400, 'the server went on generating');

    reloaded = api.chatAfterReload();
    assert.equal(reloaded.session.open(id), true, 'the conversation is in history');
    const turn = reloaded.session.conversation.turns.at(-1);
    assert.match(turn?.answer ?? '', /^word0 word1 /);
    assert.equal(turn?.status, 'error');
    assert.equal(turn?.error?.kind, 'interrupted');
  });

  it('reloaded after New Chat, the chat opens empty', async () => {
    fake.enqueue({ text: 'Done.', tokensPerSec: 1000 });
    await api.chat.ask('Something finished');
    await vscode.commands.executeCommand('rill.chat.newChat');
    reloaded = api.chatAfterReload();
    assert.equal(reloaded.session.conversation.turns.length, 0);
  });
});
