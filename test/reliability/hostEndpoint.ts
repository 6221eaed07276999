// Inside the extension host: a fake LLM server of the test's own (so a test can play faults), and
// Rill's user settings pointed at it for the duration of a suite. User (global) settings are what
// a person would change; the previous values come back afterwards so other suites see the harness's.
import * as vscode from 'vscode';
import type { RillApi } from '../../src/extension';
import { FakeLlmServer } from '../fake-llm/server';
import { waitFor } from '../host/rill';

export interface PointedRill {
  readonly llm: FakeLlmServer;
  /** `${llm.url}/v1`: the base URL Rill now uses for both roles. */
  readonly baseUrl: string;
  /** Points both roles at another base URL (e.g. a closed port), keeping the other settings. */
  useBaseUrl(url: string): Promise<void>;
  /** Restores the user settings and closes the server. */
  dispose(): Promise<void>;
}

/** Settings (under `rill.`) a suite may set on top of the endpoint. */
export type RillSettings = Readonly<Record<string, unknown>>;

export async function pointRillAtFakeServer(api: RillApi, extra: RillSettings = {}): Promise<PointedRill> {
  const llm = await FakeLlmServer.start();
  const baseUrl = `${llm.url}/v1`;
  const config = () => vscode.workspace.getConfiguration('rill');
  const previous = new Map<string, unknown>();
  const set = async (key: string, value: unknown) => {
    if (!previous.has(key)) previous.set(key, config().inspect(key)?.globalValue);
    await config().update(key, value, vscode.ConfigurationTarget.Global);
  };
  const useBaseUrl = async (url: string) => {
    await set('chat.baseUrl', url);
    await set('completion.baseUrl', url);
    await waitFor(`Rill to use ${url}`, () =>
      api.providers.endpoint('chat').baseUrl === url && api.providers.endpoint('completion').baseUrl === url ? true : undefined,
    );
  };
  try {
    await set('chat.provider', 'openai-compatible');
    await set('completion.provider', 'openai-compatible');
    await set('completion.fimMode', 'completions');
    for (const [key, value] of Object.entries(extra)) await set(key, value);
    await useBaseUrl(baseUrl);
  } catch (error) {
    await llm.close();
    throw error;
  }
  return {
    llm,
    baseUrl,
    useBaseUrl,
    async dispose() {
      for (const [key, value] of previous) await config().update(key, value, vscode.ConfigurationTarget.Global);
      await llm.close();
    },
  };
}

/** A base URL on which nothing listens: a server started and closed again, so the port is free. */
export async function closedPortUrl(): Promise<string> {
  const probe = await FakeLlmServer.start();
  const url = `${probe.url}/v1`;
  await probe.close();
  return url;
}
