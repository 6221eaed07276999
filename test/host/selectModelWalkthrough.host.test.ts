// The "Get Started with Rill" walkthrough: its steps, their media and the commands their buttons
// run, what checks a step off, and the local server it finds on its default port.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FakeLlmServer } from '../fake-llm/server';
import { ACCEPTED_COMMAND } from '../../src/vscode/inlineProvider';
import { LOCAL_SERVERS, type LocalServer } from '../../src/llm/localServers';
import { rillApi, rillExtension, waitFor } from './rill';
import { runRillCommand } from './rillDialogs';

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

  it('the first completion step is checked off when a suggestion is accepted (the command Tab runs)', async () => {
    const steps = (rillExtension().packageJSON.contributes.walkthroughs as { id: string; steps: Step[] }[]).find((w) => w.id === 'gettingStarted')?.steps ?? [];
    const step = steps.find((s) => s.id === 'firstCompletion');
    assert.deepEqual(step?.completionEvents, [`onCommand:${ACCEPTED_COMMAND}`]);
    assert.ok((await vscode.commands.getCommands(true)).includes(ACCEPTED_COMMAND), `${ACCEPTED_COMMAND} is not registered`);
  });

  it('opens in VS Code', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${rillExtension().id}#gettingStarted`, false);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.match(tab?.label ?? '', /Walkthrough|Welcome|Get Started/i);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});

describe('Rill: Detect Local Model Server on the default ports', function () {
  this.timeout(60_000);

  it('looks for Ollama on 11434, llama.cpp on 8080, LM Studio on 1234 and vLLM on 8000, on this machine only', () => {
    assert.deepEqual(LOCAL_SERVERS, [
      { kind: 'ollama', url: 'http://127.0.0.1:11434' },
      { kind: 'llamacpp', url: 'http://127.0.0.1:8080' },
      { kind: 'lmstudio', url: 'http://127.0.0.1:1234' },
      { kind: 'vllm', url: 'http://127.0.0.1:8000' },
    ]);
  });

  it('finds an Ollama listening on its default port and, once the user picks it, points completion at it', async function () {
    let ollama: FakeLlmServer;
    try {
      ollama = await FakeLlmServer.start({ port: 11434 });
    } catch (error) {
      // Only a port already taken (a real Ollama, another run) skips this; anything else fails.
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      console.log('    skipped: 127.0.0.1:11434 is in use on this machine, so a fake Ollama cannot listen there');
      this.skip();
    }
    const config = vscode.workspace.getConfiguration('rill');
    const target = vscode.ConfigurationTarget.Global;
    try {
      ollama.models = ['qwen2.5-coder:1.5b-base', 'llama3.2:3b'];
      const api = await rillApi();
      assert.deepEqual(api.localServers.candidates, LOCAL_SERVERS, 'the command looks somewhere else than the default ports');
      const run = await runRillCommand<LocalServer>('rill.detectLocalServer', { pick: (items) => items[0] });
      const server = run.result;
      assert.equal(server?.kind, 'ollama');
      assert.equal(server?.url, 'http://127.0.0.1:11434');
      assert.deepEqual([...(server?.models ?? [])], ollama.models);
      assert.ok(ollama.requests.some((r) => r.path === '/api/tags'), 'the probe asked Ollama for its models');
      await waitFor('completion to use the found Ollama', () => (api.providers.endpoint('completion').baseUrl === 'http://127.0.0.1:11434/v1' ? true : undefined));
      assert.equal(api.providers.endpoint('completion').model, 'qwen2.5-coder:1.5b-base');
    } finally {
      for (const role of ['completion', 'chat']) for (const key of ['provider', 'baseUrl', 'model']) await config.update(`${role}.${key}`, undefined, target);
      await ollama.close();
    }
  });
});
