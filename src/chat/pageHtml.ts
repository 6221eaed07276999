// The chat webview's HTML (CSP and all: src/base/webviewPage.ts).
import { type PageSources, webviewPageHtml } from '../base/webviewPage';

export type { PageSources };

export function chatPageHtml(s: PageSources): string {
  return webviewPageHtml(s, 'Rill Chat', '<div id="app"></div>');
}
