// Rill in VS Code's own chat view (VS Code 1.104+; 1.139.1 here), as a person uses it: `@rill`
// answers stream as markdown and Stop closes the socket; Rill's model is in the chat's model picker;
// after "Manage Language Models" (which turns the built-in chat extension on), a plain question with
// Rill's model streams the fake server's answer, and a tool call the model makes is run by the chat
// and its result goes back to the model. This suite runs its own VS Code with AI features on (the
// other suites keep them off); that VS Code's lock files and sockets live in its data dir and go
// with it. VS Code 1.100 has no built-in chat: there the host suite shows Rill starts without it.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { selectedFlavors } from '../../tools/flavors';
import { pollFor } from '../../tools/poll';
import { type RecordedRequest, splitTokens } from '../fake-llm/server';
import { E2eEnvironment } from './environment';
import { NativeChatView } from './nativeChatView';
import { rillLogText } from './rillLogFile';
import type { Workbench } from './workbench';

const CHAT_PATH = '/v1/chat/completions';
const ANSWER = 'A **debounce** waits until the input is quiet, then runs `search()` once.';
/** Plain prose, so the rendered text is the answer's text exactly. */
const STORY =
  'Rivers carve canyons slowly, grain by grain, over a million years. The water carries sand that scours the rock, ' +
  'and every flood cuts a little deeper than the last. Wind and frost widen it, and side streams add their own small valleys.';
const STORY_TOKENS = splitTokens(STORY);
const STORY_60 = Math.round(STORY_TOKENS.length * 0.6);
const STORY_PARTIAL = STORY_TOKENS.slice(0, STORY_60).join('');
const NOTES = 'def quiet_period():\n    return 250  # milliseconds a debounce waits\n';

type Message = { role: string; content?: string | null; tool_calls?: { id: string; function: { name: string; arguments: string } }[]; tool_call_id?: string };
const messagesOf = (r: RecordedRequest | undefined): Message[] => ((r?.body as { messages?: Message[] } | undefined)?.messages ?? []);

/** Waits for the built-in chat extension's log to say it serves chat with "bring your own key" models. */
async function copilotReady(dataDir: string): Promise<void> {
  const logText = (): string =>
    readdirSync(dataDir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name === 'GitHub Copilot Chat.log')
      .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
      .join('\n');
  await pollFor(() => (/ConversationFeature: Activating contributions/.test(logText()) ? true : undefined), {
    timeoutMs: 60_000,
    what: 'the built-in chat extension to take BYOK models',
  });
}

describe('Rill in VS Code\'s own chat view (e2e, 1.104+)', function () {
  this.timeout(180_000);
  let env: E2eEnvironment | undefined;
  let workbench: Workbench;
  let chat: NativeChatView;
  const copilotHomeExisted = existsSync(join(homedir(), '.copilot'));

  before(async function () {
    this.timeout(300_000);
    const [flavor] = selectedFlavors();
    if (flavor !== 'newest') this.skip(); // 1.100 has no built-in chat; the host suite covers it there
    env = await E2eEnvironment.start('newest', 'e2e-native', { 'chat.disableAIFeatures': false });
    writeFileSync(join(env.vscode.workspace, 'notes.py'), NOTES);
    workbench = await env.openWorkbench();
    chat = new NativeChatView(workbench);
    await chat.open('fake-chat-model');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await env?.screenshotAll(`FAILED-${this.currentTest.title}`);
  });
  after(async function () {
    this.timeout(120_000);
    await env?.screenshotAll('native chat at the end');
    await env?.stop();
    // The built-in chat's lock files went to the run's own COPILOT_HOME, removed with its data dir.
    if (env && !copilotHomeExisted) assert.equal(existsSync(join(homedir(), '.copilot')), false, 'nothing was left in ~/.copilot');
  });

  it('@rill with a question streams the fake server\'s answer as markdown', async () => {
    const llm = (env as E2eEnvironment).llm;
    llm.reset();
    llm.enqueue({ text: ANSWER, ttftMs: 200, tokensPerSec: 12 });
    await chat.ask('@rill What is a debounce?');
    const seen = await chat.waitForAnswer((text) => text.includes('then runs search() once.'));
    // Streamed: the answer was seen growing, in several steps, before it was whole.
    const partial = seen.filter((text) => text.length > 0 && !text.includes('once.'));
    assert.ok(partial.length >= 3, `the answer grew in steps: ${JSON.stringify(seen)}`);
    // Markdown: bold and inline code rendered as such.
    const answer = chat.lastResponse();
    assert.equal(await answer.locator('.rendered-markdown strong').first().innerText(), 'debounce');
    assert.equal(await answer.locator('.rendered-markdown code').first().innerText(), 'search()');
    const request = llm.requests.find((r) => r.path === CHAT_PATH);
    assert.deepEqual(messagesOf(request).at(-1), { role: 'user', content: 'What is a debounce?' });
    assert.match(String(messagesOf(request)[0]?.content), /^You are Rill/, "Rill's own system prompt, as in the chat panel");
    const shot = await workbench.screenshot('rill answering in VS Code chat');
    console.log(`      screenshot: ${shot}`);
  });

  it('Stop closes the socket at once and keeps the partial answer', async () => {
    const llm = (env as E2eEnvironment).llm;
    llm.reset();
    llm.enqueue({ text: Array.from({ length: 400 }, (_, i) => `word${i} `).join(''), tokensPerSec: 15 });
    await chat.ask('@rill Tell me a long story');
    await chat.waitForAnswer((text) => /word5\b/.test(text));
    const request = llm.requests.find((r) => r.path === CHAT_PATH) as RecordedRequest;
    // The earlier @rill turn of this conversation went along as history, as in the chat panel.
    assert.deepEqual(messagesOf(request).slice(1, 3), [
      { role: 'user', content: 'What is a debounce?' },
      { role: 'assistant', content: ANSWER },
    ]);
    await chat.stop();
    // The answer had ~25 s left: only the Stop can have closed the connection before that.
    await llm.waitForClose(request, 10_000);
    assert.ok(request.closedByClientAt !== undefined, 'the client closed the connection');
    assert.equal(request.finishedAt, undefined, 'the server never finished the answer');
    const shown = await chat.lastAnswerText();
    assert.match(shown, /word5\b/, 'the partial answer stays');
    assert.ok(request.tokensSent < 400, `the server stopped after ${request.tokensSent} of 400 tokens`);
  });

  it('@rill /explain sends the selection with the question, once, and the answer lists one reference', async () => {
    const llm = (env as E2eEnvironment).llm;
    llm.reset();
    llm.enqueue({ text: 'It returns the quiet period in milliseconds.', tokensPerSec: 40 });
    await workbench.quickOpen('notes.py');
    await workbench.activeEditor().locator('.view-lines').click();
    await workbench.press('Control+A');
    await chat.ask('@rill /explain');
    await chat.waitForAnswer((text) => text.includes('quiet period in milliseconds.'));
    const request = llm.requests.find((r) => r.path === CHAT_PATH);
    const asked = String(messagesOf(request).at(-1)?.content);
    assert.ok(asked.startsWith('notes.py:1-2:\n```python\ndef quiet_period():'), `the selection went first, fenced: ${asked.slice(0, 80)}`);
    assert.match(asked, /Explain this code: what it does/);
    // One reference: the selection, once (VS Code also passes it as the chat's implicit context).
    assert.equal(await chat.referencesSummary(), 'Used 1 reference');
    assert.equal(asked.split('def quiet_period').length - 1, 1, 'the selection is sent once');
  });

  it('@rill /file on a file that holds secrets asks first; declining sends nothing', async () => {
    const llm = (env as E2eEnvironment).llm;
    llm.reset();
    writeFileSync(join((env as E2eEnvironment).vscode.workspace, '.env'), 'API_TOKEN=abc123def456ghi789\n');
    await workbench.quickOpen('.env');
    await chat.ask('@rill /file');
    const dialog = workbench.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /\.env looks like a file holding secrets/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await chat.waitUntilIdle();
    assert.equal(llm.requests.filter((r) => r.path === CHAT_PATH).length, 0, 'nothing was sent');
  });

  it('@rill: a connection reset mid-answer is continued by itself from the partial answer; the whole answer shows', async () => {
    const llm = (env as E2eEnvironment).llm;
    llm.reset();
    llm.enqueue({ text: STORY, fault: 'reset-after-tokens', faultAfterTokens: STORY_60, tokensPerSec: 100 });
    llm.setDefault({ text: STORY, tokensPerSec: 100 });
    await chat.ask('@rill How do canyons form?');
    await chat.waitForAnswer((text) => text.endsWith('their own small valleys.'));
    await chat.waitUntilIdle();
    assert.equal(await chat.lastAnswerText(), STORY, 'no doubled or missing words at the seam');
    const requests = llm.requests.filter((r) => r.path === CHAT_PATH);
    assert.equal(requests.length, 2);
    assert.deepEqual(messagesOf(requests[1]).at(-1), { role: 'assistant', content: STORY_PARTIAL.trimEnd() }, 'the continuation carries the partial answer');
  });

  it('@rill: an answer refused for its key offers Set API Key… beside the error, as the chat panel does', async () => {
    const llm = (env as E2eEnvironment).llm;
    llm.reset();
    llm.enqueue({ status: 401 });
    await chat.ask('@rill Why is the sky blue?');
    const button = chat.lastResponse().getByRole('button', { name: 'Set API Key…' });
    await button.waitFor({ state: 'visible', timeout: 30_000 });
    const shot = await workbench.screenshot('rill key error with its button in VS Code chat');
    console.log(`      screenshot: ${shot}`);
  });

  it('@rill: a token limit spent before any text (a reasoning model thinking) says so and names rill.chat.maxTokens', async () => {
    const llm = (env as E2eEnvironment).llm;
    llm.reset();
    llm.enqueue({ text: '', finishReason: 'length' });
    await chat.ask('@rill Prove it step by step');
    const error = chat.lastResponse().getByText(/used up the token limit of \d+ before writing any answer/);
    await error.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await error.innerText(), /Raise "rill\.chat\.maxTokens"/);
  });

  it('@rill: an answer cut at the token limit offers Continue, which streams the rest', async () => {
    const llm = (env as E2eEnvironment).llm;
    llm.reset();
    llm.enqueue({ text: STORY_PARTIAL, finishReason: 'length', tokensPerSec: 100 });
    llm.setDefault({ text: STORY, tokensPerSec: 100 });
    await chat.ask('@rill How do canyons form?');
    await chat.waitForAnswer((text) => text.includes('was cut off here'));
    await chat.waitUntilIdle();
    await chat.followup('Continue the answer').click();
    const rest = STORY.slice(STORY_PARTIAL.trimEnd().length).trim();
    await chat.waitForAnswer((text) => text === rest);
    const requests = llm.requests.filter((r) => r.path === CHAT_PATH);
    assert.equal(requests.length, 2);
    assert.deepEqual(messagesOf(requests[1]).slice(-2), [
      { role: 'user', content: 'How do canyons form?' },
      { role: 'assistant', content: STORY_PARTIAL.trimEnd() },
    ]);
  });

  // Before the first question of a window, VS Code's picker (signed out) offers only a Copilot
  // sign-in; after one it lists the models: this follows the @rill questions above, as a person would.
  it('Rill\'s chat model is in the model picker, named with its server', async () => {
    const llm = (env as E2eEnvironment).llm;
    const rows = await chat.pickerRows((r) => r.some((row) => row.startsWith('fake-chat-model')));
    const port = new URL(llm.url).port;
    assert.ok(rows.includes(`fake-chat-model Rill · 127.0.0.1:${port}`), `picker rows: ${JSON.stringify(rows)}`);
    // The others the server lists are there too (under "Other Models").
    assert.ok(rows.some((row) => row.startsWith('qwen2.5-coder:7b Rill')), `picker rows: ${JSON.stringify(rows)}`);
    await chat.closePicker();
    assert.equal(await chat.pickedModel(), 'fake-chat-model');
  });

  it('after Manage Language Models, a plain question with Rill\'s model streams the answer, and a tool call comes back as a tool invocation', async () => {
    const llm = (env as E2eEnvironment).llm;
    llm.reset();
    const notesPath = join((env as E2eEnvironment).vscode.workspace, 'notes.py');
    // The model calls read_file first; once the chat sends the tool's result back, it answers.
    llm.route((r) => {
      if (r.path !== CHAT_PATH) return undefined;
      const hasResult = messagesOf(r).some((m) => m.role === 'tool');
      if (!hasResult) return { text: 'Let me read it.', toolCalls: [{ name: 'read_file', input: JSON.stringify({ filePath: notesPath, startLine: 1, endLine: 10 }) }], tokensPerSec: 40 };
      return { text: 'The debounce waits **250 ms**, as quiet_period() says.', tokensPerSec: 40 };
    });
    const listed = await chat.manageModels((rows) => rows.some((row) => row.startsWith('fake-chat-model')));
    assert.ok(listed.some((row) => /^fake-chat-model .*Tools/.test(row)), `the Language Models editor lists Rill's model with tool calling: ${JSON.stringify(listed)}`);
    // Manage Models turned the built-in chat extension on; until it has taken over the chat, a
    // plain question still gets the sign-in dialog. It says in its log when it has.
    await copilotReady((env as E2eEnvironment).vscode.dataDir);
    await chat.newSession();
    assert.equal(await chat.pickedModel(), 'fake-chat-model');
    await chat.ask('How long does the debounce in notes.py wait?');
    await chat.waitForAnswer((text) => text.includes('The debounce waits 250 ms'), 90_000);

    const [first, second] = llm.requests.filter((r) => r.path === CHAT_PATH);
    assert.ok(first && second, `two requests: ${llm.requests.map((r) => r.path).join(', ')}`);
    // The built-in chat's own request: its system prompt and its tools, with Rill's model.
    const body = first.body as { model: string; tools?: { function: { name: string } }[] };
    assert.equal(body.model, 'fake-chat-model');
    assert.equal(messagesOf(first)[0]?.role, 'system');
    assert.ok((body.tools?.length ?? 0) >= 10 && body.tools?.some((t) => t.function.name === 'read_file'), `the chat's tools went to the server: ${body.tools?.length}`);
    // The call came back to the chat, which ran the tool and sent its result back to the model.
    const call = messagesOf(second).find((m) => m.role === 'assistant' && m.tool_calls?.length)?.tool_calls?.[0];
    assert.equal(call?.function.name, 'read_file');
    const result = messagesOf(second).find((m) => m.role === 'tool');
    assert.equal(result?.tool_call_id, call?.id);
    assert.match(String(result?.content), /return 250/, 'the tool read the file');
    // And the chat shows the call as a tool invocation.
    const invocations = await chat.toolInvocations();
    assert.ok(invocations.some((t) => /notes\.py/.test(t)), `tool invocations shown: ${JSON.stringify(invocations)}`);
    // The built-in chat extension sent it (VS Code names it as the request's initiator), and Rill
    // let the user's own question through without asking (VS Code writes the log file a little
    // after the line is logged: wait for it).
    const dataDir = (env as E2eEnvironment).vscode.dataDir;
    await pollFor(() => (rillLogText(dataDir).includes('VS Code chat: fake-chat-model asked by github.copilot-chat') ? true : undefined), {
      timeoutMs: 30_000,
      what: "Rill's log to name the built-in chat as the sender",
    });
    assert.equal(await workbench.page.locator('.monaco-dialog-box').count(), 0, 'Rill asked about the user\'s own question');
    await workbench.screenshot('plain question with the Rill model and its tool call');
  });
});
