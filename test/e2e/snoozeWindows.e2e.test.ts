// A snooze is the user's, not one window's: snoozed in one window of the same VS Code (here two
// pages of one browser, which share their storage as two desktop windows do), the other stops its
// ghost text too once the user is back in it; resumed there, the first follows. Under `npm test`
// (RILL_E2E_SHARE names the flavor) it runs on the newest flavor only, for time: the windows' logic
// runs on both in the host suite, and `npm run test:e2e` on its own runs it on any flavor.
import { e2e } from './environment';
import { pollFor } from '../../tools/poll';
import type { Workbench } from './workbench';

describe('Snooze in one window reaches the others (e2e)', function () {
  this.timeout(120_000);
  const share = process.env.RILL_E2E_SHARE ?? '';
  if (share !== '' && share !== 'newest') return;
  let first: Workbench;
  let second: Workbench;

  before(async () => {
    first = await e2e().openWorkbench();
    second = await first.openAnotherWindow();
  });
  after(async () => {
    await second?.close();
    await first?.close();
  });

  const item = (workbench: Workbench) => workbench.page.locator('.statusbar-item[id$="rill.completion"]');
  const label = async (workbench: Workbench) => (await item(workbench).innerText().catch(() => '')).trim();
  /** The user comes back to `workbench`: the page in front, a file of its own opened and a key typed. */
  async function comeBackTo(workbench: Workbench, name: string): Promise<void> {
    await workbench.page.bringToFront();
    await workbench.openNewFile(name);
    await workbench.type('x = ');
  }
  async function labelMatches(workbench: Workbench, pattern: RegExp, what: string): Promise<void> {
    await pollFor(async () => (pattern.test(await label(workbench)) ? true : undefined), { timeoutMs: 30_000, intervalMs: 200, what: `${what} (status: "${await label(workbench)}")` });
  }

  it('snoozed from the palette in one window, the other shows it snoozed once the user types there; Resume from its status menu reaches the first', async () => {
    const stamp = Date.now().toString(36);
    await first.page.bringToFront();
    await first.runCommand('Rill: Snooze Inline Completions');
    await first.quickInputRow('5 minutes').click();
    await labelMatches(first, /Rill \d+ min/, 'the first window to say it is snoozed');

    await comeBackTo(second, `snooze_second_${stamp}.py`);
    await labelMatches(second, /Rill \d+ min/, 'the second window to take the snooze');

    await item(second).click();
    await second.quickInputRow('Resume Inline Completions').click();
    await labelMatches(second, /^(?!.*\d+ min)/, 'the second window to resume');

    await comeBackTo(first, `snooze_first_${stamp}.py`);
    await labelMatches(first, /^(?!.*\d+ min).*Rill/, 'the first window to take the resume');
  });
});
