// Generate at Cursor in the real extension host, against a fake model server started in this same
// process (so the test can script the answer and see when the socket closed).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeLlmServer, type RecordedRequest } from '../fake-llm/server';
import type { GenerateResult } from '../../src/vscode/generateSession';
import { rillLogText } from './logFiles';
import { revertAndCloseActive, rillApi, waitFor } from './rill';
import { answerRillErrors, runRillCommand, withRillDialogs } from './rillDialogs';

// Line 2 holds only the indentation the cursor sits after.
const FILE = ['function main() {', '  const x = 1;', '  ', '  return x;', '}', ''].join('\n');

/** Points Rill's chat role (used by Generate) at a fresh fake server; `restore` undoes it. */
async function chatOnFakeServer(): Promise<{ fake: FakeLlmServer; restore: () => Promise<void> }> {
  const api = await rillApi();
  const fake = await FakeLlmServer.start();
  const config = vscode.workspace.getConfiguration('rill');
  const target = vscode.ConfigurationTarget.Global;
  await config.update('chat.provider', 'openai-compatible', target);
  await config.update('chat.baseUrl', `${fake.url}/v1`, target);
  await config.update('chat.model', 'fake-generate-model', target);
  // The registry rebuilds its provider on the configuration event; wait until it has seen it.
  await waitFor('the chat endpoint to follow the settings', () => (api.providers.endpoint('chat').baseUrl === `${fake.url}/v1` ? true : undefined));
  return {
    fake,
    restore: async () => {
      for (const key of ['chat.provider', 'chat.baseUrl', 'chat.model']) await config.update(key, undefined, target);
      await fake.close();
    },
  };
}

async function openEditor(content: string, cursor: vscode.Position, anchor: vscode.Position = cursor, language = 'typescript'): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(anchor, cursor);
  // The command works on the active editor: make sure it is this one.
  await waitFor('the new editor to be active', () => (vscode.window.activeTextEditor?.document === document ? true : undefined));
  return editor;
}

/** Rill: Generate at Cursor…, the instruction typed into its box. */
async function generate(instruction: string): Promise<GenerateResult | undefined> {
  const run = await runRillCommand<GenerateResult>('rill.generateAtCursor', { inputs: [instruction] });
  assert.equal(run.inputs.length, 1, 'the command did not ask for the instruction');
  return run.result;
}

/** Changes to `document` as they happen, to see how many edits a run made. */
function countChanges(document: vscode.TextDocument): { readonly count: number; dispose(): void } {
  let count = 0;
  const sub = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.document === document && e.contentChanges.length > 0) count++;
  });
  return {
    get count() {
      return count;
    },
    dispose: () => sub.dispose(),
  };
}

describe('Rill: Generate at Cursor', function () {
  this.timeout(60_000);
  let fake: FakeLlmServer;
  let restore: () => Promise<void>;

  before(async () => {
    ({ fake, restore } = await chatOnFakeServer());
  });
  after(async () => restore());
  afterEach(async () => {
    fake.reset();
    await revertAndCloseActive();
  });

  it('streams the code into the editor line by line without the fences, and one undo removes all of it', async () => {
    const editor = await openEditor(FILE, new vscode.Position(2, 2));
    fake.enqueue({ text: 'Here is the code:\n```ts\nconst y = x * 2;\nconsole.log(y);\nif (y > 1) {\n  log(y);\n}\n```\nThis doubles x.', tokensPerSec: 10 });
    const changes = countChanges(editor.document);
    const result = await generate('double x and log it');
    changes.dispose();

    assert.equal(result?.outcome, 'done');
    const expected = ['function main() {', '  const x = 1;', '  const y = x * 2;', '  console.log(y);', '  if (y > 1) {', '    log(y);', '  }', '  return x;', '}', ''].join('\n');
    assert.equal(editor.document.getText(), expected);
    assert.ok(changes.count >= 3, `expected the code to arrive in several edits, got ${changes.count}`);

    // The prompt: the file with the cursor marked, the instruction, code only.
    const [request] = fake.requests.filter((r) => r.path === '/v1/chat/completions');
    const body = JSON.stringify(request?.body);
    assert.ok(body.includes('<CURSOR>'), body);
    assert.ok(body.includes('double x and log it'));
    assert.ok(body.includes('const x = 1;'));

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), FILE, 'one undo should remove the whole generation');
  });

  it('an answer in two code blocks writes both, one blank line apart, without the prose between, and logs how much it wrote', async () => {
    const editor = await openEditor('', new vscode.Position(0, 0));
    fake.enqueue({
      text: 'First the helper:\n```ts\nfunction helperOne() {\n  return 1;\n}\n```\nThen the caller:\n```ts\nfunction callerTwo() { return helperOne() + 1 }\n```\nBoth are needed.',
      tokensPerSec: 200,
    });
    const result = await generate('a helper and its caller');
    assert.equal(result?.outcome, 'done');
    assert.equal(result?.blocks, 2);
    assert.equal(editor.document.getText(), 'function helperOne() {\n  return 1;\n}\n\nfunction callerTwo() { return helperOne() + 1 }');
    await waitFor('the log line of the run', () => (rillLogText().includes('Generate: done (stop), 5 lines written from 2 code blocks.') ? true : undefined));
  });

  it('a long explanation after the code is not read to its end: the socket closes a few lines after the last block', async () => {
    const editor = await openEditor('', new vscode.Position(0, 0));
    const explanation = Array.from({ length: 60 }, (_, i) => `This is sentence ${i} of a long explanation of the code.`).join('\n');
    fake.enqueue({ text: `\`\`\`ts\nconst a = 1;\n\`\`\`\n${explanation}\n\`\`\`ts\nconst late = 2;\n\`\`\``, tokensPerSec: 400 });
    const result = await generate('a constant');
    assert.equal(result?.outcome, 'done');
    assert.equal(editor.document.getText(), 'const a = 1;');
    const request = fake.requests.find((r) => r.path === '/v1/chat/completions') as RecordedRequest;
    await fake.waitForClose(request);
    assert.equal(request.finishedAt, undefined, 'the server should not have sent the whole explanation');
  });

  it('an answer without fences leaves its closing words out of the file, and keeps a sentence that sits inside the code', async () => {
    const editor = await openEditor('', new vscode.Position(0, 0));
    fake.enqueue({ text: 'You can write it like this:\nfunction plain(x: number) {\n  return x;\n}\nHope that helps!', tokensPerSec: 200 });
    assert.equal((await generate('a plain function'))?.outcome, 'done');
    assert.equal(editor.document.getText(), 'function plain(x: number) {\n  return x;\n}');
    await revertAndCloseActive();

    const python = await openEditor('', new vscode.Position(0, 0), undefined, 'python');
    const code = 'def total(items):\n    """\n    Returns the total of the items.\n    """\n    return sum(items)';
    fake.enqueue({ text: `${code}\n\nLet me know if you need anything else.\n`, tokensPerSec: 200 });
    assert.equal((await generate('a total'))?.outcome, 'done');
    assert.equal(python.document.getText(), code);
  });

  it('in a markdown file a sentence after a heading is content, not the model\'s closing words', async () => {
    const editor = await openEditor('', new vscode.Position(0, 0), undefined, 'markdown');
    fake.enqueue({ text: '## Usage\nRun the script with the flag set.', tokensPerSec: 200 });
    assert.equal((await generate('a usage section'))?.outcome, 'done');
    assert.equal(editor.document.getText(), '## Usage\nRun the script with the flag set.');
  });

  it('typing after the generation is its own undo step', async () => {
    const editor = await openEditor('a\n', new vscode.Position(1, 0));
    fake.enqueue({ text: 'b\nc', tokensPerSec: 100 });
    await generate('letters');
    assert.equal(editor.document.getText(), 'a\nb\nc');
    await vscode.commands.executeCommand('type', { text: '!' });
    assert.equal(editor.document.getText(), 'a\nb\nc!');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'a\nb\nc');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'a\n');
  });

  it('stop closes the socket at once and keeps the lines already written', async () => {
    const editor = await openEditor('', new vscode.Position(0, 0));
    const lines = Array.from({ length: 200 }, (_, i) => `line${i}();`).join('\n');
    fake.enqueue({ text: lines, tokensPerSec: 40 });
    const running = generate('many lines');
    await waitFor('the first lines in the editor', () => (editor.document.getText().includes('line2();') ? true : undefined), 20_000);
    assert.equal((await rillApi()).generate.isGenerating, true);

    await vscode.commands.executeCommand('rill.stopGenerating');
    const result = await running;
    assert.equal(result?.outcome, 'stopped');
    assert.equal(result?.finishReason, 'aborted');

    const request = fake.requests.find((r) => r.path === '/v1/chat/completions') as RecordedRequest;
    await fake.waitForClose(request);
    assert.ok(request.closedByClientAt !== undefined, 'the client should have closed the socket');
    assert.equal(request.finishedAt, undefined, 'the server should not have finished the answer');
    assert.ok(request.tokensSent < 600, `the server kept sending (${request.tokensSent} tokens)`);

    const text = editor.document.getText();
    assert.match(text, /^line0\(\);\nline1\(\);\nline2\(\);/);
    assert.ok(!text.includes('line199'), 'the whole answer should not have arrived');
    // Whole lines only: a line cut in the middle is not kept.
    assert.ok(text.split('\n').every((l) => /^line\d+\(\);$/.test(l)), JSON.stringify(text.slice(-40)));
    assert.equal((await rillApi()).generate.isGenerating, false);
  });

  it('stopped mid-stream, one undo removes everything it wrote', async () => {
    const editor = await openEditor(FILE, new vscode.Position(2, 2));
    const lines = Array.from({ length: 200 }, (_, i) => `step${i}();`).join('\n');
    fake.enqueue({ text: lines, tokensPerSec: 40 });
    const running = generate('many steps');
    await waitFor('a few lines in the editor', () => (editor.document.getText().includes('step3();') ? true : undefined), 20_000);
    await vscode.commands.executeCommand('rill.stopGenerating');
    const result = await running;
    assert.equal(result?.outcome, 'stopped');
    assert.ok(editor.document.getText().includes('  step3();\n'), 'the lines written before the stop should stay');

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), FILE, 'one undo should remove the whole stopped generation');
  });

  it('each run leaves a request record for the latency report: stopped, or done once the code is complete', async () => {
    const api = await rillApi();
    const generated = () => api.report.records().filter((r) => r.feature === 'generate');
    const before = generated().length;
    const editor = await openEditor('', new vscode.Position(0, 0));
    // An explanation after the code, longer than Generate reads while looking for another block.
    const explanation = Array.from({ length: 10 }, (_, i) => `Line ${i} of words after the code that are not needed.`).join('\n');
    fake.enqueue({ text: `\`\`\`ts\nconst a = 1;\n\`\`\`\n${explanation}`, tokensPerSec: 50 });
    assert.equal((await generate('a constant'))?.outcome, 'done');
    const [request] = fake.requests.filter((r) => r.path === '/v1/chat/completions');
    await fake.waitForClose(request as RecordedRequest);

    fake.enqueue({ text: Array.from({ length: 100 }, (_, i) => `n${i}();`).join('\n'), tokensPerSec: 40 });
    const running = generate('many');
    await waitFor('generated lines', () => (editor.document.getText().includes('n2();') ? true : undefined), 20_000);
    await vscode.commands.executeCommand('rill.stopGenerating');
    await running;

    const records = generated().slice(before);
    assert.deepEqual(records.map((r) => [r.model, r.languageId, r.outcome]), [
      ['fake-generate-model', 'typescript', 'done'],
      ['fake-generate-model', 'typescript', 'aborted'],
    ]);
    for (const r of records) {
      assert.ok(r.firstByteAt !== undefined && r.sentAt !== undefined && r.firstByteAt >= r.sentAt, 'time to first token');
      assert.ok(r.tokensOut > 0 && r.endedAt !== undefined);
    }
    // Both stopped reading before the server's usage chunk: output tokens are counted as they came.
    assert.equal(records[0]?.tokensIn, undefined);
  });

  it('keeps its place and the user text when the user edits above and below meanwhile', async () => {
    const editor = await openEditor('top\n\nbottom\n', new vscode.Position(1, 0));
    const generated = Array.from({ length: 30 }, (_, i) => `g${i}`).join('\n');
    fake.enqueue({ text: generated, tokensPerSec: 60 });
    const running = generate('g lines');
    await waitFor('some generated text', () => (editor.document.getText().includes('g3\n') ? true : undefined), 20_000);

    // The user types above and below the stream while it runs (each a separate edit). A person's
    // keys land in the document as it is on screen; an edit from here is made at a position read
    // in this process, which may not have seen the stream's latest edit yet. The editor's own edit
    // is refused when the document changed since that position was read (workspace.applyEdit on
    // VS Code 1.100 was seen to apply it at the stale position), so it is made again, as a person
    // would simply keep typing.
    const document = editor.document;
    const typeAt = async (where: () => vscode.Position, text: string) => {
      await waitFor(`the user's edit "${text}" to apply`, async () => ((await editor.edit((edit) => edit.insert(where(), text))) ? true : undefined));
    };
    await typeAt(() => new vscode.Position(0, 0), '// header\n');
    await typeAt(() => document.lineAt(document.lineCount - 1).range.end, '// footer\n');
    await typeAt(() => new vscode.Position(1, 3), ' // after top');

    const result = await running;
    assert.equal(result?.outcome, 'done');
    assert.equal(document.getText(), `// header\ntop // after top\n${generated}\nbottom\n// footer\n`);
    assert.equal(result?.text, generated);
  });

  it('replaces the selection', async () => {
    const content = 'const a = oldValue();\n';
    const editor = await openEditor(content, new vscode.Position(0, 20), new vscode.Position(0, 10));
    fake.enqueue({ text: '```ts\nnewValue()\n```' });
    const result = await generate('call newValue instead');
    assert.equal(result?.outcome, 'done');
    assert.equal(editor.document.getText(), 'const a = newValue();\n');
    const [request] = fake.requests.filter((r) => r.path === '/v1/chat/completions');
    assert.ok(JSON.stringify(request?.body).includes('<SELECTION>oldValue()</SELECTION>'));
  });

  it('replacing whole selected lines (the selection ends at the start of the next line) keeps that next line on its own', async () => {
    const content = 'a = 1\nb = 2\nc = 3\n';
    const editor = await openEditor(content, new vscode.Position(2, 0), new vscode.Position(0, 0), 'python');
    fake.enqueue({ text: '```python\nx = 10\ny = 20\n```' });
    const result = await generate('rename to x and y, times ten');
    assert.equal(result?.outcome, 'done');
    assert.equal(editor.document.getText(), 'x = 10\ny = 20\nc = 3\n');
  });

  it('with the cursor before a line\'s code, the code goes above that line, which keeps its indentation', async () => {
    const content = 'def f(x):\n    return x\n';
    const editor = await openEditor(content, new vscode.Position(1, 4), undefined, 'python');
    fake.enqueue({ text: '```python\n    x = x * 2\n    log(x)\n```' });
    const result = await generate('double x first');
    assert.equal(result?.outcome, 'done');
    assert.equal(editor.document.getText(), 'def f(x):\n    x = x * 2\n    log(x)\n    return x\n');
  });

  it('a Python block the model writes without a fence keeps its first line (a keyword line ending in ":" is no preamble)', async () => {
    const content = 'def total(items):\n    total = 0\n    \n    return total\n';
    const editor = await openEditor(content, new vscode.Position(2, 4), undefined, 'python');
    fake.enqueue({ text: 'for item in items:\n    total += item\n', tokensPerSec: 100 });
    const result = await generate('add up the items');
    assert.equal(result?.outcome, 'done');
    assert.equal(editor.document.getText(), 'def total(items):\n    total = 0\n    for item in items:\n        total += item\n    return total\n');
  });

  it('an answer that ends by repeating the code below the cursor (its return and closing brace) does not write it twice', async () => {
    const editor = await openEditor(FILE, new vscode.Position(2, 2));
    fake.enqueue({ text: '```ts\n  const y = x * 2;\n  console.log(y);\n  return x;\n}\n```', tokensPerSec: 100 });
    const result = await generate('log double x');
    assert.equal(result?.outcome, 'done');
    assert.equal(editor.document.getText(), ['function main() {', '  const x = 1;', '  const y = x * 2;', '  console.log(y);', '  return x;', '}', ''].join('\n'));
  });

  it('in a notebook cell, the code goes into the cell and the model is told the notebook\'s workspace path', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the host suite opens a workspace folder');
    const file = vscode.Uri.joinPath(folder, 'generate_cell.ipynb');
    const cell = { cell_type: 'code', source: ['values = [1, 2]\n', '\n'], metadata: {}, outputs: [], execution_count: null };
    const ipynb = { cells: [cell], metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5 };
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(ipynb)));
    try {
      const notebook = await vscode.workspace.openNotebookDocument(file);
      await vscode.window.showNotebookDocument(notebook);
      const document = notebook.cellAt(0).document;
      const editor = await waitFor('the cell\'s editor', () => vscode.window.visibleTextEditors.find((e) => e.document === document));
      await vscode.commands.executeCommand('notebook.cell.edit');
      editor.selection = new vscode.Selection(1, 0, 1, 0);
      await waitFor('the cell\'s editor to be active', () => (vscode.window.activeTextEditor?.document === document ? true : undefined));
      fake.enqueue({ text: '```python\ntotal = sum(values)\n```', tokensPerSec: 100 });
      const result = await generate('add them up');
      assert.equal(result?.outcome, 'done');
      assert.equal(document.getText(), 'values = [1, 2]\ntotal = sum(values)\n');
      const [request] = fake.requests.filter((r) => r.path === '/v1/chat/completions');
      const user = JSON.stringify(request?.body).match(/File: ([^\\]*?) \(/)?.[1];
      assert.equal(user, 'generate_cell.ipynb', JSON.stringify(request?.body).slice(0, 600));
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(file);
    }
  });

  it('at the end of a line of code, an indented answer starts on a new line, not glued to the code', async () => {
    const content = 'def double(x):\n\nprint(double(2))\n';
    const editor = await openEditor(content, new vscode.Position(0, 14), undefined, 'python');
    fake.enqueue({ text: '```python\n    return x * 2\n```', tokensPerSec: 100 });
    const result = await generate('return twice x');
    assert.equal(result?.outcome, 'done');
    assert.equal(editor.document.getText(), 'def double(x):\n    return x * 2\n\nprint(double(2))\n');
  });

  it('in a tab-indented Go file, code the model indented with spaces is written with tabs', async () => {
    const content = 'func total(items []int) int {\n\tsum := 0\n\t\n\treturn sum\n}\n';
    const editor = await openEditor(content, new vscode.Position(2, 1), undefined, 'go');
    editor.options = { insertSpaces: false, tabSize: 4 };
    fake.enqueue({ text: '```go\n    for _, item := range items {\n        sum += item\n    }\n```', tokensPerSec: 100 });
    const result = await generate('add up the items');
    assert.equal(result?.outcome, 'done');
    assert.equal(editor.document.getText(), 'func total(items []int) int {\n\tsum := 0\n\tfor _, item := range items {\n\t\tsum += item\n\t}\n\treturn sum\n}\n');
  });

  it('in a Makefile, a recipe the model indented with spaces is written with a tab', async () => {
    const content = 'build:\n\n';
    const editor = await openEditor(content, new vscode.Position(1, 0), undefined, 'makefile');
    editor.options = { insertSpaces: false, tabSize: 4 };
    fake.enqueue({ text: '```make\n    go build ./...\n    go vet ./...\n```', tokensPerSec: 100 });
    const result = await generate('build and vet');
    assert.equal(result?.outcome, 'done');
    assert.equal(editor.document.getText(), 'build:\n\tgo build ./...\n\tgo vet ./...\n');
  });

  it('in a CRLF file the generated lines end with CRLF', async () => {
    const editor = await openEditor(FILE.replace(/\n/g, '\r\n'), new vscode.Position(2, 2));
    fake.enqueue({ text: '```ts\nconst y = x * 2;\r\nif (y) {\r\n  log(y);\r\n}\r\n```', tokensPerSec: 100 });
    const result = await generate('double x');
    assert.equal(result?.outcome, 'done');
    assert.equal(editor.document.getText(), ['function main() {', '  const x = 1;', '  const y = x * 2;', '  if (y) {', '    log(y);', '  }', '  return x;', '}', ''].join('\r\n'));
  });

  it('a stream reset mid-answer keeps every line it delivered, the unfinished last one too, and says so', async () => {
    const editor = await openEditor('', new vscode.Position(0, 0));
    // 14 tokens end after "  let sum = 0", before its newline.
    fake.enqueue({
      text: 'function sumQuantities(inv: Inventory): number {\n  let sum = 0;\n  for (const item of inv.items) sum += item.quantity;\n  return sum;\n}',
      tokensPerSec: 100,
      fault: 'reset-after-tokens',
      faultAfterTokens: 14,
    });
    const errors = answerRillErrors(() => undefined);
    const result = await withRillDialogs([errors], () => generate('sum the quantities'));
    assert.equal(result?.outcome, 'error');
    assert.equal(result?.lastLineCut, true);
    assert.match(errors.shown[0]?.message ?? '', /The 2 lines received before the failure were kept \(the last one may be incomplete\)\. Undo \(Ctrl\+Z\) removes them\./);
    assert.equal(editor.document.getText(), 'function sumQuantities(inv: Inventory): number {\n  let sum = 0');
    await waitFor('the log to say what was kept', () =>
      rillLogText().includes('Generate: kept 2 lines received before the failure (the last one may be incomplete).') ? true : undefined,
    );
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), '', 'one undo should remove all it kept, the cut line too');
  });

  it('a rate limit with Retry-After before any text is waited out, the wait is said, then the code streams', async () => {
    const editor = await openEditor('', new vscode.Position(0, 0));
    fake.enqueue({ status: 429, headers: { 'retry-after': '1' } });
    fake.enqueue({ text: 'const y = 2;', tokensPerSec: 100 });
    const result = await generate('a constant');
    assert.equal(result?.outcome, 'done');
    assert.equal(editor.document.getText(), 'const y = 2;');
    assert.equal(fake.requests.length, 2);
    // The notification shows the same words.
    await waitFor('the log to say why it waited', () => (rillLogText().includes('Generate: The server is rate limiting requests; asking again in 1 s…') ? true : undefined));
  });

  it('a Retry-After wait is counted down in the progress notification, once a second, not said once', async () => {
    const editor = await openEditor('', new vscode.Position(0, 0));
    fake.enqueue({ status: 429, headers: { 'retry-after': '3' } });
    fake.enqueue({ text: 'const z = 3;', tokensPerSec: 100 });
    const shown: string[] = [];
    const listening = (await rillApi()).generate.onDidShowProgress((message) => shown.push(message));
    try {
      const result = await generate('a constant');
      assert.equal(result?.outcome, 'done');
      assert.equal(editor.document.getText(), 'const z = 3;');
    } finally {
      listening.dispose();
    }
    const waits = shown.filter((m) => m.startsWith('The server is rate limiting requests'));
    for (const seconds of [3, 2, 1]) {
      assert.ok(waits.includes(`The server is rate limiting requests; asking again in ${seconds} s… (Esc to stop)`), `no ${seconds} s in ${JSON.stringify(waits)}`);
    }
  });

  it('a failing request leaves the document as it was and says why', async () => {
    const editor = await openEditor(FILE, new vscode.Position(2, 0));
    fake.enqueue({ status: 401 });
    const errors = answerRillErrors(() => undefined);
    const result = await withRillDialogs([errors], () => generate('anything'));
    assert.equal(result?.outcome, 'error');
    assert.equal(editor.document.getText(), FILE);
    // A key refused (here: none sent) says which and has its fix one click away, as the chat panel does.
    assert.equal(errors.shown.length, 1);
    assert.match(errors.shown[0]?.message ?? '', /^Rill: No API key for OpenAI-compatible server \(HTTP 401\)\. Set one with "Rill: Set API Key…"/);
    assert.deepEqual(errors.shown[0]?.buttons, ['Set API Key…']);
  });

  it('a server error has no key button: asking again is the way', async () => {
    await openEditor(FILE, new vscode.Position(2, 0));
    fake.enqueue({ status: 400, body: { message: 'bad request' } });
    const errors = answerRillErrors(() => undefined);
    const result = await withRillDialogs([errors], () => generate('anything'));
    assert.equal(result?.outcome, 'error');
    assert.deepEqual(errors.shown[0]?.buttons, []);
  });
});
