// What the packaged VSIX may hold: the entries of a good package pass; anything else is named.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../tools/paths';
import { bundleProblems, VSIX_MAX_BYTES, vsixProblems } from '../../tools/vsixContents';

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

  describe('bundles of a test-only build fail the check', function () {
    this.timeout(60_000);
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'rill-test-builds-'));
      for (const flag of [`--test-extension=${join(dir, 'extension')}`, `--bench-webview=${join(dir, 'bench')}`]) {
        const build = spawnSync(process.execPath, ['esbuild.mjs', flag], { cwd: PROJECT_ROOT, encoding: 'utf8' });
        assert.equal(build.status, 0, `node esbuild.mjs ${flag} failed: ${build.stderr}`);
      }
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("the host suite's test build of the extension (its internals for the tests)", () => {
      const problems = bundleProblems('extension/dist/extension.js', readFileSync(join(dir, 'extension', 'extension.js'), 'utf8'));
      assert.deepEqual(problems, [`extension/dist/extension.js: contains "rill-host-test-build" (the host suite's test build of the extension) and must not ship`]);
    });

    it("the bench's chat page (naive renderer, render measurements)", () => {
      const problems = bundleProblems('extension/dist/webview/chat.js', readFileSync(join(dir, 'bench', 'chat.js'), 'utf8'));
      assert.deepEqual(problems.map((p) => p.replace(/ \(.*/, '')), [
        'extension/dist/webview/chat.js: contains "rill-render"',
        'extension/dist/webview/chat.js: contains "dataset.render"',
        'extension/dist/webview/chat.js: contains "dataset.measure"',
      ]);
    });
  });
});
