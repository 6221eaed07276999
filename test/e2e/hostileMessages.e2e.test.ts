// Messages from the chat webview are untrusted (the page renders model output): malformed and
// unexpected ones, posted through the very channel the page's own `acquireVsCodeApi().postMessage`
// uses (VS Code's webview host frame), must be dropped without effect, and a valid one still works
// (or the test would prove nothing).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { pollFor } from '../../tools/poll';
import { ChatPanel } from '../reliability/chatPanel';
import { e2e } from './environment';
import type { Workbench } from './workbench';

/** What VS Code's webview host frame exposes to its content frame (pre/index.html). */
const POST = `(message) => window.__vscode_post_message__('onmessage', { message })`;

const MALFORMED: readonly unknown[] = [
  'send',
  42,
  null,
  [],
  { type: 'runCommand', command: 'workbench.action.terminal.new' },
  { type: 'send' },
  { type: 'send', text: 42 },
  { type: 'send', text: '   ' },
  { type: 'send', text: 'hi', model: 'other-model' },
  { type: 'send', text: 'x'.repeat(1_000_001) },
  { type: 'editResend', turnId: '../../etc', text: 'hi' },
  { type: 'selectModel', model: 'evil\u0000model' },
  { type: 'selectModel', model: 'm'.repeat(201) },
  { type: 'newFile', code: 'print(1)', language: '../../../etc/passwd' },
  { type: 'insertCode', code: { toString: 'x' } },
  { type: 'attach', what: 'workspace' },
  { type: 'openLink', href: 'x'.repeat(2049) },
  { type: 'setApiKey', provider: 'openai', key: 'sk-from-the-page' },
  { type: 'chooseProvider', provider: 'openai', baseUrl: 'https://evil.example' },
  JSON.parse('{"type":"send","text":"hi","__proto__":{"polluted":true}}') as unknown,
];

/** Well-formed, but the host must refuse what they ask. */
const REFUSED_LINKS = ['command:workbench.action.terminal.new', 'javascript:alert(1)', 'file:///etc/passwd', 'vscode://settings/rill', 'https://user:pass@example.com/'];

function rillLog(dataDir: string): string {
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /(^|-)Rill\.log$/.test(e.name))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('Webview messages from the chat page are validated (e2e)', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let frame: Frame;
  let host: Frame;

  before(async () => {
    workbench = await e2e().openWorkbench();
    frame = await new ChatPanel(workbench).newChat();
    const parent = frame.parentFrame();
    assert.ok(parent, 'the chat page has no webview host frame');
    host = parent;
  });
  after(async () => {
    await workbench?.close();
  });
  beforeEach(() => e2e().llm.reset());

  // Parsed in the page: a `__proto__` key in an object literal would set the prototype instead.
  const post = (message: unknown) => host.evaluate(`(${POST})(JSON.parse(${JSON.stringify(JSON.stringify(message))}))`);
  const turns = () => frame.locator('.turn').count();
  const editors = () => workbench.page.locator('.part.editor .tab').count();
  const ignoredLines = () => rillLog(e2e().vscode.dataDir).split('\n').filter((l) => l.includes('Chat view: ignored a malformed message'));

  it('malformed and unexpected messages are dropped without effect, and logged without their content', async () => {
    e2e().llm.setDefault({ text: 'should never be asked' });
    const turnsBefore = await turns();
    const editorsBefore = await editors();
    const ignoredBefore = ignoredLines().length;
    for (const message of MALFORMED) await post(message);
    const ignored = await pollFor(() => (ignoredLines().length - ignoredBefore >= MALFORMED.length ? ignoredLines().slice(ignoredBefore) : undefined), {
      timeoutMs: 15_000,
      what: `${MALFORMED.length} "ignored" lines in Rill's log (${ignoredLines().length - ignoredBefore} so far; ${e2e().llm.requests.length} requests reached the server)`,
    });
    assert.equal(ignored.length, MALFORMED.length);
    assert.ok(!ignored.some((l) => l.includes('xxxxxxxx') || l.includes('evil') || l.includes('polluted')), 'the log repeats message content');
    assert.equal(await turns(), turnsBefore, 'a malformed message asked a question');
    assert.equal(e2e().llm.requests.filter((r) => r.endpoint === 'openai-chat').length, 0);
    assert.equal(await editors(), editorsBefore, 'a malformed message opened an editor');
    assert.equal(await workbench.page.locator('.terminal-outer-container, .integrated-terminal').count(), 0);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('links to anything but plain http(s) are refused by the host', async () => {
    const editorsBefore = await editors();
    const refusedBefore = rillLog(e2e().vscode.dataDir).split('\n').filter((l) => l.includes('refused to open a link')).length;
    for (const href of REFUSED_LINKS) await post({ type: 'openLink', href });
    await pollFor(
      () => (rillLog(e2e().vscode.dataDir).split('\n').filter((l) => l.includes('refused to open a link')).length - refusedBefore >= REFUSED_LINKS.length ? true : undefined),
      { timeoutMs: 15_000, what: 'every link refused in the log' },
    );
    assert.equal(await workbench.page.locator('.terminal-outer-container, .integrated-terminal').count(), 0, 'a command: link ran');
    assert.equal(await editors(), editorsBefore, 'a link opened an editor');
    assert.equal(await workbench.page.locator('.monaco-dialog-box').count(), 0, 'a dialog asked to open a refused link');
  });

  it('a valid message through the same channel still works (the channel is the real one)', async () => {
    e2e().llm.setDefault({ text: 'Answer to a posted question.' });
    // Counted from here, and the last turn read: a failed first attempt may have asked already.
    const chats = () => e2e().llm.requests.filter((r) => r.endpoint === 'openai-chat').length;
    const before = chats();
    await post({ type: 'send', text: 'Posted through the host frame' });
    await frame.locator('.turn:last-child').getByText('Answer to a posted question.').waitFor({ timeout: 30_000 });
    assert.equal(chats() - before, 1);
  });
});
