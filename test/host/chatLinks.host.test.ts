// A link clicked in a chat answer reaches the host as one `openLink` message (the page has no
// anchors VS Code could open itself; see test/e2e/modelLinks.e2e.test.ts for the browser side).
// The host opens it at most once, through openExternal, after its checks: refused links (other
// schemes, credentials) are never opened and never asked about; a link to this machine, which VS
// Code opens without asking, is opened only once the user says so in Rill's prompt; a web address
// goes to openExternal, where VS Code's own link protection asks.
import * as assert from 'node:assert/strict';
import { type RillApi, rillApi } from './rill';
import { answerRillWarnings, recordRillOpenExternal, type ShownDialog, type Stub, withRillDialogs } from './rillDialogs';

describe('Chat links: the host checks, asks, then opens once (extension host)', function () {
  this.timeout(30_000);
  let api: RillApi;

  before(async () => {
    api = await rillApi();
  });

  /** Sends one openLink as the page would; returns what Rill asked and what it opened. */
  async function click(href: string, answer: string | undefined): Promise<{ asked: readonly ShownDialog[]; opened: readonly string[] }> {
    const opened = recordRillOpenExternal();
    const asked = answerRillWarnings(() => answer);
    await withRillDialogs([opened, asked] as Stub<unknown>[], () => api.chat.receive({ type: 'openLink', href }));
    return { asked: asked.shown, opened: opened.shown };
  }

  it('a web address goes to openExternal once, with no prompt of Rill (VS Code asks for untrusted domains)', async () => {
    const { asked, opened } = await click('https://example.invalid/docs?q=1', undefined);
    assert.deepEqual(asked, []);
    assert.deepEqual(opened, ['https://example.invalid/docs?q=1']);
  });

  it('an address on this machine: Rill asks, showing the whole address; dismissed, nothing opens; Open Link opens it once', async () => {
    const dismissed = await click('http://127.0.0.1:8080/admin/delete?all=1', undefined);
    assert.equal(dismissed.asked.length, 1);
    assert.equal(dismissed.asked[0]?.modal, true);
    assert.match(dismissed.asked[0]?.message ?? '', /server on this machine \(127\.0\.0\.1:8080\)/);
    assert.deepEqual(dismissed.asked[0]?.buttons, ['Open Link']);
    assert.deepEqual(dismissed.opened, []);

    const accepted = await click('http://localhost:3000/', 'Open Link');
    assert.equal(accepted.asked.length, 1);
    assert.deepEqual(accepted.opened, ['http://localhost:3000/']);
  });

  it('refused links are never opened and never asked about: credentials, javascript:, command:, data:, file:', async () => {
    for (const href of [
      'https://trusted.example@evil.example/phish',
      'javascript:alert(1)',
      'command:workbench.action.terminal.new',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
    ]) {
      const { asked, opened } = await click(href, 'Open Link');
      assert.deepEqual(opened, [], href);
      assert.ok(asked.every((d) => !d.modal), `${href}: asked to open it`);
      assert.match(asked[0]?.message ?? '', /^Rill did not open the link: /, `${href}: no warning`);
    }
  });
});
