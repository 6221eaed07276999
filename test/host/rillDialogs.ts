// Answers Rill's dialogs in place of a person: warnings, quick picks, input boxes, save dialogs.
// Each extension gets its own `vscode` API object, chosen by the path of the module that requires
// it; requiring `vscode` as a module inside Rill's folder gives Rill's, so replacing its
// `window.showWarningMessage` (or `showQuickPick`, ...) is what Rill calls, and nothing else sees it.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { rillApi, rillExtension } from './rill';

export interface ShownDialog {
  readonly message: string;
  readonly modal: boolean;
  readonly buttons: readonly string[];
}

export interface Stub<T> {
  /** Everything Rill showed since the stub went in, in order. */
  readonly shown: readonly T[];
  /** Puts Rill's own function back. */
  restore(): void;
}

export type DialogStub = Stub<ShownDialog>;

/** What a quick pick showed: its items (resolved) and options. */
export interface ShownQuickPick {
  readonly items: readonly vscode.QuickPickItem[];
  readonly title: string | undefined;
}

type RillWindow = Record<string, (...args: unknown[]) => Thenable<unknown>>;

function rillWindow(): RillWindow {
  const rillVscode = createRequire(join(rillExtension().extensionPath, 'dist', 'extension.js'))('vscode') as typeof vscode;
  return rillVscode.window as unknown as RillWindow;
}

/** Stubs in place per function name, latest last; the latest answers. */
const layers = new Map<string, { readonly original: (...args: unknown[]) => Thenable<unknown>; readonly stack: ((...args: unknown[]) => Promise<unknown>)[] }>();

/**
 * Replaces Rill's `window[name]` until `restore()`: `answer` gets the call's arguments. Stubs may
 * overlap (two commands running at once): the latest answers, and each `restore()` removes its own.
 */
function stubRillWindow<T>(name: string, answer: (args: unknown[], shown: T[]) => Promise<unknown>): Stub<T> {
  const window = rillWindow();
  let layer = layers.get(name);
  if (!layer) {
    const original = window[name];
    if (typeof original !== 'function') throw new Error(`Rill's vscode.window has no ${name}`);
    layer = { original, stack: [] };
    layers.set(name, layer);
  }
  const shown: T[] = [];
  const stub = (...args: unknown[]) => answer(args, shown);
  layer.stack.push(stub);
  window[name] = stub;
  const own = layer;
  return {
    shown,
    restore: () => {
      const at = own.stack.indexOf(stub);
      // Restored already: a later stub (or Rill's own function) stays in place.
      if (at < 0) return;
      own.stack.splice(at, 1);
      window[name] = own.stack.at(-1) ?? own.original;
      if (own.stack.length === 0) layers.delete(name);
    },
  };
}

/**
 * Until `restore()`, every warning message Rill shows is answered with `answer` (undefined:
 * dismissed); a promise answers when it resolves (a person who takes their time).
 */
export function answerRillWarnings(answer: (dialog: ShownDialog) => string | undefined | Promise<string | undefined>): DialogStub {
  return answerRillMessages('showWarningMessage', answer);
}

/** As answerRillWarnings, for the error messages Rill shows. */
export function answerRillErrors(answer: (dialog: ShownDialog) => string | undefined | Promise<string | undefined>): DialogStub {
  return answerRillMessages('showErrorMessage', answer);
}

/** As answerRillWarnings, for the information messages Rill shows. */
export function answerRillInformation(answer: (dialog: ShownDialog) => string | undefined | Promise<string | undefined>): DialogStub {
  return answerRillMessages('showInformationMessage', answer);
}

function answerRillMessages(name: 'showWarningMessage' | 'showErrorMessage' | 'showInformationMessage', answer: (dialog: ShownDialog) => string | undefined | Promise<string | undefined>): DialogStub {
  return stubRillWindow<ShownDialog>(name, async ([message, ...rest], shown) => {
    const options = typeof rest[0] === 'object' && rest[0] !== null && !('title' in rest[0]) ? (rest.shift() as vscode.MessageOptions) : {};
    const dialog = { message: String(message), modal: options.modal === true, buttons: rest.map((b) => (typeof b === 'string' ? b : String((b as { title?: unknown }).title))) };
    shown.push(dialog);
    return answer(dialog);
  });
}

/**
 * Until `restore()`, every `showQuickPick` of Rill's is answered by `choose`, which gets the items
 * and returns the one to pick (undefined: the list was closed).
 */
export function answerRillQuickPicks<I extends vscode.QuickPickItem>(choose: (items: readonly I[], shown: ShownQuickPick) => I | undefined): Stub<ShownQuickPick> {
  return stubRillWindow<ShownQuickPick>('showQuickPick', async ([items, options], shown) => {
    const resolved = (await items) as I[];
    const pick = { items: resolved, title: (options as vscode.QuickPickOptions | undefined)?.title };
    shown.push(pick);
    return choose(resolved, pick);
  });
}

/** Until `restore()`, every `showInputBox` of Rill's is answered by `answer` (undefined: Esc); a promise answers when it resolves. */
export function answerRillInputBoxes(answer: (options: vscode.InputBoxOptions) => string | undefined | Promise<string | undefined>): Stub<vscode.InputBoxOptions> {
  return stubRillWindow<vscode.InputBoxOptions>('showInputBox', async ([options], shown) => {
    const o = (options ?? {}) as vscode.InputBoxOptions;
    shown.push(o);
    return answer(o);
  });
}

/** Until `restore()`, every `showSaveDialog` of Rill's is answered with `answer` (undefined: cancelled). */
export function answerRillSaveDialogs(answer: (options: vscode.SaveDialogOptions) => vscode.Uri | undefined): Stub<vscode.SaveDialogOptions> {
  return stubRillWindow<vscode.SaveDialogOptions>('showSaveDialog', async ([options], shown) => {
    const o = (options ?? {}) as vscode.SaveDialogOptions;
    shown.push(o);
    return answer(o);
  });
}

/** Runs `body` with the stubs in place, and restores them whatever happens. */
export async function withRillDialogs<T>(stubs: readonly Stub<unknown>[], body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } finally {
    for (const stub of stubs) stub.restore();
  }
}

/** How a person answers the dialogs a Rill command shows; anything not given is dismissed. */
export interface RillAnswers {
  /** Each input box's text, in order; past the end, Esc. */
  readonly inputs?: readonly (string | undefined)[];
  /** The item a quick pick's person picks (undefined: the list is closed). */
  readonly pick?: (items: readonly vscode.QuickPickItem[], shown: ShownQuickPick) => vscode.QuickPickItem | undefined;
  /** Where the save dialog saves. */
  readonly saveTo?: vscode.Uri;
}

export interface AnsweredRun<T> {
  readonly result: T | undefined;
  readonly inputs: readonly vscode.InputBoxOptions[];
  readonly picks: readonly ShownQuickPick[];
  readonly saves: readonly vscode.SaveDialogOptions[];
}

/**
 * Runs a Rill command (with no arguments: commands take none) and answers its input boxes, quick
 * picks and save dialog as `answers` says; returns its result and what it showed.
 */
export async function runRillCommand<T>(command: string, answers: RillAnswers = {}): Promise<AnsweredRun<T>> {
  const inputs = [...(answers.inputs ?? [])];
  const boxes = answerRillInputBoxes(() => inputs.shift());
  const picks = answerRillQuickPicks((items, shown) => answers.pick?.(items, shown));
  const saves = answerRillSaveDialogs(() => answers.saveTo);
  return withRillDialogs([boxes, picks, saves], async () => {
    const result = await vscode.commands.executeCommand<T>(command);
    return { result, inputs: boxes.shown, picks: picks.shown, saves: saves.shown };
  });
}

/** Picks the item whose `field` is `value` (e.g. a provider pick's `provider`). */
export function pickWhere(field: string, value: unknown): NonNullable<RillAnswers['pick']> {
  return (items) => items.find((item) => (item as unknown as Record<string, unknown>)[field] === value);
}

/** Rill: Set API Key… as a person does it: picks the provider and types the key. */
export async function setApiKeyAsUser(provider: string, key: string): Promise<boolean> {
  const run = await runRillCommand<boolean>('rill.setApiKey', { pick: pickWhere('provider', provider), inputs: [key] });
  return run.result === true;
}

/** Until `restore()`, Rill's `vscode.env.openExternal` records the address and opens nothing. */
export function recordRillOpenExternal(): Stub<string> {
  const rillVscode = createRequire(join(rillExtension().extensionPath, 'dist', 'extension.js'))('vscode') as typeof vscode;
  const env = rillVscode.env as unknown as { openExternal: (uri: vscode.Uri) => Thenable<boolean> };
  const original = env.openExternal;
  const shown: string[] = [];
  env.openExternal = async (uri) => {
    shown.push(uri.toString(true));
    return true;
  };
  if (env.openExternal === original) throw new Error("Rill's vscode.env.openExternal cannot be replaced");
  return {
    shown,
    restore: () => {
      env.openExternal = original;
    },
  };
}

/**
 * The host suite's own `vscode.lm` requests come from an extension that is not Rill (VS Code names
 * the suite's module as one), so Rill asks the user before the first one goes. This answers that
 * question with Allow, as a person would, on one request (the fake server answers it), and returns
 * the id Rill now allows (undefined when it did not ask: allowed already), for `after` to forget.
 */
export async function allowThisSuiteToUseRillModels(model: vscode.LanguageModelChat): Promise<string | undefined> {
  const decisions = (await rillApi()).nativeChat.modelAccess;
  const before = new Set(decisions.list().map((entry) => entry.extensionId));
  const warnings = answerRillWarnings(() => 'Allow');
  try {
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User("May this suite use Rill's models?")], {}, new vscode.CancellationTokenSource().token);
    for await (const _ of response.text) void _;
  } finally {
    warnings.restore();
  }
  return decisions.list().find((entry) => entry.decision === 'allowed' && !before.has(entry.extensionId))?.extensionId;
}

/**
 * Opens Rill's status menu as the user does (its item), moves `up` entries up from the first
 * (wrapping to the end) and accepts; the command of the entry picked.
 */
export async function pickFromStatusMenu(up = 0): Promise<string | undefined> {
  const api = await rillApi();
  const shown = new Promise<void>((resolve) => {
    const sub = api.statusMenu.onDidShow(() => {
      sub.dispose();
      resolve();
    });
  });
  const result = vscode.commands.executeCommand<string | undefined>('rill.showStatusMenu');
  await shown;
  for (let i = 0; i < up; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectPrevious');
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  return result;
}
