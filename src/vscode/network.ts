// Network settings for Rill's requests: VS Code's proxy settings (`http.proxy`, `http.noProxy`,
// `http.proxyStrictSSL`), the usual proxy environment variables, and extra CA files from
// `rill.network.caCertificates`. All of them are user (application) level.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { NetworkOptions } from '../llm/networkFetch';
import type { RillLog } from './log';

export async function readNetworkOptions(log: RillLog, env: NodeJS.ProcessEnv = process.env): Promise<NetworkOptions> {
  const http = vscode.workspace.getConfiguration('http');
  const proxySetting = http.get<string>('proxy', '').trim();
  const proxy = proxySetting || env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy || undefined;
  const httpProxy = proxySetting || env.HTTP_PROXY || env.http_proxy || undefined;
  const noProxy = [...http.get<string[]>('noProxy', []), env.NO_PROXY ?? env.no_proxy ?? ''].filter(Boolean).join(',');
  const caFiles = vscode.workspace.getConfiguration('rill').inspect<string[]>('network.caCertificates')?.globalValue ?? [];
  const extraCa: string[] = [];
  for (const file of caFiles) {
    try {
      extraCa.push(await readFile(file, 'utf8'));
    } catch (error) {
      log.warn(`Could not read the CA certificate file "${file}" (rill.network.caCertificates): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { proxy, httpProxy, noProxy: noProxy || undefined, extraCa, strictSSL: http.get<boolean>('proxyStrictSSL', true) };
}

/** Fires when a setting that changes how requests reach the network changed. */
export function onDidChangeNetwork(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('http.proxy') || e.affectsConfiguration('http.noProxy') || e.affectsConfiguration('http.proxyStrictSSL')) listener();
  });
}
