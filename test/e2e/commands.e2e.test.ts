import * as assert from 'node:assert/strict';
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

  it('"Rill: Set API Key…" asks for the provider, then for the key in a masked box', async () => {
    const key = `e2e-key-${Date.now().toString(36)}`;
    await workbench.runCommand('Rill: Set API Key');
    await workbench.quickInputRow('OpenAI').waitFor();
    assert.match(await workbench.quickInput().innerText(), /Set API Key/);
    await workbench.quickInputRow('OpenAI').click();

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
