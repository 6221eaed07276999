// One e2e run on one VS Code flavor: a fake LLM server, VS Code with Rill installed from the VSIX and
// pointed at that server through the environment, and Chromium. Started by the root hooks
// (hooks.ts); tests reach it through `e2e()`.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { FakeLlmServer } from '../fake-llm/server';
import { launchChromium } from '../../tools/browser';
import { type RunningVsCode, startVsCode } from '../../tools/codeServer';
import { selectedFlavors, type VsCodeFlavor } from '../../tools/flavors';
import { PROJECT_ROOT, resultsDir } from '../../tools/paths';
import { onInterrupt } from '../../tools/processes';
import { packageVsix } from '../harness/vsix';
import { Workbench } from './workbench';

/** Settings that keep the suggest widget and other popups from covering or replacing ghost text. */
export const E2E_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.parameterHints.enabled': false,
  'editor.hover.enabled': false,
  'editor.inlineSuggest.enabled': true,
  'files.autoSave': 'off',
  // The fake server answers requests in parallel: completion need not wait for chat.
  'rill.network.localServerSlots': 4,
};

export class E2eEnvironment {
  private readonly workbenches = new Set<Workbench>();

  private constructor(
    readonly flavor: VsCodeFlavor,
    readonly llm: FakeLlmServer,
    readonly vscode: RunningVsCode,
    readonly browser: Browser,
    /** test-results/e2e-<flavor>/ */
    readonly resultsDir: string,
    /** The packaged Rill installed in `vscode` (a test may install it in a VS Code of its own). */
    readonly vsix: string,
    private readonly workspace: string,
  ) {}

  /**
   * `suite` names the artifacts folder: test-results/<suite>-<flavor>/. `userSettings` go over the
   * e2e defaults (a suite that needs VS Code's built-in chat turns `chat.disableAIFeatures` off).
   */
  static async start(flavor: VsCodeFlavor, suite = 'e2e', userSettings: Readonly<Record<string, unknown>> = {}): Promise<E2eEnvironment> {
    const results = resultsDir(suite, flavor);
    rmSync(results, { recursive: true, force: true });
    mkdirSync(join(results, 'screenshots'), { recursive: true });
    const vsix = process.env.RILL_E2E_VSIX || (await packageVsix(join(results, 'package.log')));
    const workspace = mkdtempSync(join(tmpdir(), 'rill-e2e-ws-'));
    // Also on a signal in the middle of starting, before stopE2e is hooked (startVsCode removes its own dir).
    onInterrupt(() => rmSync(workspace, { recursive: true, force: true }));
    cpSync(join(PROJECT_ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
    const stops: (() => Promise<unknown>)[] = [async () => rmSync(workspace, { recursive: true, force: true })];
    try {
      const llm = await FakeLlmServer.start();
      stops.unshift(() => llm.close());
      const vscode = await startVsCode({
        flavor,
        workspace,
        vsix,
        logDir: results,
        userSettings: { ...E2E_USER_SETTINGS, ...userSettings },
        env: {
          RILL_PROVIDER: 'openai-compatible',
          RILL_BASE_URL: `${llm.url}/v1`,
          RILL_MODEL: 'fake-chat-model',
          RILL_COMPLETION_MODEL: 'fake-completion-model',
          RILL_COMPLETION_FIM_MODE: 'completions',
        },
      });
      stops.unshift(() => vscode.stop());
      const browser = await launchChromium();
      return new E2eEnvironment(flavor, llm, vscode, browser, results, vsix, workspace);
    } catch (error) {
      for (const stop of stops) await stop().catch(() => undefined);
      throw error;
    }
  }

  /** A new browser context on the workbench; closed by the environment at the end if still open. */
  async openWorkbench(): Promise<Workbench> {
    const workbench: Workbench = await Workbench.open(this.browser, this.vscode, join(this.resultsDir, 'screenshots'), () =>
      this.workbenches.delete(workbench),
    );
    this.workbenches.add(workbench);
    return workbench;
  }

  /** Screenshots of every open workbench, e.g. after each test. */
  async screenshotAll(name: string): Promise<void> {
    for (const workbench of this.workbenches) await workbench.screenshot(name).catch(() => undefined);
  }

  async stop(): Promise<void> {
    for (const workbench of [...this.workbenches]) await workbench.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    await this.vscode.stop();
    writeFileSync(join(this.resultsDir, 'fake-llm-requests.json'), JSON.stringify(this.llm.requests, null, 2));
    await this.llm.close();
    rmSync(this.workspace, { recursive: true, force: true });
  }
}

let current: E2eEnvironment | undefined;

/** The environment of this mocha run (one flavor: RILL_VSCODE, default oldest when run directly). */
export function e2e(): E2eEnvironment {
  if (!current) throw new Error('the e2e environment is not started: run through `npm run test:e2e` or mocha with --require test/e2e/hooks.ts');
  return current;
}

export async function startE2e(): Promise<E2eEnvironment> {
  const flavors = selectedFlavors();
  if (flavors.length !== 1) throw new Error('one mocha run drives one flavor: set RILL_VSCODE=oldest or newest (npm run test:e2e runs each)');
  current = await E2eEnvironment.start(flavors[0]);
  // Ctrl+C or the runner's SIGTERM: stop as afterAll would (VS Code's logs copied, temp dirs removed).
  onInterrupt(() => stopE2e());
  return current;
}

export async function stopE2e(): Promise<void> {
  const env = current;
  current = undefined;
  await env?.stop();
}
