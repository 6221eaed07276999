// Rill: Choose Provider…: points completion and chat at OpenAI or Anthropic (or looks for a local
// server, or at an OpenAI-compatible server whose URL the user types, or goes back to the server
// the environment names, e.g. `npm run demo`'s model), then asks
// for the key when none is stored, in one step of the walkthrough. Written to the
// user's settings: where code and keys go is application-scoped, so no workspace could set it. The
// command takes no argument: whoever runs it, the user picks.
import * as vscode from 'vscode';
import { baseUrlProblem } from '../llm/endpointUrls';
import { type HostedProvider, modelAfterSwitch } from '../llm/hostedModels';
import { redactUrl } from '../llm/urlRedaction';
import { askForKey } from './keyCommands';
import { type KeyStore, PROVIDER_LABELS } from './keys';
import type { RillLog } from './log';
import type { Settings } from './settings';

export type ProviderChoice = 'openai' | 'anthropic' | 'local' | 'server' | 'environment';

interface ChoicePick extends vscode.QuickPickItem {
  readonly choice: ProviderChoice;
}

const PICKS: readonly ChoicePick[] = [
  { choice: 'openai', label: 'OpenAI', detail: 'Hosted; needs an OpenAI API key. Code is sent to OpenAI.' },
  { choice: 'anthropic', label: 'Anthropic', detail: 'Hosted; needs an Anthropic API key. Code is sent to Anthropic.' },
  { choice: 'local', label: 'A model server on this machine', detail: 'Ollama, llama.cpp, LM Studio or vLLM on its default port; no key, code stays here.' },
  { choice: 'server', label: 'An OpenAI-compatible server…', detail: 'vLLM, LM Studio, OpenRouter, DeepSeek, Mistral…: you give its URL, and its key if it needs one.' },
];

/** The list, with the server the environment names (if any) last: the way back to it. */
function picks(settings: Settings): ChoicePick[] {
  const server = settings.environmentServer('completion') ?? settings.environmentServer('chat');
  if (!server) return [...PICKS];
  const where = server.baseUrl ?? `${PROVIDER_LABELS[server.provider]}'s own URL`;
  return [...PICKS, { choice: 'environment', label: 'The server Rill was started with', detail: `${where}, named by RILL_* environment variables (npm run demo's model is one).` }];
}

export function registerChooseProvider(keys: KeyStore, log: RillLog, settings: Settings): vscode.Disposable {
  return vscode.commands.registerCommand('rill.chooseProvider', async () => {
    const chosen = (await vscode.window.showQuickPick(picks(settings), { title: 'Rill: Where should your model run?' }))?.choice;
    if (!chosen) return undefined;
    if (chosen === 'local') return (await vscode.commands.executeCommand('rill.detectLocalServer')) ? 'local' : undefined;
    if (chosen === 'server') {
      const url = await askForServerUrl(settings);
      if (!url) return undefined;
      await useServer(url);
      // A credential typed into the URL (user:password@, ?api-key=) is not repeated on screen or in the log.
      log.info(`Completion and chat now use the OpenAI-compatible server at ${redactUrl(url)} (user settings).`);
      const [select, key] = ['Select Model…', 'Set API Key…'];
      // Keys are kept per kind of provider: one stored for another OpenAI-compatible server goes to this one too.
      const stored = await keys.isStored('openai-compatible');
      const keyNote = stored
        ? 'The key stored for "OpenAI-compatible server" is sent to it too (Set API Key… replaces it, Clear API Key… removes it).'
        : 'If it needs a key, set it for "OpenAI-compatible server".';
      void vscode.window
        .showInformationMessage(`Rill now uses the server at ${redactUrl(url)}. Pick its models. ${keyNote}`, select, key)
        .then((answer) => {
          if (answer === select) void vscode.commands.executeCommand('rill.selectModel');
          if (answer === key) void vscode.commands.executeCommand('rill.setApiKey');
        });
      return chosen;
    }
    if (chosen === 'environment') {
      await useEnvironment();
      log.info('Completion and chat use the server the environment names again (user settings for provider, URL, model and FIM mode cleared).');
      return chosen;
    }
    const models = await useHosted(chosen, settings);
    log.info(`Completion and chat now use ${PROVIDER_LABELS[chosen]} (user settings): ${models}.`);
    const hasKey = (await keys.get(chosen)) !== undefined;
    if (!hasKey && !(await askForKey(keys, log, chosen))) {
      void vscode.window.showWarningMessage(`Rill uses ${PROVIDER_LABELS[chosen]} but has no key for it yet. Run "Rill: Set API Key…" to add one.`);
      return chosen;
    }
    const select = 'Select Model…';
    void vscode.window.showInformationMessage(`Rill now uses ${PROVIDER_LABELS[chosen]}: ${models}. Select Model… lists the others.`, select).then((answer) => {
      if (answer === select) void vscode.commands.executeCommand('rill.selectModel');
    });
    return chosen;
  });
}

/** Both roles back on the server the environment names: the user's own choices of it are cleared. */
async function useEnvironment(): Promise<void> {
  const config = vscode.workspace.getConfiguration('rill');
  for (const role of ['completion', 'chat'] as const) {
    for (const key of ['provider', 'baseUrl', 'model']) await config.update(`${role}.${key}`, undefined, vscode.ConfigurationTarget.Global);
  }
  await config.update('completion.fimMode', undefined, vscode.ConfigurationTarget.Global);
}

/**
 * Both roles on the hosted provider, at its own URL (base URL back to the default), completion in
 * the FIM mode the provider supports (`auto`: a hole-filling chat prompt for both), each with a
 * model that provider serves unless the user already chose one of its models. Says which models.
 */
async function useHosted(provider: HostedProvider, settings: Settings): Promise<string> {
  const config = vscode.workspace.getConfiguration('rill');
  const models: string[] = [];
  for (const role of ['completion', 'chat'] as const) {
    const before = settings.endpoint(role);
    const set = config.inspect<string>(`${role}.model`);
    const modelIsDefault = (set?.workspaceFolderValue ?? set?.workspaceValue ?? set?.globalValue) === undefined && before.model === set?.defaultValue;
    const model = modelAfterSwitch(role, provider, { provider: before.provider, model: before.model, modelIsDefault });
    await config.update(`${role}.provider`, provider, vscode.ConfigurationTarget.Global);
    await config.update(`${role}.baseUrl`, undefined, vscode.ConfigurationTarget.Global);
    if (model !== undefined) await config.update(`${role}.model`, model, vscode.ConfigurationTarget.Global);
    models.push(`${model ?? before.model} for ${role}`);
  }
  await config.update('completion.fimMode', undefined, vscode.ConfigurationTarget.Global);
  return models.join(', ');
}

/** The server's base URL, typed by the user: with or without /v1 and a trailing slash; http(s) only. */
async function askForServerUrl(settings: Settings): Promise<string | undefined> {
  const chat = settings.endpoint('chat');
  const typed = await vscode.window.showInputBox({
    title: 'Rill: OpenAI-compatible server',
    prompt:
      "The server's base URL, e.g. http://127.0.0.1:8000/v1 (vLLM), http://127.0.0.1:1234/v1 (LM Studio), https://openrouter.ai/api/v1 or https://RESOURCE.openai.azure.com/openai/v1 (Azure OpenAI; a deployment's URL as Azure shows it works too). Saved in your user settings; the key goes in with Set API Key.",
    value: chat.provider === 'openai-compatible' ? chat.baseUrl : '',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Type the URL the server answers at.' : baseUrlProblem(v.trim()) ? 'Type an http:// or https:// address, e.g. http://127.0.0.1:8000/v1.' : undefined),
  });
  return typed?.trim() || undefined;
}

/** Both roles on the server at `url`, completion in `auto` (Rill asks the server how it fills in the middle). */
async function useServer(url: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('rill');
  for (const role of ['completion', 'chat'] as const) {
    await config.update(`${role}.provider`, 'openai-compatible', vscode.ConfigurationTarget.Global);
    await config.update(`${role}.baseUrl`, url, vscode.ConfigurationTarget.Global);
  }
  await config.update('completion.fimMode', undefined, vscode.ConfigurationTarget.Global);
}
