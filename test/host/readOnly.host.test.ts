// Read-only editors get no completion request from Rill. VS Code does not ask an inline provider
// there, but Rill warms a local server up on its own when another editor gets the focus (the
// prompt a completion there would send, so that the server has read it before the first key):
// for a read-only editor that was a request for a completion that never comes, which pushed the
// prompt of the file being written out of the server's cache. A read-only file's text is still
// context for the files around it.
import * as assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import * as vscode from 'vscode';
import type { RefreshEvent } from '../../src/completion/prompt/idleRefresh';
import { COMPLETION_WIRES } from '../reliability/faultWires';
import { type PointedRill, pointRillAtFakeServer } from '../reliability/hostEndpoint';
import { type RillApi, rillApi, waitFor } from './rill';

describe('Read-only editors: no completion request (extension host)', function () {
  this.timeout(60_000);
  let api: RillApi;
  let pointed: PointedRill;
  let folder: vscode.Uri;
  /** Rill's refills of its context, each with the editor in front when it ran. */
  const events: (RefreshEvent & { readonly front: string | undefined })[] = [];
  let subscription: vscode.Disposable | undefined;
  const files = () => vscode.workspace.getConfiguration('files');

  before(async () => {
    api = await rillApi();
    // llama.cpp keeps a prompt cache: the server Rill warms up.
    pointed = await pointRillAtFakeServer(api, {}, { completion: COMPLETION_WIRES.infill });
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root, 'the host suite runs with a workspace folder');
    folder = vscode.Uri.joinPath(root.uri, `read-only-${process.pid}`);
    subscription = api.completion.contextRefresh.onDidRefresh((e) => events.push({ ...e, front: vscode.window.activeTextEditor?.document.uri.toString() }));
  });
  after(async () => {
    subscription?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await files().update('readonlyInclude', undefined, vscode.ConfigurationTarget.Workspace);
    await files().update('readonlyFromPermissions', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(folder, { recursive: true }).then(undefined, () => undefined);
    await pointed?.dispose();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** A file of this suite's folder with `text`. */
  async function file(name: string, text: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.joinPath(folder, name);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    return uri;
  }

  /** The warm-up requests that carried `text` (as the prompt's prefix or suffix, not as context). */
  const warmUpsOf = (text: string) =>
    pointed.llm.requests.filter((r) => {
      const body = r.body as { input_prefix?: unknown; input_suffix?: unknown };
      return r.endpoint === 'llamacpp-infill' && `${String(body.input_prefix)}${String(body.input_suffix)}`.includes(text);
    });

  /**
   * Waits for Rill's refill of its context after `document` got the focus, and for the warm-up
   * it started, if any. Returns the refill's event.
   */
  async function focusRefill(document: vscode.TextDocument, from: number): Promise<RefreshEvent> {
    const refill = await waitFor(`Rill to refill its context with ${document.uri.path} in front`, () =>
      events.slice(from).find((e) => e.cause === 'focus' && e.warmUp === undefined && e.front === document.uri.toString()),
    );
    if (refill.focus !== undefined && refill.changed) {
      await waitFor('the warm-up to end', () => events.slice(from).find((e) => e.at === refill.at && e.warmUp !== undefined));
    }
    return refill;
  }

  /** Focuses `readOnly` after a writable file, then the writable one again: only the writable one is warmed up. */
  async function assertNoWarmUp(readOnly: vscode.TextDocument, show: () => Thenable<unknown>): Promise<void> {
    const writableText = `import { vendored } from './vendored';\nexport const answer${process.pid} = vendored(1);\n`;
    const writable = await vscode.workspace.openTextDocument(await file(`main-${events.length}.ts`, writableText));
    await vscode.window.showTextDocument(writable, { preview: false });
    await focusRefill(writable, 0);
    pointed.llm.reset();
    const from = events.length;
    await show();
    const refill = await focusRefill(readOnly, from);
    assert.deepEqual(warmUpsOf(readOnly.getText()).map((r) => r.path), [], 'a warm-up was sent for the read-only file');
    assert.equal(refill.focus, undefined, 'the read-only editor was taken as the place to complete');
    // The same way back to the writable file warms the server up: the check above is not vacuous.
    const back = events.length;
    await vscode.window.showTextDocument(writable, { preview: false });
    const again = await focusRefill(writable, back);
    if (again.changed) assert.equal(warmUpsOf(writableText).length, 1, 'the writable file was not warmed up');
  }

  it('a file matched by files.readonlyInclude gets no warm-up when it gets the focus', async () => {
    const uri = await file('vendored.ts', 'export function vendored(a: number) {\n  return a * 42;\n}\n');
    await files().update('readonlyInclude', { [`read-only-${process.pid}/vendored.ts`]: true }, vscode.ConfigurationTarget.Workspace);
    const document = await vscode.workspace.openTextDocument(uri);
    await assertNoWarmUp(document, () => vscode.window.showTextDocument(document, { preview: false }));
  });

  it('a file its owner may not write, with files.readonlyFromPermissions, gets no warm-up', async () => {
    const uri = await file('locked.ts', 'export function locked(a: number) {\n  return a - 7;\n}\n');
    chmodSync(uri.fsPath, 0o444);
    await files().update('readonlyFromPermissions', true, vscode.ConfigurationTarget.Workspace);
    const document = await vscode.workspace.openTextDocument(uri);
    await assertNoWarmUp(document, () => vscode.window.showTextDocument(document, { preview: false }));
  });

  it("a diff's original side gets no warm-up when it gets the focus", async () => {
    const original = await vscode.workspace.openTextDocument(await file('before.ts', 'export const before = [1, 2, 3].map((n) => n * 2);\n'));
    const modified = await file('after.ts', 'export const after = [1, 2, 3].map((n) => n * 3);\n');
    await assertNoWarmUp(original, async () => {
      await vscode.commands.executeCommand('vscode.diff', original.uri, modified, 'before ↔ after');
      await vscode.commands.executeCommand('workbench.action.compareEditor.focusSecondarySide');
    });
  });
});
