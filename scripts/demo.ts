// `npm run demo`: packages Rill, installs it into a VS Code (code-server) and opens the sample
// workspace at a printed URL, with Rill pointed at a real provider when one is configured in the
// environment (OPENAI_API_KEY, ANTHROPIC_API_KEY, RILL_BASE_URL) and at the demo model server
// otherwise. Ctrl+C stops everything. See demo/README.md.
//
//   npm run demo [-- --demo-model] [-- --check] [-- --no-package]
//   PORT=8080 RILL_VSCODE=oldest npm run demo
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CheckResult, CHECK_USER_SETTINGS, checkDemo } from '../demo/launch/check';
import { firstServedModel } from '../demo/launch/discoverModel';
import { type PortForward, forwardPort } from '../demo/launch/portForward';
import { prepareRunDir } from '../demo/launch/runDir';
import { demoPaceFromEnv } from '../demo/pace';
import { type ProviderPlan, chooseBackend, providerPlan } from '../demo/providerEnv';
import { type DemoServer, type ServedRequest, startDemoServer } from '../demo/server';
import { type RunningVsCode, ensureCodeServer, startVsCode } from '../tools/codeServer';
import type { VsCodeFlavor } from '../tools/flavors';
import { PROJECT_ROOT, cacheDir } from '../tools/paths';
import { exitProcess, onInterrupt, run } from '../tools/processes';

/**
 * The sample's README on start; VS Code's built-in AI (Copilot's chat, its sign-in prompts) out of
 * the way of Rill's, as it needs an account the demo does not have.
 */
const DEMO_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'readme',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
};

const args = new Set(process.argv.slice(2));
const check = args.has('--check');
const print = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const flavor = vscodeFlavor(process.env.RILL_VSCODE);
  const requestedPort = process.env.PORT ? Number(process.env.PORT) : undefined;
  if (requestedPort !== undefined && !(Number.isInteger(requestedPort) && requestedPort > 0 && requestedPort < 65536)) {
    throw new Error(`PORT must be a TCP port number (got "${process.env.PORT}").`);
  }
  // The check looks for the demo model's own text, so it always uses the demo model.
  const backend = chooseBackend(process.env, check || args.has('--demo-model'));
  const dir = prepareRunDir(join(cacheDir(), 'demo'), join(PROJECT_ROOT, 'demo', 'workspace'));
  const vsix = join(PROJECT_ROOT, 'rill.vsix');

  print(`Rill demo: VS Code ${flavor} flavor; run folder ${dir.root}`);
  const packaging = args.has('--no-package') && existsSync(vsix)
    ? Promise.resolve(print('Rill demo: using the existing rill.vsix (--no-package)'))
    : (print('Rill demo: building and packaging Rill (npm run package)...'),
      run('npm', ['run', 'package'], { cwd: PROJECT_ROOT, logFile: join(dir.logs, 'package.log'), timeoutMs: 300_000 }).catch((error: unknown) => {
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n${errorLines(join(dir.logs, 'package.log'))}`);
      }));
  // Installing VS Code takes minutes the first time, packaging seconds: do both at once.
  await Promise.all([packaging, ensureCodeServer(flavor)]);

  const stops: (() => Promise<void>)[] = [];
  let model: DemoServer | undefined;
  if (backend === 'demo-model') {
    const log = createWriteStream(join(dir.logs, 'demo-model.log'), { flags: 'a' });
    model = await startDemoServer({
      workspace: dir.workspace,
      port: Number(process.env.RILL_DEMO_MODEL_PORT || 0),
      pace: demoPaceFromEnv(process.env),
      log: (line) => log.write(`${new Date().toISOString()} ${line}\n`),
    });
    const server = model;
    stops.push(() => server.close(), () => new Promise<void>((resolve) => log.end(resolve)));
  }
  const plan = await withDiscoveredModel(providerPlan(backend, process.env, model?.baseUrl));

  print('Rill demo: starting VS Code with Rill installed...');
  const vscode = await startVsCode({
    flavor,
    workspace: dir.workspace,
    env: plan.env,
    vsix,
    logDir: dir.logs,
    userSettings: { ...DEMO_USER_SETTINGS, ...(check ? CHECK_USER_SETTINGS : {}) },
    // code-server's own server on every flavor: keys stored in the browser outlive a reload (see StartOptions.server).
    server: 'code-server',
  });
  stops.unshift(() => vscode.stop());
  const forward = await servePort(vscode, requestedPort);
  if (forward) stops.unshift(() => forward.close());
  // Ctrl+C: the harness kills VS Code's process group; the demo model server lives in this process.
  onInterrupt(() => print('Rill demo: stopped.'));

  const port = forward?.port ?? vscode.port;
  print('');
  print(`Rill demo: open http://127.0.0.1:${port}/?folder=${encodeURIComponent(dir.workspace).replace(/%2F/g, '/')}`);
  print(`  VS Code ${vscode.vscodeVersion} (${flavor}) with Rill from rill.vsix`);
  print(`  Rill talks to ${plan.description}`);
  print(`  Logs: ${dir.logs}`);
  if (!check) print('  Ctrl+C stops everything.');

  try {
    if (check) {
      const servedNow = (): readonly ServedRequest[] => model?.served ?? [];
      const result: CheckResult = await checkDemo(vscode, servedNow, join(PROJECT_ROOT, 'test-results', 'demo'), print);
      print(`Rill demo check passed: ghost text ${JSON.stringify(result.ghostText)}; screenshots ${result.screenshots.join(', ')}`);
      return 0;
    }
    await untilDown(vscode.url);
    print(`Rill demo: VS Code stopped answering; see ${vscode.logFile}`);
    return 1;
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

/** RILL_BASE_URL without a model: use the first model the server lists. */
async function withDiscoveredModel(plan: ProviderPlan): Promise<ProviderPlan> {
  const e = plan.env;
  if (plan.backend !== 'server' || e.RILL_MODEL || e.RILL_COMPLETION_MODEL || e.RILL_CHAT_MODEL || !e.RILL_BASE_URL) return plan;
  const model = await firstServedModel(e.RILL_BASE_URL, e.RILL_API_KEY);
  if (!model) return plan;
  return { ...plan, env: { ...e, RILL_MODEL: model }, description: plan.description.replace('model from settings', `model ${model} (the first it lists)`) };
}

/**
 * The harness picks a free port; when PORT asks for another, connections to PORT are forwarded to
 * it, so the printed URL is the one asked for.
 */
async function servePort(vscode: RunningVsCode, requested: number | undefined): Promise<PortForward | undefined> {
  if (requested === undefined || requested === vscode.port) return undefined;
  return forwardPort(requested, vscode.port);
}

/** Resolves once the server has failed to answer three times in a row (it crashed or was killed). */
async function untilDown(url: string): Promise<void> {
  for (let failures = 0; failures < 3; ) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const up = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) }).then(
      async (r) => (await r.body?.cancel(), true),
      () => false,
    );
    failures = up ? 0 : failures + 1;
  }
}

/** The lines of a build log that say what went wrong. */
function errorLines(logFile: string): string {
  const lines = readFileSync(logFile, 'utf8').split('\n');
  const errors = lines.filter((l) => /\berror\b/i.test(l) && !/^npm warn/i.test(l));
  return (errors.length ? errors : lines.slice(-10)).join('\n');
}

function vscodeFlavor(value: string | undefined): VsCodeFlavor {
  const v = (value ?? 'newest').trim().toLowerCase();
  if (v === 'newest' || v === 'oldest') return v;
  throw new Error(`RILL_VSCODE must be newest or oldest for the demo (got "${value}").`);
}

main().then(
  (code) => exitProcess(code),
  (error: unknown) => {
    process.stderr.write(`Rill demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    exitProcess(1);
  },
);
