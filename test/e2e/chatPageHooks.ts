// The hooks every browser test of the chat page shares: one Chromium for the describe block, a
// fresh page for each test, and after each test no page error and no request that left the page.
// These suites need no VS Code: under `npm test` they run with one flavor's e2e suite only
// (PAGE_SUITES_ENV=skip on the others).
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../tools/browser';
import { type ChatPage, type ChatPageOptions, openChatPage } from './chatPage';

/** Set to `skip` by `npm test` for all but one flavor's e2e suite. */
export const PAGE_SUITES_ENV = 'RILL_E2E_PAGE_SUITES';

/** Call inside a `describe`: registers the hooks and returns the current test's page. */
export function chatPageForEachTest(options: ChatPageOptions = {}): () => ChatPage {
  let browser: Browser | undefined;
  let chat: ChatPage | undefined;
  before(async function () {
    if (process.env[PAGE_SUITES_ENV] === 'skip') this.skip();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    chat = await openChatPage(browser!, options);
  });
  afterEach(async () => {
    const page = chat!;
    chat = undefined;
    assert.deepEqual(page.errors, [], 'no page errors');
    assert.deepEqual(page.foreignRequests, [], 'no request leaves the page');
    await page.close();
  });
  return () => {
    if (!chat) throw new Error('the chat page exists only inside a test');
    return chat;
  };
}
