// The user turned inline completion off (everywhere, for a language) or snoozed it. Another
// extension can run Rill's toggle and resume commands, with any arguments: turning completion back
// on through them sends the code being typed again, so it asks the user first (a modal question);
// turning off never asks. Rill's own status menu, where the user picks the entry, turns it on
// without a second question.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { rillApi, type RillApi, rillUserSettings, waitFor, endSnooze } from './rill';
import { answerRillWarnings, pickFromStatusMenu, type ShownDialog } from './rillDialogs';

const config = () => vscode.workspace.getConfiguration('rill.completion');

/** Runs the command as another extension would, with `answer` given to whatever Rill asks. */
async function runAnswering(command: string, args: readonly unknown[], answer: string | undefined): Promise<{ result: unknown; asked: readonly ShownDialog[] }> {
  const warnings = answerRillWarnings(() => answer);
  try {
    const result = await vscode.commands.executeCommand(command, ...args);
    return { result, asked: [...warnings.shown] };
  } finally {
    warnings.restore();
  }
}

describe('Rill: turning completion back on through a command asks the user (extension host)', function () {
  this.timeout(30_000);
  let api: RillApi;

  before(async () => {
    api = await rillApi();
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'x = 1\n' });
    await vscode.window.showTextDocument(document);
  });
  afterEach(async () => {
    await endSnooze(api);
    await config().update('enabled', undefined, vscode.ConfigurationTarget.Global);
    await config().update('languages', undefined, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('off everywhere, for python and snoozed: another extension runs toggle, toggle for the language and resume with arguments; the person closes the question: nothing turns on', async () => {
    await config().update('enabled', false, vscode.ConfigurationTarget.Global);
    await config().update('languages', { '*': true, python: false }, vscode.ConfigurationTarget.Global);
    await waitFor('the engine to read the settings', () => (api.completion.engine.enablement.availability('python') === 'off' ? true : undefined));
    assert.equal(await vscode.commands.executeCommand('rill.snoozeInlineCompletions', 5), true);
    const snoozed = api.completion.engine.enablement.snoozeEnd;
    const settings = rillUserSettings();
    const asked: string[] = [];
    // What each returns when nothing changed: no new state (toggles), no snooze ended (resume).
    const unchanged: Record<string, unknown> = { 'rill.toggleInlineCompletions': undefined, 'rill.toggleInlineCompletionsForLanguage': undefined, 'rill.resumeInlineCompletions': false };
    for (const [command, expected] of Object.entries(unchanged)) {
      const run = await runAnswering(command, [true, 'python', { enabled: true }], undefined);
      assert.equal(run.result, expected, `${command} returned ${JSON.stringify(run.result)}`);
      assert.deepEqual(
        run.asked.map((d) => [d.modal, d.buttons]),
        [[true, ['Turn On']]],
        `${command} asked: ${JSON.stringify(run.asked)}`,
      );
      asked.push(run.asked[0]?.message ?? '');
    }
    assert.deepEqual(asked, [
      "Turn Rill's inline completions on everywhere?",
      "Turn Rill's inline completions on for python?",
      "Turn Rill's inline completions on again now (ending the snooze)?",
    ]);
    assert.deepEqual(rillUserSettings(), settings, 'a setting changed');
    assert.equal(api.completion.engine.enablement.snoozeEnd, snoozed, 'the snooze ended');
  });

  it('turning off asks nothing: toggle and toggle for the language go at once', async () => {
    const off = await runAnswering('rill.toggleInlineCompletions', [], undefined);
    assert.deepEqual([off.result, off.asked], [false, []]);
    assert.equal(config().inspect('enabled')?.globalValue, false);
    const offForPython = await runAnswering('rill.toggleInlineCompletionsForLanguage', [], undefined);
    assert.deepEqual([offForPython.result, offForPython.asked], [false, []]);
    assert.equal(config().inspect<Record<string, boolean>>('languages')?.globalValue?.python, false);
  });

  it('the person answers Turn On (the palette or their own keybinding): completion is on again', async () => {
    await config().update('enabled', false, vscode.ConfigurationTarget.Global);
    const on = await runAnswering('rill.toggleInlineCompletions', [], 'Turn On');
    assert.equal(on.result, true);
    assert.equal(on.asked.length, 1);
    assert.equal(config().inspect('enabled')?.globalValue, true);
    assert.equal(await vscode.commands.executeCommand('rill.snoozeInlineCompletions', 5), true);
    const resumed = await runAnswering('rill.resumeInlineCompletions', [], 'Turn On');
    assert.deepEqual([resumed.result, resumed.asked.length], [true, 1]);
    assert.equal(api.completion.engine.enablement.snoozeEnd, undefined);
  });

  it("Rill's status menu turns completion on and ends a snooze without asking", async () => {
    await config().update('enabled', false, vscode.ConfigurationTarget.Global);
    await waitFor('the engine to read the setting', () => (api.completion.engine.enablement.enabled === false ? true : undefined));
    const warnings = answerRillWarnings(() => undefined);
    try {
      assert.equal(await pickFromStatusMenu(), 'rill.toggleInlineCompletions');
      await waitFor('completion on again', () => (config().inspect('enabled')?.globalValue === true ? true : undefined));
      assert.equal(await vscode.commands.executeCommand('rill.snoozeInlineCompletions', 5), true);
      assert.equal(await pickFromStatusMenu(), 'rill.resumeInlineCompletions');
      assert.equal(api.completion.engine.enablement.snoozeEnd, undefined);
      assert.deepEqual(warnings.shown, [], 'the menu asked');
    } finally {
      warnings.restore();
    }
  });
});
