// Inside the extension host: a fake LLM server of the test's own (so a test can play faults), and
// Rill's user settings pointed at it for the duration of a suite, in the wire format asked for
// (faultWires.ts: OpenAI or Anthropic chat; OpenAI completions, llama.cpp /infill or a raw FIM
// template for completion). User (global) settings are what a person would change; the previous
// values come back afterwards so other suites see the harness's.
import * as vscode from 'vscode';
import type { RillApi } from '../host/rill';
import { FakeLlmServer } from '../fake-llm/server';
import { waitFor } from '../host/rill';
export { closedPortUrl } from './closedPort';
import { CHAT_WIRES, type ChatWire, COMPLETION_WIRES, type CompletionWire } from './faultWires';

export interface PointedRill {
  readonly llm: FakeLlmServer;
  readonly chatWire: ChatWire;
  readonly completionWire: CompletionWire;
  /** The base URL Rill uses for chat (and for completion with the default wires): `${llm.url}/v1`. */
  readonly baseUrl: string;
  /** Points both roles at another server root (e.g. a closed port), in the same wire formats. */
  useServer(serverUrl: string): Promise<void>;
  /** Back to `llm`. */
  useOwnServer(): Promise<void>;
  /** Restores the user settings and closes the server. */
  dispose(): Promise<void>;
}

/** Settings (under `rill.`) a suite may set on top of the endpoint. */
export type RillSettings = Readonly<Record<string, unknown>>;

export interface Wires {
  readonly chat?: ChatWire;
  readonly completion?: CompletionWire;
}

export async function pointRillAtFakeServer(api: RillApi, extra: RillSettings = {}, wires: Wires = {}): Promise<PointedRill> {
  const chatWire = wires.chat ?? CHAT_WIRES['openai-chat'];
  const completionWire = wires.completion ?? COMPLETION_WIRES.completions;
  const llm = await FakeLlmServer.start();
  const config = () => vscode.workspace.getConfiguration('rill');
  const previous = new Map<string, unknown>();
  const set = async (key: string, value: unknown) => {
    if (!previous.has(key)) previous.set(key, config().inspect(key)?.globalValue);
    await config().update(key, value, vscode.ConfigurationTarget.Global);
  };
  const useServer = async (serverUrl: string) => {
    const chat = chatWire.baseUrl(serverUrl);
    const completion = completionWire.baseUrl(serverUrl);
    await set('chat.baseUrl', chat);
    await set('completion.baseUrl', completion);
    await waitFor(`Rill to use ${serverUrl}`, () =>
      api.providers.endpoint('chat').baseUrl === chat && api.providers.endpoint('completion').baseUrl === completion ? true : undefined,
    );
  };
  try {
    await set('chat.provider', chatWire.provider);
    await set('completion.provider', completionWire.provider);
    await set('completion.fimTemplate', 'auto');
    for (const [key, value] of Object.entries(completionWire.settings)) await set(`completion.${key}`, value);
    for (const [key, value] of Object.entries(extra)) await set(key, value);
    await useServer(llm.url);
    await waitFor('Rill to use the wire formats', () =>
      api.providers.endpoint('chat').provider === chatWire.provider && api.providers.endpoint('completion').provider === completionWire.provider ? true : undefined,
    );
  } catch (error) {
    await llm.close();
    throw error;
  }
  return {
    llm,
    chatWire,
    completionWire,
    baseUrl: chatWire.baseUrl(llm.url),
    useServer,
    useOwnServer: () => useServer(llm.url),
    async dispose() {
      for (const [key, value] of previous) await config().update(key, value, vscode.ConfigurationTarget.Global);
      await llm.close();
    },
  };
}
