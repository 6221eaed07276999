// The status bar menu in the real extension host: its entries run the commands that own them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { statusMenuItems } from '../../src/vscode/statusMenu';
import { rillApi } from './rill';

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

  it('offers toggle, snooze 5/30/60 min, select model, latency report and log, through their own commands', async () => {
    const api = await rillApi();
    const items = statusMenuItems(api.providers).filter((i) => i.command);
    assert.deepEqual(
      items.map((i) => [i.command, ...(i.args ?? [])]),
      [
        ['rill.toggleInlineCompletions'],
        ['rill.snoozeInlineCompletions', 5],
        ['rill.snoozeInlineCompletions', 30],
        ['rill.snoozeInlineCompletions', 60],
        ['rill.selectModel'],
        ['rill.showLatencyReport'],
        ['rill.showLog'],
      ],
    );
    const commands = await vscode.commands.getCommands(true);
    for (const item of items) assert.ok(commands.includes(item.command as string), `${item.command} is not registered`);
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
