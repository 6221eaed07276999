import * as assert from 'node:assert/strict';
import { reportPageHtml } from '../../../src/report/pageHtml';
import { parseReportPageMessage } from '../../../src/protocol/report';

describe('report webview: messages and page', () => {
  it('accepts only the messages the page may send', () => {
    assert.deepEqual(parseReportPageMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseReportPageMessage({ type: 'export', path: '/etc/passwd' }), { type: 'export' });
    for (const bad of [null, 'ready', 42, {}, { type: 'openLink', href: 'https://x' }, { type: ['ready'] }]) {
      assert.equal(parseReportPageMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('the page has a strict CSP: nonce-only scripts, no network, no inline code', () => {
    const html = reportPageHtml({ cspSource: 'https://src.test', scriptUri: 'https://src.test/report.js', styleUri: 'https://src.test/report.css', nonce: 'abc123' });
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|connect-src|https?:\/\/(?!src\.test)/);
    assert.match(html, /<script nonce="abc123" src="https:\/\/src\.test\/report\.js"><\/script>/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
  });
});
