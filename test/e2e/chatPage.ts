// The real chat webview bundle (dist/webview) in a plain Chromium page, with the same HTML and
// CSP VS Code gets, a stand-in for `acquireVsCodeApi` that records what the page posts, and a
// `deliver` that sends host messages the way VS Code does. Every request outside the page's own
// origin is recorded and refused: the safety tests assert that list stays empty.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chatPageHtml } from '../../src/chat/pageHtml';
import type { HostMessage, WebviewMessage } from '../../src/protocol/chat';
import { BENCH_WEBVIEW_DIR } from '../bench/benchWebview';
import { type ThemeName, themeBodyClass, themeCss } from './chatThemes';

const ORIGIN = 'https://rill-webview.test';
const DIST = join(__dirname, '..', '..', 'dist', 'webview');

export interface ChatPageOptions {
  readonly theme?: ThemeName;
  /** The bench's choice of renderer; with it or `measure`, the page is the bench's build (buildBenchWebview). */
  readonly render?: 'incremental' | 'naive';
  /** Record each render as a `rill-render` performance measure (bench). */
  readonly measure?: boolean;
  readonly width?: number;
  readonly height?: number;
}

export interface ChatPage {
  readonly page: Page;
  /** Requests the page tried to make outside its own files (refused). */
  readonly foreignRequests: string[];
  /** Console errors and uncaught exceptions of the page. */
  readonly errors: string[];
  /** Delivers host messages, in order, as VS Code's postMessage would. */
  deliver(...messages: HostMessage[]): Promise<void>;
  /** Everything the page posted to the host so far. */
  posted(): Promise<WebviewMessage[]>;
  /** Waits until every frame scheduled so far has been drawn. */
  nextFrames(count?: number): Promise<void>;
  close(): Promise<void>;
}

/** What the page's window has that Node's globals do not (the test code is type-checked for Node). */
interface PageGlobals {
  readonly __posted: WebviewMessage[];
  requestAnimationFrame(callback: () => void): number;
  dispatchEvent(event: MessageEvent): boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.html': 'text/html',
};

export async function openChatPage(browser: Browser, options: ChatPageOptions = {}): Promise<ChatPage> {
  const theme = options.theme ?? 'dark';
  // The packaged page has no bench hooks; the bench's own build of it has.
  const dist = options.render !== undefined || options.measure ? BENCH_WEBVIEW_DIR : DIST;
  const context = await browser.newContext({ viewport: { width: options.width ?? 420, height: options.height ?? 720 } });
  const page = await context.newPage();
  const foreignRequests: string[] = [];
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));

  const bodyAttrs = [
    `class="${themeBodyClass(theme)}"`,
    options.render === 'naive' ? 'data-render="naive"' : '',
    options.measure ? 'data-measure="on"' : '',
  ].join(' ');
  const html = chatPageHtml({
    cspSource: ORIGIN,
    scriptUri: `${ORIGIN}/chat.js`,
    styleUri: `${ORIGIN}/chat.css`,
    nonce: 'dGVzdC1ub25jZS0xMjM0NTY3',
  })
    .replace('<body>', `<body ${bodyAttrs}>`)
    .replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${ORIGIN}/theme.css">\n<link rel="stylesheet"`);

  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) {
      foreignRequests.push(route.request().url());
      await route.abort('blockedbyclient');
      return;
    }
    const name = url.pathname.slice(1);
    if (name === 'index.html') return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    if (name === 'theme.css') return route.fulfill({ status: 200, contentType: 'text/css', body: themeCss(theme) });
    if (!/^[\w.-]+$/.test(name)) return route.fulfill({ status: 404, body: '' });
    try {
      const ext = name.slice(name.lastIndexOf('.'));
      return route.fulfill({ status: 200, contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream', body: readFileSync(join(dist, name)) });
    } catch {
      return route.fulfill({ status: 404, body: '' });
    }
  });
  // A string, not a function: tsx would wrap named functions in a helper the page lacks.
  await page.addInitScript(`
    window.__posted = [];
    let state;
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => state,
      setState: (s) => { state = s; },
    });
  `);
  await page.goto(`${ORIGIN}/index.html`);
  await page
    .waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.some((m) => m.type === 'ready'), undefined, { timeout: 60_000 })
    .catch((error: Error) => {
      throw new Error(`the chat page never said ready (${error.message}); page errors: ${errors.join('; ') || 'none'}`);
    });

  return {
    page,
    foreignRequests,
    errors,
    deliver: async (...messages) => {
      await page.evaluate((ms) => {
        const g = globalThis as unknown as PageGlobals;
        for (const data of ms) g.dispatchEvent(new MessageEvent('message', { data }));
      }, messages);
    },
    posted: () => page.evaluate(() => (globalThis as unknown as PageGlobals).__posted),
    nextFrames: async (count = 2) => {
      await page.evaluate(async (n) => {
        const g = globalThis as unknown as PageGlobals;
        for (let i = 0; i < n; i++) await new Promise((r) => g.requestAnimationFrame(() => r(undefined)));
      }, count);
    },
    close: () => context.close(),
  };
}
