// The status bar tooltip is markdown; text that is not Rill's own must show as text. A workspace
// can set the model name, a server writes the error message, an extension can contribute a language.
import * as assert from 'node:assert/strict';
import { Marked } from 'marked';
import type { EngineStatus } from '../../../src/completion/engineStatus';
import { languageOffTooltip, markdownText, modelLine, statusTooltip } from '../../../src/vscode/statusTooltip';

const LINK = '[Your key expired: fix it here](https://evil.example/phish)';
const IMAGE = '![](https://evil.example/pixel.png?who=you)';
const HTML = '<img src="https://evil.example/x.png"> **bold** `code` https://evil.example/auto';

function html(markdown: string): string {
  return new Marked({ gfm: true }).parse(markdown, { async: false });
}

function assertNoLinkOrImage(markdown: string, shows: string): void {
  const rendered = html(markdown);
  assert.doesNotMatch(rendered, /<a |<img |<strong>bold|<code>code/, rendered);
  // The text itself is still there to read (markdown escapes render as the characters).
  const text = rendered.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  assert.ok(text.includes(shows), `"${shows}" is not in ${text}`);
}

describe('statusTooltip: what is not Rill\'s own shows as text', () => {
  const status: EngineStatus = {
    state: 'error',
    lastLatencyMs: 120,
    model: LINK,
    ttftMs: 80,
    tokensPerSec: 50,
    error: { kind: 'bad-request', message: `The server at http://127.0.0.1:8080 rejected the request (HTTP 400): ${IMAGE} ${HTML}` },
    snoozedUntil: undefined,
    pausedUntil: undefined,
  } as EngineStatus;

  it('a model name with a link, an error message with an image, HTML and emphasis', () => {
    const tooltip = statusTooltip(status, [], () => '12:00');
    assertNoLinkOrImage(tooltip, LINK);
    assertNoLinkOrImage(tooltip, `${IMAGE} ${HTML}`);
    // Rill's own markup still renders.
    assert.match(html(tooltip), /<strong>Rill inline completion: error<\/strong>/);
  });

  it('a language id', () => {
    assertNoLinkOrImage(languageOffTooltip(LINK), `off for ${LINK}`);
  });

  it('plain text reads the same', () => {
    assert.equal(html(markdownText('gpt-4o-mini (v1.2) #1 a_b')).replace(/<\/?p>|\n/g, ''), 'gpt-4o-mini (v1.2) #1 a_b');
  });

  it('a model name set by a workspace, in the model line', () => {
    assertNoLinkOrImage(statusTooltip(status, [], () => '12:00', LINK), LINK);
  });
});

describe('statusTooltip: the model line', () => {
  const read = (markdown: string) => html(markdown).replace(/<\/?p>|\n/g, '');
  it('names the model completion uses now: before any request, and after a switch whose figures are still the old model', () => {
    // A new user hovering the item before typing saw "Model: –"; after Choose Provider, the model of the last request.
    assert.equal(read(modelLine('qwen2.5-coder:1.5b-base', undefined)), 'Model: qwen2.5-coder:1.5b-base (not asked yet)');
    assert.equal(read(modelLine('gpt-4o-mini', 'gpt-4o-mini')), 'Model: gpt-4o-mini');
    assert.equal(read(modelLine('gpt-4o-mini', 'rill-demo-ngram')), 'Model: gpt-4o-mini (the figures below are from rill-demo-ngram, asked before the change)');
  });
});
