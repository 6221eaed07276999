// What the packaged VSIX may hold: the entries of a good package pass; anything else is named.
import * as assert from 'node:assert/strict';
import { VSIX_MAX_BYTES, vsixProblems } from '../../tools/vsixContents';

// The entries of a real package (unzip -l rill.vsix).
const GOOD = [
  'extension.vsixmanifest',
  '[Content_Types].xml',
  'extension/package.json',
  'extension/readme.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  'extension/dist/webview/chat.js',
  'extension/dist/webview/chat.css',
  'extension/dist/webview/codicon-B3TTTKGI.ttf',
  'extension/media/icons/rill.svg',
  'extension/media/walkthrough/set-key.md',
];

describe('VSIX contents', () => {
  it('a package of bundles, icons, walkthrough pages and the manifest passes', () => {
    assert.deepEqual(vsixProblems(GOOD, 600_000), []);
  });

  it('names each entry that must not ship, and why', () => {
    const problems = vsixProblems(
      [...GOOD, 'extension/media/chat/chat.css', 'extension/node_modules/openai/index.js', 'extension/dist/extension.js.map', 'extension/src/extension.ts', 'extension/test/unit/a.test.js'],
      600_000,
    );
    assert.deepEqual(problems, [
      'extension/media/chat/chat.css: not in the allowed set (see .vscodeignore)',
      'extension/node_modules/openai/index.js: node_modules must not ship',
      'extension/dist/extension.js.map: a source map must not ship',
      'extension/src/extension.ts: a TypeScript source must not ship',
      'extension/test/unit/a.test.js: a test must not ship',
    ]);
  });

  it('a package over 2 MB fails on its size', () => {
    assert.deepEqual(vsixProblems(GOOD, VSIX_MAX_BYTES + 1), [`the VSIX is ${VSIX_MAX_BYTES + 1} bytes, over the limit of ${VSIX_MAX_BYTES} (2 MiB)`]);
  });
});
