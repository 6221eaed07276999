// The status bar menu in the real extension host: its entries run the commands that own them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { statusMenuItems } from '../../src/vscode/statusMenu';
import { rillApi, waitFor } from './rill';
import { answerRillWarnings, pickFromStatusMenu } from './rillDialogs';

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

  it('the on/off entry says what picking it does now: Turn Off while completion is on, Turn On while it is off', async () => {
    const api = await rillApi();
    const label = (enabled: boolean) => statusMenuItems(api.providers, { snoozed: false, enabled }).find((i) => i.command === 'rill.toggleInlineCompletions')?.label;
    assert.equal(label(true), '$(circle-slash) Turn Off Inline Completions');
    assert.equal(label(false), '$(check) Turn On Inline Completions');
    const config = vscode.workspace.getConfiguration('rill.completion');
    assert.equal(api.completion.menuState().enabled, true);
    await config.update('enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the menu state to say off', () => (api.completion.menuState().enabled === false ? true : undefined));
    } finally {
      await config.update('enabled', undefined, vscode.ConfigurationTarget.Global);
    }
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
      // Turning it on through the command asks first (completionConsent.host.test.ts): the person says yes.
      const yes = answerRillWarnings(() => 'Turn On');
      try {
        assert.equal(await vscode.commands.executeCommand('rill.toggleInlineCompletionsForLanguage'), true);
      } finally {
        yes.restore();
      }
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
    const yes = answerRillWarnings(() => 'Turn On');
    try {
      assert.equal(await vscode.commands.executeCommand('rill.resumeInlineCompletions'), true);
    } finally {
      yes.restore();
    }
    assert.notEqual(api.completion.engine.currentStatus().state, 'snoozed');
    assert.equal(api.completion.menuState().snoozed, false);
  });

  it('the last entry shows the log', async () => {
    const chosen = await pickFromStatusMenu(1);
    assert.equal(chosen, 'rill.showLog');
  });

  it('the entry before it opens the latency report', async () => {
    const chosen = await pickFromStatusMenu(2);
    assert.equal(chosen, 'rill.showLatencyReport');
    assert.equal((await rillApi()).report.isOpen, true);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
