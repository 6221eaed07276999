// The harness's public face: install a VS Code flavor, start it on a free loopback port with a fresh
// data dir, and stop it (process group) when done. `scripts/demo.ts` imports this file too.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './debian';
import { vscodeEnv } from './env';
import { FLAVORS, type ServerKind, type VsCodeFlavor } from './flavors';
import { type CodeServerInstall, ensureCodeServer, serverFiles } from './install';
import { pollFor } from './poll';
import { freePort } from './ports';
import { exited, onInterrupt, run, spawnGroup, stopGroup } from './processes';
import { writeUserSettings } from './userSettings';

export type { VsCodeFlavor } from './flavors';
export type { CodeServerInstall } from './install';
export { ensureChromium, ensureCodeServer };

export interface StartOptions {
  readonly flavor: VsCodeFlavor;
  /** Folder opened in the workbench (absolute). */
  readonly workspace: string;
  /** Added to the server's environment; the extension host inherits it (RILL_BASE_URL...). */
  readonly env?: Record<string, string>;
  /** Defaults to a fresh folder inside the data dir. */
  readonly extensionsDir?: string;
  /** Packaged extensions installed before the server starts, in order. */
  readonly vsix?: string | readonly string[];
  /** Written to the user settings.json on the server (both flavors keep user data server-side). */
  readonly userSettings?: Record<string, unknown>;
  /** Where the server log (and, on stop, VS Code's own logs) go; defaults to the data dir. */
  readonly logDir?: string;
  /**
   * Which server runs (default: the one the flavor is tested on). The demo takes code-server's own
   * on every flavor: the plain VS Code server answers the web workbench's POST /mint-key with 405,
   * so a key stored with Set API Key… lived only until the window reloaded.
   */
  readonly server?: ServerKind;
}

export interface RunningVsCode {
  readonly url: string;
  readonly port: number;
  readonly flavor: VsCodeFlavor;
  readonly vscodeVersion: string;
  /** stdout + stderr of the server. */
  readonly logFile: string;
  /** Fresh per start; removed by stop() unless RILL_KEEP_VSCODE_DATA=1. */
  readonly dataDir: string;
  readonly workspace: string;
  /** The user settings in force: the harness's quiet defaults plus `StartOptions.userSettings`. */
  readonly userSettings: Readonly<Record<string, unknown>>;
  /** The user settings.json on the server; VS Code follows changes to it while running. */
  readonly settingsFile: string;
  /** The workbench URL for the workspace, optionally with a `payload` (development mode, tests). */
  workbenchUrl(payload?: ReadonlyArray<readonly [string, string]>): string;
  /** A `vscode-remote://` URI for a path on this server (extensionDevelopmentPath and friends). */
  remoteUri(path: string): string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/** Keeps first-run UI (welcome page, tips, update checks) out of the way of tests. */
const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  // Opening a file would otherwise query the extension gallery for recommendations.
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  // Newer VS Code opens a Chat view (with its own Monaco input) and hints at AI in empty editors.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.empty.hint': 'hidden',
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
};

export async function startVsCode(options: StartOptions): Promise<RunningVsCode> {
  const install = await ensureCodeServer(options.flavor);
  const dataDir = mkdtempSync(join(tmpdir(), `rill-vscode-${options.flavor}-`));
  const logDir = options.logDir ?? dataDir;
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, 'vscode-server.log');
  rmSync(logFile, { force: true });
  const extensionsDir = options.extensionsDir ?? join(dataDir, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  const layout = serverLayout(install, dataDir, extensionsDir, options.server ?? FLAVORS[options.flavor].server);
  // VS Code's built-in chat (1.104+, once a test turns AI features on) writes lock files under
  // $COPILOT_HOME (else ~/.copilot) and sockets under the temp folder: both go into the data dir,
  // which stop() removes, so no run leaves files in the machine's home or temp folder.
  const privateTmp = join(dataDir, 'tmp');
  mkdirSync(privateTmp, { recursive: true });
  const env = vscodeEnv({ ...options.env, RILL_VSCODE_DATA_DIR: dataDir, COPILOT_HOME: join(dataDir, 'copilot-home'), TMPDIR: privateTmp });

  for (const vsix of [options.vsix ?? []].flat()) {
    await run(layout.node, layout.installExtensionArgs(vsix), { env, logFile, timeoutMs: 120_000 });
  }
  const userSettings = { ...QUIET_SETTINGS, ...options.userSettings };
  writeUserSettings(layout.settingsFile, userSettings);

  const port = await freePort();
  const child = spawnGroup(layout.node, layout.serveArgs(port, options.workspace), { env, logFile, cwd: dataDir });
  let stopped: Promise<void> | undefined;
  const removeInterruptHook = onInterrupt(() => cleanupSync(dataDir, logDir, options.logDir !== undefined));
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await stopGroup(child);
      removeInterruptHook();
      cleanupSync(dataDir, logDir, options.logDir !== undefined);
    })();
    return stopped;
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([
      pollFor(() => probe(`${url}${layout.healthPath}`), { timeoutMs: START_TIMEOUT_MS, what: `VS Code ${install.vscodeVersion} to answer on ${url}` }),
      exited(child).then((code) => {
        throw new Error(`VS Code server exited (${code}) before it was ready:\n${tail(logFile)}`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    port,
    flavor: options.flavor,
    vscodeVersion: install.vscodeVersion,
    logFile,
    dataDir,
    workspace: options.workspace,
    userSettings,
    settingsFile: layout.settingsFile,
    workbenchUrl(payload) {
      const query = new URLSearchParams({ folder: options.workspace });
      if (payload) query.set('payload', JSON.stringify(payload));
      return `${url}/?${query.toString()}`;
    },
    remoteUri(path) {
      return `vscode-remote://127.0.0.1:${port}${path}`;
    },
    stop,
  };
}

interface ServerLayout {
  readonly node: string;
  readonly settingsFile: string;
  readonly healthPath: string;
  installExtensionArgs(vsix: string): string[];
  serveArgs(port: number, workspace: string): string[];
}

function serverLayout(install: CodeServerInstall, dataDir: string, extensionsDir: string, server: ServerKind): ServerLayout {
  const files = serverFiles(install, server);
  if (server === 'code-server') {
    const userDataDir = join(dataDir, 'user-data');
    // --config keeps code-server from writing ~/.config/code-server/config.yaml.
    const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', join(dataDir, 'config.yaml')];
    return {
      node: files.node,
      settingsFile: join(userDataDir, 'User', 'settings.json'),
      healthPath: '/healthz',
      installExtensionArgs: (vsix) => [files.entry, ...common, '--force', '--install-extension', vsix],
      serveArgs: (port, workspace) => [
        files.entry,
        ...common,
        '--auth', 'none',
        '--bind-addr', `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        workspace,
      ],
    };
  }
  const serverDataDir = join(dataDir, 'server-data');
  const common = ['--server-data-dir', serverDataDir, '--extensions-dir', extensionsDir, '--accept-server-license-terms'];
  return {
    node: files.node,
    // code-server's build of the server hands its user data path to the web workbench, which then
    // keeps user settings on the server (upstream's web workbench would keep them in IndexedDB).
    settingsFile: join(serverDataDir, 'data', 'User', 'settings.json'),
    healthPath: '/version',
    installExtensionArgs: (vsix) => [files.entry, ...common, '--force', '--install-extension', vsix],
    serveArgs: (port) => [
      files.entry,
      ...common,
      '--host', '127.0.0.1',
      '--port', String(port),
      '--without-connection-token',
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      '--disable-workspace-trust',
    ],
  };
}

async function probe(url: string): Promise<true | undefined> {
  const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
  await response.body?.cancel();
  return response.status < 500 ? true : undefined;
}

/** Keeps VS Code's own logs (extension host, Rill's output channel) next to the server log. */
function cleanupSync(dataDir: string, logDir: string, keepLogs: boolean): void {
  if (keepLogs) {
    for (const logs of [join(dataDir, 'user-data', 'logs'), join(dataDir, 'server-data', 'data', 'logs')]) {
      if (existsSync(logs)) cpSync(logs, join(logDir, 'vscode-logs'), { recursive: true, force: true });
    }
  }
  if (process.env.RILL_KEEP_VSCODE_DATA !== '1') rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
