// Rill: Detect Local Model Server: probes Ollama and llama.cpp on this machine and, when one
// answers, offers to point completion and chat at it (user settings: base URLs are
// application-scoped, so only the user can set them).
import * as vscode from 'vscode';
import type { RillLog } from './log';
import type { ProviderRegistry } from './providers';
import {
  type EndpointChoice,
  LOCAL_SERVER_LABELS,
  type LocalServer,
  type LocalServerCandidate,
  endpointsFor,
  probeLocalServers,
} from '../llm/localServers';

export interface DetectOptions {
  /** Where to look (tests); default Ollama on :11434 and llama.cpp on :8080. */
  readonly candidates?: readonly LocalServerCandidate[];
  /** Configure the first server found without asking (tests). */
  readonly configure?: boolean;
}

export function registerDetectLocalServer(providers: ProviderRegistry, log: RillLog): vscode.Disposable {
  return vscode.commands.registerCommand('rill.detectLocalServer', (options?: DetectOptions) => detectLocalServer(providers, log, options ?? {}));
}

async function detectLocalServer(providers: ProviderRegistry, log: RillLog, options: DetectOptions): Promise<LocalServer | undefined> {
  const servers = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Rill: Looking for Ollama and llama.cpp on this machine…' },
    () => probeLocalServers(options.candidates),
  );
  log.info(`Detect local server: ${servers.length ? servers.map((s) => `${s.kind} at ${s.url} (${s.models.length} models)`).join(', ') : 'none found'}.`);
  if (servers.length === 0) {
    if (!options.configure) {
      void vscode.window.showInformationMessage(
        'Rill found no local model server. Start Ollama (`ollama serve`, port 11434) or llama.cpp (`llama-server --port 8080`), then try again.',
      );
    }
    return undefined;
  }
  const server = options.configure ? servers[0] : await choose(servers);
  if (!server) return undefined;
  const current = { completion: providers.endpoint('completion').model, chat: providers.endpoint('chat').model };
  const endpoints = endpointsFor(server, current);
  await configure('completion', endpoints.completion);
  await configure('chat', endpoints.chat);
  const label = LOCAL_SERVER_LABELS[server.kind];
  log.info(`Configured ${label} at ${server.url}: completion ${endpoints.completion.model ?? '(unchanged)'}, chat ${endpoints.chat.model ?? '(unchanged)'}.`);
  if (!options.configure) {
    const select = 'Select Model…';
    const noModels = server.models.length === 0 ? ` It reports no models yet: ${server.kind === 'ollama' ? 'pull one with `ollama pull qwen2.5-coder:1.5b-base`' : 'start it with a model'}.` : '';
    void vscode.window.showInformationMessage(`Rill now uses ${label} at ${server.url}.${noModels}`, select).then((answer) => {
      if (answer === select) void vscode.commands.executeCommand('rill.selectModel');
    });
  }
  return server;
}

async function choose(servers: readonly LocalServer[]): Promise<LocalServer | undefined> {
  const items = servers.map((server) => ({
    label: `Use ${LOCAL_SERVER_LABELS[server.kind]}`,
    description: server.url,
    detail: server.models.length ? `Models: ${server.models.slice(0, 6).join(', ')}${server.models.length > 6 ? ', …' : ''}` : 'No models reported',
    server,
  }));
  return (await vscode.window.showQuickPick(items, { title: 'Rill: Found a local model server', placeHolder: 'Point completion and chat at it' }))?.server;
}

async function configure(role: 'completion' | 'chat', choice: EndpointChoice): Promise<void> {
  const config = vscode.workspace.getConfiguration('rill');
  await config.update(`${role}.provider`, choice.provider, vscode.ConfigurationTarget.Global);
  await config.update(`${role}.baseUrl`, choice.baseUrl, vscode.ConfigurationTarget.Global);
  if (choice.model) await config.update(`${role}.model`, choice.model, vscode.ConfigurationTarget.Global);
}
