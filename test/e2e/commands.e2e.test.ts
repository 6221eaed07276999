import * as assert from 'node:assert/strict';
import { pollFor } from '../../tools/poll';
import { e2e } from './environment';
import type { Workbench } from './workbench';

describe('Rill commands from the palette', function () {
  this.timeout(90_000);
  let workbench: Workbench;

  before(async () => {
    workbench = await e2e().openWorkbench();
  });
  after(async () => {
    await workbench?.close();
  });

  it('"Rill: Show Log" opens the Rill output channel', async () => {
    // In a window that is still restoring (hot exit), 1.139 can lose the first reveal: asked again.
    const text = await workbench.showRillLog();
    assert.match(text, /Rill \d+\.\d+\.\d+ active\./);
  });

  it('the status bar item says completion is off in a language turned off (plain text), and not in another', async () => {
    const item = workbench.page.locator('.statusbar-item[id$="rill.completion"]');
    const label = async () => (await item.getAttribute('aria-label')) ?? '';
    await workbench.openNewFile(`status_${Date.now().toString(36)}.txt`);
    await pollUntil(async () => /off for plaintext/.test(await label()), 'the item to say off for plaintext', label);
    await workbench.openNewFile(`status_${Date.now().toString(36)}.py`);
    await pollUntil(async () => !/off for/.test(await label()), 'the item to leave off for plaintext', label);
  });

  it('"Rill: Set API Key…" asks for the provider, then for the key in a masked box', async () => {
    const key = `e2e-key-${Date.now().toString(36)}`;
    await workbench.runCommand('Rill: Set API Key');
    // The providers in use come first ("OpenAI-compatible server" here): OpenAI is picked by its label.
    await workbench.quickInputRowLabelled('OpenAI').waitFor();
    assert.match(await workbench.quickInput().innerText(), /Set API Key/);
    await workbench.quickInputRowLabelled('OpenAI').click();

    const input = workbench.quickInput().locator('.quick-input-box input');
    await input.waitFor();
    await workbench.quickInput().getByText('API key for OpenAI').first().waitFor();
    assert.equal(await input.getAttribute('type'), 'password');
    await input.fill(key);
    await workbench.screenshot('masked-key-input');
    await workbench.press('Enter');

    await workbench.waitForNotification(/API key for OpenAI saved/);
    const log = await workbench.showRillLog(/API key for OpenAI stored/);
    assert.ok(!log.includes(key), 'the key appears in the Rill output channel');
    assert.ok(!(await workbench.page.content()).includes(key), 'the key appears in the page');
  });
});

async function pollUntil(check: () => Promise<boolean>, what: string, seen: () => Promise<string>): Promise<void> {
  await pollFor(async () => ((await check()) ? true : undefined), { timeoutMs: 20_000, what }).catch(async (error: unknown) => {
    throw new Error(`${String(error)}; the item's label: ${JSON.stringify(await seen())}`);
  });
}
