// The latency report webview's HTML (CSP and all: src/base/webviewPage.ts).
import { type PageSources, webviewPageHtml } from '../base/webviewPage';

export type ReportPageSources = PageSources;

export function reportPageHtml(s: ReportPageSources): string {
  return webviewPageHtml(s, 'Rill Latency Report', '<main id="app" aria-busy="true"></main>');
}
