// Another extension installed beside Rill, in real VS Code: the packaged Rill and a small second
// extension (otherExtension/, packaged as its own VSIX here) in a VS Code of this test's own. The
// user has stored a key. The neighbour reads Rill's exports (and the key through them, as the
// issue's attack did) and runs Rill's commands with the arguments an attacker would pass; a person
// dismisses whatever Rill shows. It must get no key, make Rill send no request, and change no
// setting (the user settings file: completion the user turned off stays off) and no file;
// afterwards Rill still sends the user's own key.
// Then (VS Code 1.104+) it uses Rill's models through `vscode.lm`: Rill asks the person first;
// denied, the neighbour gets an error and the server nothing; allowed, the request goes.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningVsCode, startVsCode } from '../../tools/codeServer';
import { outDir, PROJECT_ROOT } from '../../tools/paths';
import { pollFor } from '../../tools/poll';
import { run } from '../../tools/processes';
import type { Locator } from 'playwright-core';
import { credentialFingerprint, FakeLlmServer } from '../fake-llm/server';
import { ChatPanel } from '../reliability/chatPanel';
import { E2E_USER_SETTINGS, e2e } from './environment';
import { Workbench } from './workbench';

const USER_KEY = `users-own-key-${Date.now().toString(36)}`;
const TARGET_TEXT = 'The neighbour must not overwrite this file.\n';
/** The file the user has open while the neighbour runs (the neighbour selects all of it). */
const USERS_CODE = 'def users_own_code():\n    return "not for the neighbour"\n';
/** What the neighbour sends through `vscode.lm` (otherExtension/extension.js). */
const NEIGHBOUR_QUESTION = 'The neighbour asks through vscode.lm: what is in this workspace?';
const NEIGHBOUR_ANSWER = 'An answer the user let the neighbour have.';

interface NeighbourStep {
  readonly step: string;
  readonly command?: string;
  readonly result?: string;
  readonly error?: string;
  readonly [field: string]: unknown;
}

/** Packages the neighbour fixture with vsce, as any extension is packaged. */
async function packageNeighbour(logFile: string): Promise<string> {
  const vsix = outDir('e2e', 'rill-neighbour.vsix');
  mkdirSync(outDir('e2e'), { recursive: true });
  const vsce = join(PROJECT_ROOT, 'node_modules', '.bin', 'vsce');
  await run(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-update-package-json', '--out', vsix], {
    cwd: join(PROJECT_ROOT, 'test', 'e2e', 'otherExtension'),
    logFile,
    timeoutMs: 120_000,
  });
  return vsix;
}

describe('Another extension beside Rill gets no key, sends nothing and changes nothing through it (e2e)', function () {
  this.timeout(300_000);
  let llm: FakeLlmServer;
  let vscode: RunningVsCode;
  let workbench: Workbench;
  let workspace: string;
  let neighbourLog: string;

  const steps = (): NeighbourStep[] =>
    readFileSync(neighbourLog, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as NeighbourStep);

  before(async function () {
    this.timeout(600_000);
    const results = join(e2e().resultsDir, 'other-extension');
    mkdirSync(results, { recursive: true });
    neighbourLog = join(results, 'neighbour.jsonl');
    rmSync(neighbourLog, { force: true });
    writeFileSync(neighbourLog, '');
    workspace = mkdtempSync(join(tmpdir(), 'rill-e2e-neighbour-ws-'));
    cpSync(join(PROJECT_ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
    writeFileSync(join(workspace, 'neighbour-target.txt'), TARGET_TEXT);
    writeFileSync(join(workspace, 'users_code.py'), USERS_CODE);
    llm = await FakeLlmServer.start();
    vscode = await startVsCode({
      flavor: e2e().flavor,
      workspace,
      vsix: [e2e().vsix, await packageNeighbour(join(results, 'package.log'))],
      logDir: results,
      // The user turned inline completion off, everywhere and for Python.
      userSettings: { ...E2E_USER_SETTINGS, 'rill.completion.enabled': false, 'rill.completion.languages': { '*': true, python: false } },
      env: {
        RILL_PROVIDER: 'openai-compatible',
        RILL_BASE_URL: `${llm.url}/v1`,
        RILL_MODEL: 'fake-chat-model',
        RILL_COMPLETION_MODEL: 'fake-completion-model',
        RILL_COMPLETION_FIM_MODE: 'completions',
        RILL_NEIGHBOUR_LOG: neighbourLog,
      },
    });
    workbench = await Workbench.open(e2e().browser, vscode, join(results, 'screenshots'));
  });
  after(async () => {
    await workbench?.screenshot('neighbour-end').catch(() => undefined);
    await workbench?.close();
    await vscode?.stop();
    if (llm) writeFileSync(join(e2e().resultsDir, 'other-extension', 'fake-llm-requests.json'), JSON.stringify(llm.requests, null, 2));
    await llm?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('the user stores a key through Rill: Set API Key…', async () => {
    await workbench.runCommand('Rill: Set API Key…');
    await workbench.quickInputRow('OpenAI-compatible server').click();
    const box = workbench.quickInput().locator('.quick-input-box input');
    await box.waitFor({ state: 'visible' });
    await pollFor(async () => ((await workbench.quickInput().innerText()).includes('API key for OpenAI-compatible server') ? true : undefined), {
      timeoutMs: 15_000,
      what: 'the key box',
    });
    await box.fill(USER_KEY);
    await workbench.press('Enter');
    await workbench.waitForNotification(/API key for OpenAI-compatible server saved/);
  });

  it("the neighbour reads Rill's exports and runs its commands with arguments: no key, no request, no setting, no file", async () => {
    await workbench.quickOpen('users_code.py');
    const settingsBefore = readFileSync(vscode.settingsFile, 'utf8');
    const requestsBefore = llm.requests.length;
    // A retried attempt reads only its own steps.
    const from = steps().length;
    const mine = () => steps().slice(from);
    await workbench.runCommand("Rill Neighbour: Try Rill's Doors");
    // A person who closes whatever shows up (Esc), noting what it was.
    const dismissed: string[] = [];
    /** What shows now: a dialog's question or a pick's or box's title (undefined: nothing yet). */
    const question = async (): Promise<string | undefined> => {
      const dialog = workbench.page.locator('.monaco-dialog-box');
      const quickInput = workbench.quickInput();
      if (await dialog.isVisible().catch(() => false)) {
        // The box shows before its message is laid out (a look may read only its buttons): a
        // question ends in '?' or '.', so wait for one.
        const text = (await dialog.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
        return /[?.]/.test(text) ? `dialog: ${text}` : undefined;
      }
      if (await quickInput.isVisible().catch(() => false)) {
        // Every pick and box of Rill's has a title; one without is the palette closing, or a
        // pick not drawn yet: look again.
        const title = (await quickInput.locator('.quick-input-title').innerText().catch(() => '')).trim();
        return title === '' ? undefined : `quick input: ${title}`;
      }
      return undefined;
    };
    const returned = () => mine().filter((s) => s.step === 'ran').length;
    await pollFor(
      async () => {
        if (mine().some((s) => s.step === 'done')) return true;
        const shown = await question();
        if (shown === undefined) return undefined;
        dismissed.push(shown);
        // Esc, then the next look once the command that asked has returned: a look right after
        // Esc could still find this question drawn (a loaded machine), and its second Esc closed
        // the next command's question unseen. Esc again only when the same question still shows
        // seconds later (a key pressed before the box had the focus).
        const before = returned();
        let pressedAt = Date.now();
        await workbench.press('Escape');
        await pollFor(
          async () => {
            if (returned() > before) return true;
            const now = await question();
            // Something else asked (the same command's next question): the next look notes it.
            if (now !== undefined && now !== shown) return true;
            if (now === shown && Date.now() - pressedAt >= 3000 && returned() === before) {
              pressedAt = Date.now();
              await workbench.press('Escape');
            }
            return undefined;
          },
          { timeoutMs: 60_000, intervalMs: 100, what: `the command behind "${shown}" to return after Esc` },
        );
        return undefined;
      },
      { timeoutMs: 180_000, intervalMs: 250, what: 'the neighbour to finish' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last step: ${JSON.stringify(mine().at(-1))}; dismissed: ${JSON.stringify(dismissed)}`);
    });
    await workbench.screenshot('neighbour-done');
    const log = mine();

    const exportsStep = log.find((s) => s.step === 'exports');
    assert.deepEqual(exportsStep, { step: 'exports', installed: true, activateReturned: 'undefined', exportsType: 'undefined', exportsKeys: [] });
    assert.match(String(log.find((s) => s.step === 'read-key')?.key), /^"?error: /, 'the neighbour read something where the key was');
    assert.ok(!readFileSync(neighbourLog, 'utf8').includes(USER_KEY), "the user's key is in what the neighbour got");

    assert.equal(log.find((s) => s.step === 'selected')?.file, 'users_code.py', 'the neighbour selected the open file');
    const ran = log.filter((s) => s.step === 'ran');
    assert.equal(ran.length, 16, `commands run: ${JSON.stringify(ran)}`);
    assert.deepEqual(
      ran.filter((s) => s.error !== undefined || !['false', 'undefined'].includes(s.result ?? '')),
      [],
      'a command did something for the neighbour (or failed)',
    );
    // Rill asked instead of acting (what the person closed, in order).
    for (const asked of ['Set API Key for', 'Clear API Key for', 'Where should your model run', 'Select Model for', 'Rill: Ask', 'Rill: Explain Selection', 'Rill: Generate in', 'Snooze Inline Completions for', "Turn Rill's inline completions on everywhere", "Turn Rill's inline completions on for python", 'Export Request Records']) {
      assert.ok(dismissed.some((d) => d.includes(asked)), `Rill did not ask (${asked}); dismissed: ${JSON.stringify(dismissed)}`);
    }

    assert.equal(readFileSync(vscode.settingsFile, 'utf8'), settingsBefore, 'the user settings file changed');
    assert.equal(readFileSync(join(workspace, 'neighbour-target.txt'), 'utf8'), TARGET_TEXT, 'the file the neighbour named was written');
    // Completion's own background (probing the server's FIM support, a warm-up when the focus
    // moves) is not the neighbour's doing, nor (1.104+) VS Code resolving Rill's models for its
    // model list, whenever it does (GET /v1/models, carrying nothing); a chat, Ask or Generate
    // request, or a probe of the server the neighbour named (/api/tags first) would be.
    const background = new Set(['llamacpp-props', 'ollama-show', 'openai-completions', 'llamacpp-infill', ...(e2e().flavor === 'newest' ? ['models'] : [])]);
    assert.deepEqual(
      llm.requests.slice(requestsBefore).filter((r) => !background.has(r.endpoint)).map((r) => `${r.method} ${r.path}`),
      [],
      'Rill sent requests while the neighbour ran',
    );
  });

  it("afterwards Rill still sends the user's own key (the neighbour neither replaced nor cleared it)", async () => {
    llm.setDefault({ text: 'Still your key.' });
    // Counted from here: a failed first attempt of this test may have asked already.
    const chatsBefore = llm.requests.filter((r) => r.endpoint === 'openai-chat').length;
    const chat = new ChatPanel(workbench);
    const frame = await chat.newChat();
    await chat.ask(frame, 'Which key?');
    await frame.getByText('Still your key.').waitFor({ timeout: 60_000 });
    const asked = llm.requests.filter((r) => r.endpoint === 'openai-chat').slice(chatsBefore);
    assert.equal(asked.length, 1);
    assert.equal(asked[0]?.credentials.authorization, credentialFingerprint(`Bearer ${USER_KEY}`));
  });

  /** Runs the neighbour's "Use Rill's Models"; `person` answers what shows while it runs. Returns its steps. */
  async function neighbourUsesModels(person: (dialog: Locator, text: string) => Promise<void>): Promise<NeighbourStep[]> {
    const from = steps().length;
    const mine = () => steps().slice(from);
    await workbench.runCommand("Rill Neighbour: Use Rill's Models");
    const dialog = workbench.page.locator('.monaco-dialog-box');
    await pollFor(
      async () => {
        if (mine().some((s) => s.step === 'used-models')) return true;
        if (!(await dialog.isVisible().catch(() => false))) return undefined;
        // The box shows before its message is laid out (a look read only "Allow"): wait for the question.
        const text = await dialog.innerText().catch(() => '');
        if (/wants to use/.test(text)) await person(dialog, text);
        return undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: "the neighbour's vscode.lm request to end" },
    );
    return mine();
  }

  /** The requests that carried the neighbour's question to the server. */
  const neighbourRequests = () => llm.requests.filter((r) => JSON.stringify(r.body ?? '').includes(NEIGHBOUR_QUESTION));

  it("the neighbour uses Rill's models through vscode.lm: Rill asks the person, who presses Enter (Deny, the default); the neighbour gets an error and the server nothing", async () => {
    const requestsBefore = llm.requests.length;
    const asked: string[] = [];
    const log = await neighbourUsesModels(async (dialog, text) => {
      asked.push(text);
      await workbench.screenshot('rill asks about the neighbour');
      // Someone typing when the question pops up presses Enter: that must not give access.
      await workbench.press('Enter');
      await dialog.waitFor({ state: 'hidden' });
    });
    if (e2e().flavor !== 'newest') {
      // VS Code 1.100 has no model provider API: no Rill model to find, nothing asked, nothing sent.
      assert.deepEqual(log.find((s) => s.step === 'models'), { step: 'models', ids: [] });
      assert.deepEqual(asked, []);
      assert.deepEqual(neighbourRequests(), []);
      return;
    }
    assert.equal((log.find((s) => s.step === 'models')?.ids as string[] | undefined)?.[0], 'fake-chat-model', "the neighbour found Rill's models");
    assert.equal(asked.length, 1, `Rill asked once: ${JSON.stringify(asked)}`);
    const port = new URL(llm.url).port;
    assert.ok(
      asked[0]?.includes(`Rill's neighbour (test fixture) (rill-tests.rill-neighbour) wants to use your model fake-chat-model through Rill. Rill will send its requests to 127.0.0.1:${port} with your key.`),
      `the question: ${asked[0]}`,
    );
    assert.deepEqual(log.find((s) => s.step === 'answer'), {
      step: 'answer',
      error: "Rill sent nothing: the user has not allowed Rill's neighbour (test fixture) (rill-tests.rill-neighbour) to use Rill's models (Rill: Manage Extensions Allowed to Use Rill's Models…).",
      code: 'NoPermissions',
      languageModelError: true,
    });
    assert.deepEqual(neighbourRequests(), [], "the neighbour's question reached the server");
    // Listing the models (GET /v1/models, VS Code resolving the vendor's models for anyone) carries
    // nothing of the neighbour's; no generation request may leave.
    const background = new Set(['models', 'llamacpp-props', 'ollama-show', 'openai-completions', 'llamacpp-infill']);
    assert.deepEqual(llm.requests.slice(requestsBefore).filter((r) => !background.has(r.endpoint)).map((r) => `${r.method} ${r.path}`), []);
  });

  it('the person forgets the answer (Manage Extensions Allowed to Use Rill\'s Models…), the neighbour asks again and is allowed: its request goes, with the user\'s key; the next goes without a question', async function () {
    if (e2e().flavor !== 'newest') this.skip(); // no vscode.lm provider API on 1.100: the test above shows nothing happens there
    llm.route((r) => (r.endpoint === 'openai-chat' ? { text: NEIGHBOUR_ANSWER } : undefined));
    await workbench.runCommand("Rill: Manage Extensions Allowed to Use Rill's Models…");
    await workbench.quickInputRow("Rill's neighbour (test fixture)").click();
    await workbench.quickInputRow('Forget').click();
    await workbench.quickInput().waitFor({ state: 'hidden' });

    const asked: string[] = [];
    const first = await neighbourUsesModels(async (dialog, text) => {
      asked.push(text);
      await dialog.getByRole('button', { name: 'Allow', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
    });
    assert.equal(asked.length, 1, 'asked again after Forget');
    assert.deepEqual(first.find((s) => s.step === 'answer'), { step: 'answer', text: NEIGHBOUR_ANSWER });
    const sent = neighbourRequests();
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.credentials.authorization, credentialFingerprint(`Bearer ${USER_KEY}`), "the user's key went with it");

    const second = await neighbourUsesModels(async (_dialog, text) => {
      asked.push(text);
      await workbench.press('Escape');
    });
    assert.equal(asked.length, 1, 'asked a second time');
    assert.deepEqual(second.find((s) => s.step === 'answer'), { step: 'answer', text: NEIGHBOUR_ANSWER });
    assert.equal(neighbourRequests().length, 2);
  });
});
