// The status bar menu in the real extension host: its entries run the commands that own them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { modelLine } from '../../src/vscode/statusBar';
import { statusMenuItems } from '../../src/vscode/statusMenu';
import { rillApi, waitFor } from './rill';

/** Opens the menu, moves `up` items up from the first (wrapping to the end) and accepts. */
async function pickFromMenu(up: number): Promise<string | undefined> {
  const api = await rillApi();
  const shown = new Promise<void>((resolve) => {
    const sub = api.statusMenu.onDidShow(() => {
      sub.dispose();
      resolve();
    });
  });
  const result = vscode.commands.executeCommand<string | undefined>('rill.showStatusMenu');
  await shown;
  for (let i = 0; i < up; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectPrevious');
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  return result;
}

describe('Rill: status menu', function () {
  this.timeout(30_000);

  it('offers resume (while snoozed), toggle, the active language on or off, snooze 5/30/60 min, select model, choose provider, latency report and log, through their own commands', async () => {
    const api = await rillApi();
    const items = statusMenuItems(api.providers, { snoozed: true, language: { id: 'python', on: true } }).filter((i) => i.command);
    assert.deepEqual(
      items.map((i) => [i.command, ...(i.args ?? [])]),
      [
        ['rill.resumeInlineCompletions'],
        ['rill.toggleInlineCompletions'],
        ['rill.toggleInlineCompletionsForLanguage'],
        ['rill.snoozeInlineCompletions', 5],
        ['rill.snoozeInlineCompletions', 30],
        ['rill.snoozeInlineCompletions', 60],
        ['rill.selectModel'],
        ['rill.chooseProvider'],
        ['rill.showLatencyReport'],
        ['rill.showLog'],
      ],
    );
    const commands = await vscode.commands.getCommands(true);
    for (const item of items) assert.ok(commands.includes(item.command as string), `${item.command} is not registered`);
  });

  it('after a refused key (the item is red), Set API Key is the first entry under Models, before Select Model', async () => {
    const api = await rillApi();
    const items = statusMenuItems(api.providers, { snoozed: false, lastErrorKind: 'auth' }).filter((i) => i.command);
    const commands = items.map((i) => i.command);
    assert.deepEqual(commands.slice(commands.indexOf('rill.setApiKey'), commands.indexOf('rill.setApiKey') + 3), ['rill.setApiKey', 'rill.selectModel', 'rill.chooseProvider']);
    // Other errors (a rate limit, a server down) get no key entry: the key is not the problem.
    assert.ok(!statusMenuItems(api.providers, { snoozed: false, lastErrorKind: 'rate-limited' }).some((i) => i.command === 'rill.setApiKey'));
  });

  it('turns completion off for the active editor\'s language in the user\'s settings, and on again; the status bar says so meanwhile', async () => {
    const api = await rillApi();
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'x = 1\n' });
    await vscode.window.showTextDocument(document);
    const config = () => vscode.workspace.getConfiguration('rill.completion');
    try {
      assert.deepEqual(api.completion.menuState().language, { id: 'python', on: true });
      assert.equal(await vscode.commands.executeCommand('rill.toggleInlineCompletionsForLanguage'), false);
      assert.equal((config().inspect<Record<string, boolean>>('languages')?.globalValue ?? {}).python, false, 'written for the user');
      await waitFor('the engine to read the setting', () => (api.completion.engine.enablement.availability('python') === 'language-off' ? true : undefined));
      assert.deepEqual(api.completion.menuState().language, { id: 'python', on: false });
      assert.equal(api.completion.engine.enablement.availability('typescript'), 'on', 'other languages stay on');
      assert.equal(await vscode.commands.executeCommand('rill.toggleInlineCompletionsForLanguage'), true);
      await waitFor('completion on again for python', () => (api.completion.engine.enablement.availability('python') === 'on' ? true : undefined));
    } finally {
      await config().update('languages', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('Resume ends a snooze at once', async () => {
    const api = await rillApi();
    assert.equal(await vscode.commands.executeCommand('rill.snoozeInlineCompletions', 5), true);
    assert.equal(api.completion.engine.currentStatus().state, 'snoozed');
    assert.equal(api.completion.menuState().snoozed, true);
    await vscode.commands.executeCommand('rill.resumeInlineCompletions');
    assert.notEqual(api.completion.engine.currentStatus().state, 'snoozed');
    assert.equal(api.completion.menuState().snoozed, false);
  });

  it('the last entry shows the log', async () => {
    const chosen = await pickFromMenu(1);
    assert.equal(chosen, 'rill.showLog');
  });

  it('the entry before it opens the latency report', async () => {
    const chosen = await pickFromMenu(2);
    assert.equal(chosen, 'rill.showLatencyReport');
    assert.equal((await rillApi()).report.isOpen, true);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

describe('Rill: status bar tooltip', () => {
  it('names the model completion uses now: before any request, and after a switch whose figures are still the old model', () => {
    // A new user hovering the item before typing saw "Model: –"; after Choose Provider, the model of the last request.
    assert.equal(modelLine('qwen2.5-coder:1.5b-base', undefined), 'Model: qwen2.5-coder:1.5b-base (not asked yet)');
    assert.equal(modelLine('gpt-4o-mini', 'gpt-4o-mini'), 'Model: gpt-4o-mini');
    assert.equal(modelLine('gpt-4o-mini', 'rill-demo-ngram'), 'Model: gpt-4o-mini (the figures below are from rill-demo-ngram, asked before the change)');
  });
});
