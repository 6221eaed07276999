// Mocha root hooks for the e2e suite (loaded with --require): one environment per run, a
// screenshot of every open workbench after each test, everything stopped at the end.
import type { Context } from 'mocha';
import { e2e, startE2e, stopE2e } from './environment';

const attempts = new Map<string, number>();

export const mochaHooks = {
  async beforeAll(this: Context): Promise<void> {
    this.timeout(10 * 60_000); // the first run may install VS Code and package the VSIX
    await startE2e();
  },
  async afterEach(this: Context): Promise<void> {
    const test = this.currentTest;
    if (!test) return;
    // Tests are retried once (runE2e.ts): an attempt that will be retried is not `failed` yet.
    const title = test.fullTitle();
    const attempt = (attempts.get(title) ?? 0) + 1;
    attempts.set(title, attempt);
    await e2e().screenshotAll(`${test.state === 'failed' ? 'FAILED-' : ''}${title}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
  },
  async afterAll(this: Context): Promise<void> {
    this.timeout(60_000);
    await stopE2e();
  },
};
