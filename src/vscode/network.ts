// Network settings for Rill's requests: VS Code's proxy settings (`http.proxy`, `http.noProxy`,
// `http.proxyStrictSSL`, `http.proxyAuthorization`, `http.systemCertificates`), the usual proxy
// environment variables (see llm/networkOptions), and extra CA files from
// `rill.network.caCertificates`. All of them are user (application) level.
import { readFile } from 'node:fs/promises';
import * as tls from 'node:tls';
import * as vscode from 'vscode';
import { urlSecrets } from '../llm/urlRedaction';
import type { NetworkOptions } from '../llm/networkFetch';
import { type Environment, networkOptions } from '../llm/networkOptions';
import { caFiles } from './caFileWatcher';
import type { RillLog } from './log';

function stringOrEmpty(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export async function readNetworkOptions(log: RillLog, env: Environment = process.env): Promise<NetworkOptions> {
  const http = vscode.workspace.getConfiguration('http');
  const noProxy = http.get<unknown>('noProxy', []);
  const settings = {
    proxy: String(http.get<unknown>('proxy', '') ?? ''),
    noProxy: Array.isArray(noProxy) ? noProxy.filter((h): h is string => typeof h === 'string') : [],
    strictSSL: http.get<boolean>('proxyStrictSSL', true) !== false,
    proxyAuthorization: stringOrEmpty(http.get<unknown>('proxyAuthorization', '')),
  };
  // The proxy's credentials never reach the log, whatever echoes them (a proxy's error page, a URL).
  for (const secret of [...urlSecrets(settings.proxy), settings.proxyAuthorization, settings.proxyAuthorization.split(/\s+/).at(-1)]) log.addSecret(secret);
  const extraCa: string[] = [];
  for (const file of caFiles()) {
    try {
      extraCa.push(await readFile(file, 'utf8'));
    } catch (error) {
      log.warn(`Could not read the CA certificate file "${file}" (rill.network.caCertificates): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const systemCa = http.get<boolean>('systemCertificates', true) !== false ? systemCertificates(log) : [];
  return { ...networkOptions(settings, env, extraCa), systemCa };
}

/**
 * The operating system's trusted CAs, where Node can read them (22.15 and later): without them, a
 * company root CA installed in the system that VS Code trusts was refused once Rill made its own
 * connections for http.proxy or rill.network.caCertificates.
 */
function systemCertificates(log: RillLog): string[] {
  const read = (tls as { getCACertificates?: (type: 'system') => string[] }).getCACertificates;
  if (!read) return [];
  try {
    return read('system');
  } catch (error) {
    log.warn(`Could not read the system's CA certificates: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

/** Fires when a setting that changes how requests reach the network changed. */
export function onDidChangeNetwork(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (['http.proxy', 'http.noProxy', 'http.proxyStrictSSL', 'http.proxyAuthorization', 'http.systemCertificates'].some((s) => e.affectsConfiguration(s))) listener();
  });
}
