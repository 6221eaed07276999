// Environment for the processes the harness starts.

/**
 * This process's environment without what `npm run` adds about *this* package (lifecycle, package
 * fields, local prefix): an `npm install` elsewhere or a VS Code server must not see them.
 */
export function baseEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^npm_(package_|lifecycle_|config_local_prefix$)/.test(key) || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Keys and endpoints from the developer's shell never reach a VS Code under test (nor a port of the demo's). */
export const SCRUBBED_FOR_VSCODE = [
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'RILL_API_KEY',
  'RILL_BASE_URL',
  'RILL_PROVIDER',
  'RILL_MODEL',
  'RILL_COMPLETION_BASE_URL',
  'RILL_CHAT_BASE_URL',
  'RILL_COMPLETION_MODEL',
  'RILL_CHAT_MODEL',
  'RILL_COMPLETION_FIM_MODE',
  'VSCODE_IPC_HOOK_CLI',
  'ELECTRON_RUN_AS_NODE',
  // `PORT=8080 npm run demo` names the port the demo serves on; code-server takes $PORT over its
  // --bind-addr and would listen there, not on the port the harness picked and waits on.
  'PORT',
] as const;

/** The environment of a VS Code server under test: base, scrubbed, then the caller's values. */
export function vscodeEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env = baseEnv();
  for (const key of SCRUBBED_FOR_VSCODE) delete env[key];
  return { ...env, ...extra };
}
