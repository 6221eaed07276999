// Mocha root hooks for the e2e suite (loaded with --require): one environment per run, a
// screenshot of every open workbench after each test, everything stopped at the end.
import type { Context } from 'mocha';
import { e2e, startE2e, stopE2e } from './environment';

export const mochaHooks = {
  async beforeAll(this: Context): Promise<void> {
    this.timeout(10 * 60_000); // the first run may install VS Code and package the VSIX
    await startE2e();
  },
  async afterEach(this: Context): Promise<void> {
    const test = this.currentTest;
    if (!test) return;
    await e2e().screenshotAll(`${test.state === 'failed' ? 'FAILED-' : ''}${test.fullTitle()}`);
  },
  async afterAll(this: Context): Promise<void> {
    this.timeout(60_000);
    await stopE2e();
  },
};
