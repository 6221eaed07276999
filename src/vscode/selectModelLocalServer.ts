// Rill: Detect Local Model Server: probes Ollama, llama.cpp, LM Studio and vLLM on this machine and, when one
// answers, offers to point completion and chat at it (user settings: base URLs are
// application-scoped, so only the user can set them).
import * as vscode from 'vscode';
import type { RillLog } from './log';
import type { ProviderRegistry } from './providers';
import {
  type EndpointChoice,
  LOCAL_SERVER_LABELS,
  LOCAL_SERVERS,
  type LocalServer,
  type LocalServerCandidate,
  endpointsFor,
  probeLocalServers,
} from '../llm/localServers';

/**
 * The command. It takes no arguments and always asks before pointing anything at a server found:
 * another extension running it gets the same question a person does.
 */
export class LocalServerDetector implements vscode.Disposable {
  /** Where to look: the servers' default ports (LOCAL_SERVERS; the host suite's test build points it at its fake servers). */
  candidates: readonly LocalServerCandidate[] = LOCAL_SERVERS;
  private readonly command: vscode.Disposable;

  constructor(
    private readonly providers: ProviderRegistry,
    private readonly log: RillLog,
  ) {
    this.command = vscode.commands.registerCommand('rill.detectLocalServer', () => this.detect());
  }

  /** Looks, offers what it found, and points completion and chat at the server the user picks. */
  async detect(): Promise<LocalServer | undefined> {
    const candidates = this.candidates;
    const servers = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Rill: Looking for Ollama, llama.cpp, LM Studio and vLLM on this machine…' },
      () => probeLocalServers(candidates),
    );
    this.log.info(`Detect local server: ${servers.length ? servers.map((s) => `${s.kind} at ${s.url} (${s.models.length} models)`).join(', ') : 'none found'}.`);
    if (servers.length === 0) {
      void vscode.window.showInformationMessage(
        'Rill found no local model server on the default ports. Start Ollama ("ollama serve", port 11434), llama.cpp ("llama-server --port 8080"), LM Studio\'s server (port 1234) or vLLM ("vllm serve", port 8000), then try again; on another port, use "Rill: Choose Provider…" → An OpenAI-compatible server.',
      );
      return undefined;
    }
    const server = await choose(servers);
    if (!server) return undefined;
    const current = { completion: this.providers.endpoint('completion').model, chat: this.providers.endpoint('chat').model };
    const endpoints = endpointsFor(server, current);
    await configure('completion', endpoints.completion);
    await configure('chat', endpoints.chat);
    const label = LOCAL_SERVER_LABELS[server.kind];
    this.log.info(`Configured ${label} at ${server.url}: completion ${endpoints.completion.model ?? '(unchanged)'}, chat ${endpoints.chat.model ?? '(unchanged)'}.`);
    const select = 'Select Model…';
    const noModels = server.models.length === 0 ? ` It reports no models yet: ${NO_MODELS_HINT[server.kind]}.` : '';
    void vscode.window.showInformationMessage(`Rill now uses ${label} at ${server.url}.${noModels}`, select).then((answer) => {
      if (answer === select) void vscode.commands.executeCommand('rill.selectModel');
    });
    return server;
  }

  dispose(): void {
    this.command.dispose();
  }
}

/** What to do when a server found reports no models. */
const NO_MODELS_HINT: Record<LocalServer['kind'], string> = {
  ollama: 'pull one with `ollama pull qwen2.5-coder:1.5b-base`',
  llamacpp: 'start it with a model',
  lmstudio: 'load one in LM Studio',
  vllm: 'start it with a model',
};

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
