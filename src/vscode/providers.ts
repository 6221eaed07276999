// Builds the LlmProvider for a role (completion or chat) from settings and the stored key, and
// rebuilds it when either changes: only the role that changed. The connection pool both roles
// share is closed only when how requests reach the network changed (proxy, CA certificates), so a
// chat setting never cuts a completion stream, nor a completion setting a chat answer.
import * as vscode from 'vscode';
import { endpointUrls } from '../llm/endpointUrls';
import { DisposableStore } from '../base/disposable';
import { ServerCapabilities } from '../llm/capabilityCache';
import { createProvider } from '../llm/createProvider';
import { createNetworkFetch, type NetworkFetch } from '../llm/networkFetch';
import type { ProbeTarget, ServerReport } from '../llm/serverCapabilities';
import type { LlmProvider } from '../llm/types';
import { usesGatewayKey } from '../llm/keyPlacement';
import { headerSecrets, urlSecrets } from '../llm/urlRedaction';
import { onDidChangeCaFiles } from './caFileWatcher';
import type { KeyStore } from './keys';
import type { RillLog } from './log';
import { onDidChangeNetwork, readNetworkOptions } from './network';
import { ENDPOINT_ROLES, type EndpointRole, type EndpointSettings, type Settings } from './settings';

/** Which roles' providers may have changed. */
export interface ProviderChange {
  readonly roles: readonly EndpointRole[];
}

export class ProviderRegistry implements vscode.Disposable {
  private readonly cache = new Map<EndpointRole, Promise<LlmProvider>>();
  /** Providers for other models of a role's server (VS Code's chat picks among them). */
  private readonly otherModels = new Map<string, Promise<LlmProvider>>();
  private readonly changed = new vscode.EventEmitter<ProviderChange>();
  /** Fires when the provider of a role may have changed (its settings, its key, the network), naming the roles. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions = new DisposableStore();
  private network: Promise<NetworkFetch | undefined> | undefined;
  /** What each server reports about itself (FIM support, slots), asked once per server and model. */
  readonly capabilities = new ServerCapabilities();
  /** Per role, the settings that decide which server answers a probe (see `serverMoved`). */
  private readonly probed = new Map<EndpointRole, string>();

  constructor(
    private readonly settings: Settings,
    private readonly keys: KeyStore,
    private readonly log: RillLog,
  ) {
    this.subscriptions.add(settings.onDidChange((change) => (change.network ? this.networkChanged() : this.rolesChanged(change.roles))));
    // A key is used by the roles whose provider kind it belongs to.
    this.subscriptions.add(keys.onDidChange((kind) => this.rolesChanged(ENDPOINT_ROLES.filter((role) => settings.endpoint(role).provider === kind))));
    this.subscriptions.add(onDidChangeNetwork(() => this.networkChanged()));
    // A CA file put right or renewed on disk is read again, as if its setting had changed.
    this.subscriptions.add(onDidChangeCaFiles(() => this.networkChanged()));
    this.subscriptions.add(this.changed);
    for (const role of ENDPOINT_ROLES) this.serverMoved(role);
  }

  /** The provider for a role; built once per settings/key state. */
  get(role: EndpointRole): Promise<LlmProvider> {
    let provider = this.cache.get(role);
    if (!provider) {
      provider = this.build(this.settings.endpoint(role), role);
      this.cache.set(role, provider);
    }
    return provider;
  }

  /** The provider for a role's server and settings, with `model` instead of the configured one. */
  forModel(role: EndpointRole, model: string): Promise<LlmProvider> {
    const settings = this.settings.endpoint(role);
    if (model === settings.model) return this.get(role);
    const key = `${role}/${model}`;
    let provider = this.otherModels.get(key);
    if (!provider) {
      provider = this.build({ ...settings, model }, role);
      this.otherModels.set(key, provider);
    }
    return provider;
  }

  endpoint(role: EndpointRole): EndpointSettings {
    return this.settings.endpoint(role);
  }

  /**
   * What the role's server reports about itself (asked once per server and model): Ollama's
   * capabilities, llama.cpp's total_slots and FIM support, an OpenAI-compatible server's owner.
   */
  async serverReport(role: EndpointRole): Promise<ServerReport> {
    const s = this.settings.endpoint(role);
    return this.capabilities.report(await this.probeTarget(s));
  }

  private async probeTarget(s: EndpointSettings): Promise<ProbeTarget & { readonly apiKeyStored: boolean }> {
    this.network ??= readNetworkOptions(this.log).then(createNetworkFetch);
    const network = await this.network;
    const [{ key: apiKey, stored: apiKeyStored }, gatewayKey] = await Promise.all([this.keys.lookup(s.provider), usesGatewayKey(s.headers) ? this.keys.getGateway(s.provider) : undefined]);
    // The log masks the keys, and any credential in the base URL or the headers, in every line.
    for (const secret of [apiKey, gatewayKey, ...urlSecrets(s.baseUrl), ...headerSecrets(s.headers)]) this.log.addSecret(secret);
    return { provider: s.provider, baseUrl: s.baseUrl || undefined, model: s.model, apiKey, apiKeyStored, gatewayKey, headers: s.headers, fetch: network?.fetch };
  }

  private async build(s: EndpointSettings, role: EndpointRole): Promise<LlmProvider> {
    const target = { ...(await this.probeTarget(s)), fimMode: s.fimMode, fimModeFrom: s.fimModeFrom };
    return createProvider({
      // Completion asks the server how it fills in the middle (in `auto`); chat never sends FIM.
      ...(role === 'completion' ? { fimChoice: () => this.capabilities.fimChoice(target), fimChoiceStale: () => this.capabilities.forget(target) } : {}),
      fetch: target.fetch,
      viaProxy: (await this.network)?.viaProxy(endpointUrls(s.provider, s.baseUrl || undefined).base) ?? false,
      provider: s.provider,
      baseUrl: s.baseUrl || undefined,
      model: s.model,
      apiKey: target.apiKey,
      apiKeyStored: target.apiKeyStored,
      gatewayKey: target.gatewayKey,
      headers: s.headers,
      fimMode: s.fimMode,
      fimTemplate: s.fimTemplate,
      maxRetries: s.maxRetries,
      firstTokenTimeoutMs: s.firstTokenTimeoutMs,
      idleTimeoutMs: s.idleTimeoutMs,
      note: (line) => this.log.info(line),
    });
  }

  /** The next `get` of each role builds its provider anew; streams already running go on. */
  private rolesChanged(roles: readonly EndpointRole[]): void {
    if (roles.length === 0) return;
    for (const role of roles) {
      this.cache.delete(role);
      for (const key of this.otherModels.keys()) if (key.startsWith(`${role}/`)) this.otherModels.delete(key);
    }
    // A server behind a changed URL or model may answer differently: ask again (cheap). A change of
    // anything else (a temperature, completion turned on) keeps what the servers reported, so that a
    // server is not asked again for nothing (several at once, by the slot gate and the first request).
    if (roles.map((role) => this.serverMoved(role)).some(Boolean)) this.capabilities.clear();
    this.changed.fire({ roles });
  }

  /** Whether the role's provider, URL, model or headers changed since last asked (and notes them). */
  private serverMoved(role: EndpointRole): boolean {
    const s = this.settings.endpoint(role);
    const now = JSON.stringify([s.provider, s.baseUrl, s.model, s.headers]);
    const moved = this.probed.get(role) !== now;
    this.probed.set(role, now);
    return moved;
  }

  /** Every connection goes: the pool is rebuilt with the new proxy or certificates, for both roles. */
  private networkChanged(): void {
    void this.closeNetwork();
    this.capabilities.clear();
    this.rolesChanged(ENDPOINT_ROLES);
  }

  private async closeNetwork(): Promise<void> {
    const network = this.network;
    this.network = undefined;
    await (await network)?.close();
  }

  dispose(): void {
    void this.closeNetwork();
    this.subscriptions.dispose();
  }
}
