// The "Get Started with Rill" walkthrough: its steps, their media and the commands their buttons run.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { rillExtension } from './rill';

interface Step {
  readonly id: string;
  readonly description: string;
  readonly media: { readonly markdown?: string };
  readonly completionEvents?: readonly string[];
}

describe('Rill: walkthrough', () => {
  it('goes from choosing a provider to the first completion, each step with its markdown and working buttons', async () => {
    const extension = rillExtension();
    await extension.activate();
    const walkthroughs = extension.packageJSON.contributes.walkthroughs as { id: string; steps: Step[] }[];
    const steps = walkthroughs.find((w) => w.id === 'gettingStarted')?.steps ?? [];
    assert.deepEqual(steps.map((s) => s.id), ['chooseProvider', 'setKey', 'selectModel', 'firstCompletion', 'askAndGenerate']);
    const commands = await vscode.commands.getCommands(true);
    for (const step of steps) {
      const media = step.media.markdown;
      assert.ok(media && existsSync(join(extension.extensionPath, media)), `${step.id}: media ${media} is missing`);
      assert.ok(readFileSync(join(extension.extensionPath, media), 'utf8').startsWith('# '), `${step.id}: media has no title`);
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)/g)) {
        assert.ok(commands.includes(command as string), `${step.id}: the button runs ${command}, which is not registered`);
      }
    }
    assert.ok(steps[0]?.description.includes('command:rill.detectLocalServer'));
  });

  it('opens in VS Code', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${rillExtension().id}#gettingStarted`, false);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.match(tab?.label ?? '', /Walkthrough|Welcome|Get Started/i);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
