// Inline completion through VS Code itself: Rill's registered provider called by the editor as the
// user types, a suggestion that grows while its stream runs, Tab (inlineSuggest.commit) at any
// moment, a hot streak after Tab, divergence closing the socket, the deny-list, and the commands.
// What VS Code shows is read back the only way the API allows: by accepting it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RequestRecord } from '../../src/completion/requestRecord';
import type { FakeReply, RecordedRequest } from '../fake-llm/server';
import { type PointedRill, pointRillAtFakeServer } from '../reliability/hostEndpoint';
import { inlineProviderReady, lastCall, providerAnswered } from './inlineSignals';
import { type RillApi, rillApi, waitFor, endSnooze } from './rill';
import { answerRillWarnings } from './rillDialogs';
import { SNOOZE_KEY } from '../../src/vscode/sharedSnooze';

const COMMIT = 'editor.action.inlineSuggest.commit';

describe('Inline completion in VS Code', function () {
  this.timeout(60_000);
  let api: RillApi;
  let pointed: PointedRill;

  // The suggest widget would open on typed words and change what the inline provider is asked.
  const QUIET_EDITOR: Readonly<Record<string, unknown>> = { quickSuggestions: false, suggestOnTriggerCharacters: false, wordBasedSuggestions: 'off' };
  const previousEditor = new Map<string, unknown>();

  before(async () => {
    api = await rillApi();
    pointed = await pointRillAtFakeServer(api);
    await vscode.workspace.getConfiguration('rill.completion').update('enabled', true, vscode.ConfigurationTarget.Global);
    const editorConfig = vscode.workspace.getConfiguration('editor');
    for (const [key, value] of Object.entries(QUIET_EDITOR)) {
      previousEditor.set(key, editorConfig.inspect(key)?.globalValue);
      await editorConfig.update(key, value, vscode.ConfigurationTarget.Global);
    }
    await inlineProviderReady(api);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const editorConfig = vscode.workspace.getConfiguration('editor');
    for (const [key, value] of previousEditor) await editorConfig.update(key, value, vscode.ConfigurationTarget.Global);
    await pointed?.dispose();
  });
  beforeEach(() => {
    pointed.llm.reset();
    // What earlier tests taught the engine (the backoff after contradicted suggestions, which a busy
    // machine reaches sooner: requests for the text before a key, shown and then contradicted by it)
    // must not shorten or hold back this test's suggestions.
    api.completion.engine.providerChanged();
  });
  afterEach(async () => {
    api.completion.engine.stopAll();
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  const completions = (): RecordedRequest[] => pointed.llm.requests.filter((r) => r.endpoint === 'openai-completions');
  const records = (): RequestRecord[] => api.completion.records.all();
  const prompt = (r: RecordedRequest) => String((r.body as { prompt?: unknown }).prompt ?? '');
  /**
   * The completion request whose prompt ends with `end`: the key's own, wherever it is in the list
   * (on a busy machine a request for the text before the key may have gone out first).
   */
  const requestEndingWith = (end: string): RecordedRequest => {
    const request = completions().find((r) => prompt(r).endsWith(end));
    assert.ok(request, JSON.stringify(completions().map(prompt)));
    return request;
  };

  let opened = 0;
  /** Opens `source` (with `█` at the cursor) in a new editor; each test gets a document of its own. */
  async function open(source: string, language = 'typescript'): Promise<vscode.TextEditor> {
    const at = source.indexOf('█');
    const uri = vscode.Uri.parse(`untitled:completion-host-${process.pid}-${++opened}.ts`);
    const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), language);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), source.replace('█', '')));
    const position = document.positionAt(at);
    editor.selection = new vscode.Selection(position, position);
    return editor;
  }

  /**
   * Tab: commit is a no-op until VS Code has drawn the suggestion (a moment after Rill answered),
   * so it is pressed until the document says it took.
   */
  async function tab(what: string, took: () => boolean): Promise<void> {
    await waitFor(what, async () => {
      if (took()) return true;
      await vscode.commands.executeCommand(COMMIT);
      return took() ? true : undefined;
    });
  }

  /**
   * Waits until the last growth of the shown suggestion has reached the editor: VS Code asked Rill
   * again and got the suggestion with `lastLine` in it, and no growth is pending.
   */
  async function growthSettled(document: vscode.TextDocument, lastLine: string): Promise<void> {
    await waitFor(
      `VS Code to show the suggestion up to "${lastLine}"`,
      () => {
        const answer = api.completion.lastAnswer;
        const current = answer?.uri === document.uri.toString() && answer.version === document.version && answer.text?.includes(lastLine);
        return current && !api.completion.growthPending ? true : undefined;
      },
      20_000,
    ).catch((error: unknown) => {
      // What a retried failure needs to say (seen once on 1.100.3 under load, passed on retry).
      const answer = api.completion.lastAnswer;
      const shownAnswer = answer && { ...answer, text: answer.text?.slice(-80) };
      throw new Error(`${String(error)}\ndocument version: ${document.version}\nanswer: ${JSON.stringify(shownAnswer)}\ngrowth pending: ${api.completion.growthPending}; growths: ${api.completion.growthHistory.slice(-8).join(', ')}\nrecords: ${brief()}`);
    });
  }

  async function type(text: string): Promise<void> {
    for (const ch of text) await vscode.commands.executeCommand('type', { text: ch });
  }

  let firstRecord = 0;
  beforeEach(() => (firstRecord = records().reduce((max, r) => Math.max(max, r.id), 0)));
  /** This test's records. */
  const mine = (): RequestRecord[] => records().filter((r) => r.id > firstRecord);
  /** This test's records in brief, for a failure's message. */
  const brief = (): string => JSON.stringify(mine().map((r) => [r.id, r.kind, r.outcome, r.abortReason]));

  /** Waits until VS Code has shown ghost text from Rill (the engine returned an answer to its call). */
  const shown = async (what: string, predicate: (r: RequestRecord) => boolean = () => true) => {
    try {
      return await waitFor(what, () => mine().find((r) => r.shownAt !== undefined && predicate(r)));
    } catch (error) {
      const requests = pointed.llm.requests.map((r) => ({ path: r.path, prompt: prompt(r).slice(-60), closed: r.closedByClientAt !== undefined }));
      throw new Error(`${String(error)}\nrecords: ${JSON.stringify(mine())}\nrequests: ${JSON.stringify(requests)}\nstatus: ${JSON.stringify(api.completion.engine.currentStatus())}`);
    }
  };

  it('VS Code calls Rill as the user types; Tab inserts the ghost text', async () => {
    pointed.llm.route(() => ({ text: 'reet("world");\n', ttftMs: 100, tokensPerSec: 200 }));
    const editor = await open('const message = █\n');
    await type('g');
    await shown('ghost text');
    await tab('the suggestion in the document', () => editor.document.lineAt(0).text === 'const message = greet("world");');
    requestEndingWith('const message = g');
    // The item's command runs after VS Code has made the edit: it may come a moment after the text.
    await waitFor('the item\'s command to record the acceptance', () => (mine().some((r) => r.acceptedAt !== undefined) ? true : undefined));
  });

  it('the suggestion grows while its stream runs, and Tab accepts all of it', async () => {
    // The brace is auto-closed: the block goes between the braces.
    pointed.llm.route(() => ({ text: '\n  const sum = a + b;\n  const twice = sum * 2;\n  return twice;\n', ttftMs: 150, tokensPerSec: 12 }));
    const growthsBefore = api.completion.growthCount;
    const editor = await open('function add(a, b) █\n');
    await type('{');
    const { id } = await shown('the first line');
    await waitFor('the stream to end', () => (mine().some((r) => r.id === id && r.outcome === 'done') ? true : undefined));
    await growthSettled(editor.document, 'return twice;');
    // Tab, until VS Code has drawn what it was given (commit is a no-op before).
    await tab('the whole block in the document', () => editor.document.getText() === 'function add(a, b) {\n  const sum = a + b;\n  const twice = sum * 2;\n  return twice;\n}\n');
    // From the shown stream on (a request for the line before `{` may have gone out on a busy machine).
    const typing = mine().filter((r) => r.id >= id && r.kind !== 'prefetch' && r.sentAt !== undefined);
    assert.equal(typing.length, 1, `every line came from the one stream: ${brief()} (shown: ${id})`);
    // Seen by test/e2e/completionGrowth.probe.ts: 1.139 re-queries a re-registered provider (no blank
    // frame); 1.100 re-queries once, then needs hide + trigger.
    // On 1.139 this test's own growths (not an earlier test's, nor a failed first attempt's);
    // on 1.100 the session's: its one re-query may have been an earlier test's growth.
    const history = api.completion.growthHistory;
    const mineOnly = history.slice(Math.max(0, history.length - (api.completion.growthCount - growthsBefore)));
    if (vscode.version.startsWith('1.139.')) assert.ok(mineOnly.length > 0 && !mineOnly.includes('fallback'), `growths on ${vscode.version}: ${mineOnly.join(', ')}`);
    else assert.ok(history.includes('requery'), `growths on ${vscode.version}: ${history.join(', ')}`);
    const record = mine().find((r) => r.id === id);
    assert.ok(record && record.linesShown >= 3, `lines shown: ${record?.linesShown}`);
  });

  it('Tab mid-stream accepts what is shown; the next lines follow from the same stream (hot streak)', async () => {
    pointed.llm.route(() => ({ text: '\n  const sum = a + b;\n  const twice = sum * 2;\n  const half = twice / 4;\n  return half;\n', ttftMs: 150, tokensPerSec: 8 }));
    const editor = await open('function add(a, b) █\n');
    await type('{');
    // The stream whose ghost text shows (an earlier request, for the line before `{`, is contradicted by it).
    const { id } = await shown('the first line');
    const record = () => mine().find((r) => r.id === id);
    await tab('the first line in the document', () => editor.document.lineAt(1).text === '  const sum = a + b;');
    await waitFor('the next line shown after Tab', () => ((record()?.answers ?? 0) >= 2 ? true : undefined));
    // About 35 tokens at 8 a second: on a loaded machine the fake server's pacing alone can pass 10 s.
    await waitFor('the stream to end', () => (record()?.outcome === 'done' ? true : undefined), 30_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; the stream's record: ${JSON.stringify(record())}`);
    });
    await growthSettled(editor.document, 'return half;');
    await tab('the rest of the block', () => editor.document.getText().includes('  return half;\n}'));
    assert.equal(mine().filter((r) => r.id >= id && r.kind !== 'prefetch' && r.sentAt !== undefined).length, 1, `no request after Tab: ${brief()} (shown: ${id})`);
  });

  it('after Tab the prefetched next suggestion comes from VS Code\'s own call: Rill triggers nothing (a trigger would start VS Code\'s delay over)', async () => {
    const next = '\n    for item in items:\n        total += item\n    return total\n';
    pointed.llm.setDefault({ text: '' });
    pointed.llm.route((r) => {
      if (prompt(r).endsWith('def total(items):')) return { text: '\n    total = 0\n', ttftMs: 50, tokensPerSec: 200 };
      if (prompt(r).endsWith('def total(items):\n    total = 0')) return { text: next, ttftMs: 50, tokensPerSec: 200 };
      return undefined;
    });
    const editor = await open('def total(items)█\n', 'python');
    await type(':');
    await shown('the first suggestion');
    await waitFor('the prefetch of the state after Tab to finish', () => completions().find((r) => prompt(r).endsWith('    total = 0') && r.finishedAt !== undefined));
    const growths = api.completion.growthCount;
    const before = lastCall(api);
    await tab('the first suggestion in the document', () => editor.document.lineAt(1).text === '    total = 0');
    const answer = await providerAnswered(api, editor.document, { after: before });
    assert.ok(answer.text?.includes('for item in items:'), JSON.stringify(answer));
    // A growth started at Tab would still be running (its trigger waits for VS Code's delayed call).
    await waitFor('no growth to be pending', () => (api.completion.growthPending ? undefined : true));
    assert.equal(api.completion.growthCount, growths, 'no growth (no trigger) after Tab');
    assert.equal(completions().filter((r) => prompt(r).endsWith('    total = 0')).length, 1, 'the state after Tab was asked for once, before Tab');
  });

  it('lines the user deletes after Tab are not offered again, and the next suggestion stops at its first line', async () => {
    try {
      await deletedLinesAfterTab();
    } finally {
      // What this test taught the engine (hold suggestions to one line) must not reach the next tests.
      api.completion.engine.providerChanged();
    }
  });

  async function deletedLinesAfterTab(): Promise<void> {
    // Right about the next line, wrong about the lines after it.
    pointed.llm.route((request) =>
      prompt(request).trimEnd().endsWith('const sum = a + b;')
        ? { text: '\n  return sum;\n  wrong(3);\n  wrong(4);\n', ttftMs: 100, tokensPerSec: 200 }
        : { text: '\n  const sum = a + b;\n  wrong(1);\n  wrong(2);\n', ttftMs: 100, tokensPerSec: 200 },
    );
    const editor = await open('function add(a, b) █\n');
    await type('{');
    const { id } = await shown('the block');
    await waitFor('the stream to end', () => (mine().some((r) => r.id === id && r.outcome !== 'streaming') ? true : undefined));
    await growthSettled(editor.document, 'wrong(2);');
    await tab('the block in the document', () => editor.document.getText().includes('  wrong(2);\n}'));
    // The user selects the two wrong lines, from the end of the last one up to the end of the kept one, and deletes them.
    const kept = editor.document.lineAt(1).range.end;
    editor.selection = new vscode.Selection(editor.document.lineAt(3).range.end, kept);
    await vscode.commands.executeCommand('deleteLeft');
    await waitFor('the wrong lines gone', () => (editor.document.getText() === 'function add(a, b) {\n  const sum = a + b;\n}\n' ? true : undefined));
    const before = completions().length;
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    const next = await shown('the next suggestion', (r) => r.id > id && r.kind !== 'prefetch');
    assert.ok(completions().length > before, 'a new request, not the deleted text again');
    assert.ok(prompt(completions()[before]).endsWith('const sum = a + b;'), prompt(completions()[before]));
    await waitFor('its stream to end', () => (mine().some((r) => r.id === next.id && r.outcome !== 'streaming') ? true : undefined));
    await tab('the one line in the document', () => editor.document.getText().includes('  return sum;'));
    assert.equal(editor.document.getText(), 'function add(a, b) {\n  const sum = a + b;\n  return sum;\n}\n', 'one line: the lines after it were wrong last time');
  }

  it('the cursor rests on an empty line after typing: ghost text comes with no key, and Tab inserts it', async () => {
    // One line: what is tested is ghost text with no key, not its growth.
    pointed.llm.route((request) => (prompt(request).endsWith('}\n\n') ? { text: 'const twice = (x) => add(x, x);\n', ttftMs: 100, tokensPerSec: 200 } : { text: '', ttftMs: 50 }));
    const editor = await open('function add(a, b) {\n  return a + b█\n}\n\n');
    await type(';');
    // VS Code's call for the key has been answered (nothing) at the key's position.
    await waitFor('the call for the key', () => (mine().some((r) => r.kind === 'typing' && r.outcome === 'done') ? true : undefined));
    // The user clicks on the empty line at the end and thinks.
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    const { id } = await shown('ghost text at the resting cursor', (r) => r.kind === 'prefetch');
    await waitFor('its stream to end', () => (mine().some((r) => r.id === id && r.outcome !== 'streaming') ? true : undefined));
    await growthSettled(editor.document, 'const twice = (x) => add(x, x);');
    await tab('the suggestion in the document', () => editor.document.getText().endsWith('}\n\nconst twice = (x) => add(x, x);'));
    assert.equal(pointed.llm.requests.filter((r) => prompt(r).endsWith('}\n\n')).length, 1, 'one request for the resting cursor');
  });

  it('a slow model\'s partial line shows after the cut-off, long before the line is complete', async () => {
    pointed.llm.route(() => ({ text: `reet("${'one word after another, '.repeat(10)}the end");\n`, ttftMs: 100, tokensPerSec: 4 }));
    await open('const message = █\n');
    await type('g');
    const record = await shown('a partial line');
    const request = requestEndingWith('const message = g');
    assert.ok(request.tokensSent < 15, `shown after ${request.tokensSent} tokens: ${JSON.stringify(record)}`);
  });

  it('typing that contradicts the stream closes its socket at once', async () => {
    pointed.llm.route(() => ({ text: `reet("world", "${'and everyone else who is listening, '.repeat(8)}");\n`, ttftMs: 100, tokensPerSec: 10 }));
    await open('const message = █\n');
    await type('g');
    const { id } = await shown('ghost text');
    await type('x');
    const request = requestEndingWith('const message = g');
    await waitFor('the server to see the socket closed', () => request.closedByClientAt);
    assert.equal(mine().find((r) => r.id === id)?.abortReason, 'diverged');
  });

  it('a block cut by a dropped connection after its first line showed: the ghost text goes, Tab inserts nothing of it, the status says why', async () => {
    // The body ends after the first line and a half, with no finish reason and no [DONE] (issue 13).
    pointed.llm.route(() => ({ text: '\n  const sum = a + b;\n  const twice = sum * 2;\n  return twice;\n', ttftMs: 150, tokensPerSec: 8, fault: 'cut-after-tokens', faultAfterTokens: 14 }));
    const editor = await open('function add(a, b) █\n');
    await type('{');
    const { id } = await shown('the first line');
    const record = await waitFor('the stream to fail', () => mine().find((r) => r.id === id && r.outcome === 'error')).catch((error: unknown) => {
      throw new Error(`${String(error)}\nrecords: ${JSON.stringify(mine())}\nrequests: ${JSON.stringify(completions().map((r) => ({ prompt: prompt(r).slice(-40), closed: r.closedByClientAt !== undefined, tokensSent: r.tokensSent })))}`);
    });
    assert.equal(record.errorKind, 'network');
    const status = api.completion.engine.currentStatus();
    assert.equal(status.state, 'error');
    assert.match(status.error?.message ?? '', /closed before the answer was complete/);
    // Nothing of the cut block can be accepted any more.
    const before = editor.document.getText();
    // An accepted edit would reach this host before the command's own reply (one ordered channel).
    await vscode.commands.executeCommand(COMMIT);
    assert.equal(editor.document.getText(), before, 'Tab inserted cut text');
    assert.equal(before, 'function add(a, b) {}\n');
  });

  it('a deny-listed file gets no completion and sends nothing', async () => {
    const reply: FakeReply = { text: 'SECRET=1\n', ttftMs: 10 };
    pointed.llm.setDefault(reply);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse('untitled:config/.env'));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'API_'));
    await type('K');
    const before = lastCall(api);
    await vscode.commands.executeCommand('rill.triggerInlineCompletion');
    // VS Code asked (Alt+\) and Rill answered: had it meant to send anything, it would have by now.
    await providerAnswered(api, document, { after: before });
    assert.equal(completions().length, 0);
    assert.equal(mine().length, 0, 'no request was even started');
  });

  it('with text selected, Alt+\\ offers nothing and sends nothing (Tab there would indent, not accept)', async () => {
    pointed.llm.setDefault({ text: 'user_name(uid)\n', ttftMs: 10 });
    const editor = await open('const name = get_█\n');
    const line = editor.document.lineAt(0).text;
    // Selected as Shift+Left does: the cursor at the selection's start.
    editor.selection = new vscode.Selection(new vscode.Position(0, line.length), new vscode.Position(0, line.indexOf('get_')));
    const sent = mine().length;
    const before = lastCall(api);
    await vscode.commands.executeCommand('rill.triggerInlineCompletion');
    const answer = await providerAnswered(api, editor.document, { after: before });
    assert.equal(answer.items, 0, `Rill answered nothing: ${JSON.stringify(answer)}`);
    assert.equal(mine().length, sent, 'no request was started');
  });

  it('Alt+\\ again at the same place after a failed ask asks again (1.104+)', async function () {
    // VS Code 1.100 keeps its last answer for a place until the text or the cursor moves.
    if (vscodeMinor() < 104) this.skip();
    const editor = await open('const message = █\n');
    pointed.llm.enqueue({ status: 500, text: 'boom' });
    pointed.llm.setDefault({ text: 'greet("world");\n', ttftMs: 10 });
    const before = lastCall(api);
    await vscode.commands.executeCommand('rill.triggerInlineCompletion');
    await providerAnswered(api, editor.document, { after: before });
    await waitFor('the failed request', () => (completions().length >= 1 && completions().every((r) => r.finishedAt !== undefined || r.closedByClientAt !== undefined) ? true : undefined));
    assert.equal(api.completion.engine.currentStatus().state, 'error');
    // Same place, same text: VS Code itself would take its last (empty) answer as still good.
    await vscode.commands.executeCommand('rill.triggerInlineCompletion');
    await shown('ghost text from the second Alt+\\');
  });

  /** Runs `body` with automatic completion toggled off (Rill: Toggle Inline Completions), then toggles it back. */
  async function withAutomaticOff(body: () => Promise<void>): Promise<void> {
    await vscode.commands.executeCommand('rill.toggleInlineCompletions');
    try {
      await waitFor('the setting to be off', () => (vscode.workspace.getConfiguration('rill.completion').get('enabled') === false ? true : undefined));
      await body();
    } finally {
      // Back on through the command: Rill asks first, and the person says yes.
      const yes = answerRillWarnings(() => 'Turn On');
      try {
        await vscode.commands.executeCommand('rill.toggleInlineCompletions');
      } finally {
        yes.restore();
      }
    }
  }

  it('Toggle turns automatic completion off; Alt+\\ (Trigger Inline Completion) still asks', async () => {
    pointed.llm.route(() => ({ text: 'reet("world");\n', ttftMs: 50, tokensPerSec: 200 }));
    await withAutomaticOff(async () => {
      const editor = await open('const message = █\n');
      await type('g');
      // VS Code asked for the keystroke and Rill answered without a request.
      await providerAnswered(api, editor.document);
      assert.equal(completions().length, 0, 'no automatic request while off');
      assert.equal(mine().filter((r) => r.sentAt !== undefined).length, 0, 'none started either');
      await vscode.commands.executeCommand('rill.triggerInlineCompletion');
      await shown('ghost text after Alt+\\');
      await tab('the suggestion in the document', () => editor.document.lineAt(0).text === 'const message = greet("world");');
    });
  });

  it('automatic completion off: Tab mid-stream on an Alt+\\ suggestion, and the rest of that stream still follows', async () => {
    pointed.llm.route(() => ({ text: '\n  const sum = a + b;\n  const twice = sum * 2;\n  return twice;\n', ttftMs: 150, tokensPerSec: 8 }));
    await withAutomaticOff(async () => {
      const editor = await open('function add(a, b) █\n');
      await type('{');
      await vscode.commands.executeCommand('rill.triggerInlineCompletion');
      const { id } = await shown('the first line after Alt+\\');
      await tab('the first line in the document', () => editor.document.lineAt(1).text === '  const sum = a + b;');
      // VS Code's own (automatic) call after Tab gets the next line from the same stream.
      await waitFor('the next line in the ghost text', () => (api.completion.lastAnswer?.text?.includes('const twice') ? true : undefined));
      assert.equal(mine().filter((r) => r.sentAt !== undefined).length, 1, `one request, the explicit one: ${brief()} (shown: ${id})`);
    });
  });

  it('Snooze stops automatic completion for a while; the status says so', async () => {
    assert.equal(await vscode.commands.executeCommand('rill.snoozeInlineCompletions', 5), true);
    try {
      assert.equal(api.completion.engine.currentStatus().state, 'snoozed');
      const editor = await open('const message = █\n');
      await type('g');
      // VS Code asked for the keystroke and Rill answered without a request.
      await providerAnswered(api, editor.document);
      assert.equal(completions().length, 0);
      assert.equal(mine().filter((r) => r.sentAt !== undefined).length, 0, 'none started either');
    } finally {
      await endSnooze(api);
    }
  });

  it('a snooze or a resume another window stored is taken as the user comes back and types: nothing is sent while snoozed, and ghost text comes back after the resume', async () => {
    // Another window's write reaches this window's globalState (VS Code keeps it in step), with no event.
    const end = Date.now() + 5 * 60_000;
    await api.globalState.update(SNOOZE_KEY, end);
    try {
      const editor = await open('const message = █\n');
      await type('g');
      await providerAnswered(api, editor.document);
      assert.equal(api.completion.engine.enablement.snoozeEnd, end, 'the stored snooze was not taken');
      assert.equal(api.completion.engine.currentStatus().state, 'snoozed');
      assert.equal(mine().filter((r) => r.sentAt !== undefined).length, 0, 'a request went out while snoozed');
      // Resumed in the other window.
      await api.globalState.update(SNOOZE_KEY, undefined);
      pointed.llm.route(() => ({ text: 'reeting;\n', ttftMs: 10, tokensPerSec: 500 }));
      await type('r');
      await waitFor('a request after the resume', () => (completions().some((c) => prompt(c).endsWith('const message = gr')) ? true : undefined));
      assert.equal(api.completion.engine.enablement.snoozeEnd, undefined);
    } finally {
      await endSnooze(api);
    }
  });

  it("this window's own snooze, resumed in another window before this one looked again, ends here too as the user types", async () => {
    try {
      assert.equal(await vscode.commands.executeCommand('rill.snoozeInlineCompletions', 5), true);
      assert.notEqual(api.completion.engine.enablement.snoozeEnd, undefined);
      // Resumed in the other window at once: the stored value goes back to what this window saw before its own snooze.
      await api.globalState.update(SNOOZE_KEY, undefined);
      const editor = await open('const message = █\n');
      pointed.llm.route(() => ({ text: 'greeting;\n', ttftMs: 10, tokensPerSec: 500 }));
      await type('g');
      await providerAnswered(api, editor.document);
      assert.equal(api.completion.engine.enablement.snoozeEnd, undefined, 'the resume stored by the other window was not taken');
      await waitFor('a request after the resume', () => (completions().some((c) => prompt(c).endsWith('const message = g')) ? true : undefined));
    } finally {
      await endSnooze(api);
    }
  });

  it('in a CRLF file, Tab inserts a block whose lines end with CRLF like the rest', async () => {
    pointed.llm.route(() => ({ text: '\n  const sum = a + b;\n  return sum;\n}\n', ttftMs: 50, tokensPerSec: 200 }));
    const editor = await open('function add(a, b) {█\n}\n');
    await editor.edit((e) => e.setEndOfLine(vscode.EndOfLine.CRLF));
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await shown('ghost text');
    await growthSettled(editor.document, 'return sum;');
    await tab('the block in the document', () => editor.document.getText().includes('return sum;'));
    assert.equal(editor.document.getText(), 'function add(a, b) {\r\n  const sum = a + b;\r\n  return sum;\r\n}\r\n');
  });

  it('in a tab-indented Go file, a model that indents with spaces: Tab inserts tabs', async () => {
    pointed.llm.route(() => ({ text: '\n        return 0\n    }\n', ttftMs: 50, tokensPerSec: 200 }));
    const editor = await open('func f(x int) int {\n\tif x < 0 {█\n\t}\n\treturn x\n}\n', 'go');
    editor.options = { insertSpaces: false, tabSize: 4 };
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await shown('ghost text');
    await growthSettled(editor.document, 'return 0');
    await tab('the block in the document', () => editor.document.getText().includes('return 0'));
    assert.equal(editor.document.getText(), 'func f(x int) int {\n\tif x < 0 {\n\t\treturn 0\n\t}\n\treturn x\n}\n');
  });

  it('after emoji and CJK on the line, Tab inserts at the cursor and drops the quote already there', async () => {
    pointed.llm.route(() => ({ text: ' 世界 🎉");\n', ttftMs: 50, tokensPerSec: 200 }));
    const editor = await open('const s = "😀 你好█");\n');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await shown('ghost text');
    await tab('the suggestion in the document', () => editor.document.getText().includes('世界'));
    assert.equal(editor.document.getText(), 'const s = "😀 你好 世界 🎉");\n');
  });

  it('in a notebook cell, VS Code calls Rill as in a file, and Tab inserts the ghost text', async () => {
    pointed.llm.route(() => ({ text: 'um(values)\n', ttftMs: 50, tokensPerSec: 200 }));
    const cellData = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'values = [1, 2]\ntotal = s', 'python');
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', new vscode.NotebookData([cellData]));
    await vscode.window.showNotebookDocument(notebook);
    const cell = notebook.cellAt(0).document;
    const editor = await waitFor('the cell\'s editor', () => vscode.window.visibleTextEditors.find((e) => e.document === cell));
    await vscode.commands.executeCommand('notebook.cell.edit');
    editor.selection = new vscode.Selection(1, 9, 1, 9);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await shown('ghost text in the cell');
    await tab('the suggestion in the cell', () => cell.getText() === 'values = [1, 2]\ntotal = sum(values)');
    requestEndingWith('values = [1, 2]\ntotal = s');
  });

  it("in a notebook cell, the notebook's other code cells are the prompt's context (the definition the cell uses is in one above)", async () => {
    pointed.llm.route(() => ({ text: 'ebra_meridian_scale(values)\n', ttftMs: 50, tokensPerSec: 200 }));
    const cells = [
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'import numpy as np\n\ndef zebra_meridian_scale(values):\n    return np.asarray(values) * 7731\n', 'python'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '# Scaling', 'markdown'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'values = [1, 2]\nscaled = z', 'python'),
    ];
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', new vscode.NotebookData(cells));
    await vscode.window.showNotebookDocument(notebook, { selections: [new vscode.NotebookRange(2, 3)] });
    const cell = notebook.cellAt(2).document;
    const editor = await waitFor("the last cell's editor", () => vscode.window.visibleTextEditors.find((e) => e.document === cell));
    await vscode.commands.executeCommand('notebook.cell.edit');
    editor.selection = new vscode.Selection(1, 10, 1, 10);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await shown('ghost text in the cell');
    const request = requestEndingWith('values = [1, 2]\nscaled = z');
    // The other cell, as a commented snippet above the cell's own code.
    assert.match(prompt(request), /def zebra_meridian_scale\(values\):\n# {5}return np\.asarray\(values\) \* 7731\n[^]*values = \[1, 2\]\nscaled = z$/, prompt(request));
    await tab('the suggestion in the cell', () => cell.getText() === 'values = [1, 2]\nscaled = zebra_meridian_scale(values)');
  });

  it('the report Show Last Completion Prompt opened is not sent as context with the next completions', async () => {
    pointed.llm.route(() => ({ text: 'reet(name);\n', ttftMs: 10, tokensPerSec: 500 }));
    const editor = await open('function greet(name) {\n  return `Hello ${name}`;\n}\nconst message = █\n');
    await type('g');
    await shown('ghost text');
    await vscode.commands.executeCommand('rill.showLastCompletionPrompt');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    // A key the ghost text did not predict: a new request.
    await type('x');
    await waitFor('the request for the new key', () => (completions().some((c) => prompt(c).endsWith('const message = gx')) ? true : undefined));
    const next = requestEndingWith('const message = gx');
    assert.ok(!JSON.stringify(next.body).includes('Last completion request'), JSON.stringify(next.body).slice(0, 1500));
  });

  it('Show Last Completion Prompt opens exactly what was sent', async () => {
    pointed.llm.route(() => ({ text: 'reet();\n', ttftMs: 10, tokensPerSec: 500 }));
    await open('// the prompt test\nconst message = █\n');
    await type('g');
    await shown('ghost text');
    // The key's own request: on a busy machine VS Code may have asked at the resting cursor before
    // the key (an Invoke, so an explicit request) and shown that answer, while the key's request
    // still waited in the throttle; the last prompt was then the one before the key.
    const sent = await waitFor('the request for the key to reach the server', () => completions().find((r) => prompt(r).endsWith('const message = g')));
    const document = (await vscode.commands.executeCommand('rill.showLastCompletionPrompt')) as vscode.TextDocument;
    const text = document.getText();
    assert.match(text, /# Last completion request/);
    assert.ok(text.includes('// the prompt test\nconst message = g'), text);
    // The body section is the JSON the fake server received, key for key.
    const body = /## As sent: POST (\S+)\n\n(`{3,})\n([\s\S]*?)\n\2\n/.exec(text);
    assert.ok(body, text);
    assert.ok(body[1].endsWith(sent.path), `${body[1]} vs ${sent.path}`);
    assert.equal(JSON.stringify(JSON.parse(body[3])), JSON.stringify(sent.body));
  });
});

/** VS Code's minor version: 100 for 1.100.3. */
function vscodeMinor(): number {
  return Number(vscode.version.split('.')[1]);
}
