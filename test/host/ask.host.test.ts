// Ask…, Explain Selection and Ask About This File in the real extension host: the chat panel opens
// and the answer streams there, with the editor's context attached. A fake model server runs in
// this process so the test can read what was sent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeLlmServer } from '../fake-llm/server';
import { EXPLAIN_SELECTION_PROMPT, FILE_OVERVIEW_PROMPT } from '../../src/vscode/askCommands';
import { rillApi, rillExtension, waitFor } from './rill';
import { runRillCommand } from './rillDialogs';

const ANSWER = 'It adds two numbers.';
const SOURCE = 'export function add(a: number, b: number) {\n  return a + b;\n}\n\nexport const zero = 0;\n';

async function chatOnFakeServer(): Promise<{ fake: FakeLlmServer; restore: () => Promise<void> }> {
  const api = await rillApi();
  const fake = await FakeLlmServer.start();
  const config = vscode.workspace.getConfiguration('rill');
  const target = vscode.ConfigurationTarget.Global;
  await config.update('chat.provider', 'openai-compatible', target);
  await config.update('chat.baseUrl', `${fake.url}/v1`, target);
  await waitFor('the chat endpoint to follow the settings', () => (api.providers.endpoint('chat').baseUrl === `${fake.url}/v1` ? true : undefined));
  return {
    fake,
    restore: async () => {
      for (const key of ['chat.provider', 'chat.baseUrl']) await config.update(key, undefined, target);
      await fake.close();
    },
  };
}

/** The last turn of the chat's conversation. */
async function lastTurn() {
  const turns = (await rillApi()).chat.session.conversation.turns;
  return turns[turns.length - 1];
}

/** The text of every message of the chat request the fake server received last. */
function lastPrompt(fake: FakeLlmServer): string {
  const chat = fake.requests.filter((r) => r.path === '/v1/chat/completions');
  const body = chat[chat.length - 1]?.body as { messages?: { content: string }[] } | undefined;
  return (body?.messages ?? []).map((m) => m.content).join('\n');
}

describe('Rill: Ask, Explain Selection, Ask About This File', function () {
  this.timeout(60_000);
  let fake: FakeLlmServer;
  let restore: () => Promise<void>;
  let editor: vscode.TextEditor;

  before(async () => {
    ({ fake, restore } = await chatOnFakeServer());
  });
  after(async () => restore());
  beforeEach(async () => {
    fake.reset();
    fake.setDefault({ text: ANSWER });
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: SOURCE });
    editor = await vscode.window.showTextDocument(document);
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Ask… with a selection: the chat panel opens and the answer streams there, the selection attached', async () => {
    editor.selection = new vscode.Selection(0, 0, 2, 1);
    const asked = await runRillCommand<boolean>('rill.ask', { inputs: ['What does this do?'] });
    assert.equal(asked.result, true);
    assert.match(asked.inputs[0]?.title ?? '', / — with .+:1-3$/, 'the box does not say what is attached');
    const turn = await lastTurn();
    assert.equal(turn?.question, 'What does this do?');
    assert.equal(turn?.answer, ANSWER);
    assert.equal(turn?.status, 'done');
    assert.match(turn?.context[0]?.label ?? '', /:1-3$/);
    const prompt = lastPrompt(fake);
    assert.ok(prompt.includes('return a + b;'), prompt);
    assert.ok(!prompt.includes('export const zero'), 'only the selection should be sent');
    const api = await rillApi();
    await waitFor('the chat panel to be showing', () => (api.chat.view.isVisible ? true : undefined));
  });

  it('Ask… without a selection attaches the current file', async () => {
    await runRillCommand('rill.ask', { inputs: ['Summarize'] });
    const turn = await lastTurn();
    assert.equal(turn?.context.length, 1);
    assert.ok(lastPrompt(fake).includes('export const zero = 0;'));
  });

  // With a selection: another extension can select the whole file and run Explain Selection too.
  for (const command of ['rill.ask', 'rill.askAboutFile', 'rill.explainSelection']) {
    it(`${command} opens an input box; closing it sends nothing and leaves nothing running`, async () => {
      editor.selection = new vscode.Selection(0, 0, 4, 0);
      const api = await rillApi();
      const turns = api.chat.session.conversation.turns.length;
      const before = fake.requests.length;
      let settled = false;
      const asking = Promise.resolve(vscode.commands.executeCommand<boolean>(command)).finally(() => (settled = true));
      // The box opens once the file is read: close it, as Esc would, until the command returns.
      // Without a question the command only returns through its input box.
      await waitFor('the command to return once its input box is closed', async () => {
        if (settled) return true;
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        return undefined;
      });
      assert.equal(await asking, false);
      assert.equal(fake.requests.length, before, 'a request was sent');
      assert.equal(api.chat.session.conversation.turns.length, turns, 'a question was added to the chat');
      assert.equal(api.chat.session.isStreaming, false);
      // Nothing is left waiting on the closed box: the next question goes through at once.
      assert.equal((await runRillCommand('rill.ask', { inputs: ['Still there?'] })).result, true);
      assert.equal((await lastTurn())?.answer, ANSWER);
    });
  }

  it('Explain Selection: Enter in its box asks its own question about the selection; a typed one goes instead', async () => {
    editor.selection = new vscode.Selection(1, 0, 1, 15);
    const explained = await runRillCommand<boolean>('rill.explainSelection', { inputs: [''] });
    assert.equal(explained.result, true);
    assert.match(explained.inputs[0]?.title ?? '', /^Rill: Explain Selection — with .+:2$/, 'the box does not say what is attached');
    const turn = await lastTurn();
    assert.equal(turn?.question, EXPLAIN_SELECTION_PROMPT);
    assert.equal(turn?.context[0]?.text, 'return a + b;'.padStart(15));
    assert.equal(turn?.answer, ANSWER);
    await runRillCommand('rill.explainSelection', { inputs: ['Why not a - b?'] });
    assert.equal((await lastTurn())?.question, 'Why not a - b?');
  });

  it('Explain Selection without a selection asks nothing', async () => {
    const before = fake.requests.length;
    assert.equal(await vscode.commands.executeCommand('rill.explainSelection'), false);
    assert.equal(fake.requests.length, before);
  });

  it('Ask About This File attaches the whole file even with a selection; an empty question asks for an overview', async () => {
    editor.selection = new vscode.Selection(0, 0, 0, 6);
    await runRillCommand('rill.askAboutFile', { inputs: [''] });
    const turn = await lastTurn();
    assert.equal(turn?.question, FILE_OVERVIEW_PROMPT);
    assert.equal(turn?.context[0]?.text, SOURCE);
    await runRillCommand('rill.askAboutFile', { inputs: ['Is zero exported?'] });
    assert.equal((await lastTurn())?.question, 'Is zero exported?');
  });
});

describe('Rill: editor context menu', () => {
  it('offers Attach Selection, Ask, Explain Selection with a selection, Ask About This File and Generate in a text editor', () => {
    const menu = rillExtension().packageJSON.contributes.menus['editor/context'] as { command: string; when: string; group: string }[];
    assert.deepEqual(
      menu.map((m) => [m.command, m.when]),
      [
        ['rill.chat.attachSelection', 'editorHasSelection'],
        ['rill.ask', 'editorHasSelection'],
        ['rill.explainSelection', 'editorHasSelection'],
        ['rill.askAboutFile', 'editorTextFocus'],
        ['rill.generateAtCursor', 'editorTextFocus && !editorReadonly'],
      ],
    );
    // One group, in this order.
    assert.deepEqual(menu.map((m) => m.group), ['rill@1', 'rill@2', 'rill@3', 'rill@4', 'rill@5']);
  });

  it('every entry runs a registered command', async () => {
    await rillApi();
    const commands = await vscode.commands.getCommands(true);
    const menu = rillExtension().packageJSON.contributes.menus['editor/context'] as { command: string }[];
    for (const { command } of menu) assert.ok(commands.includes(command), `${command} is not registered`);
  });
});
