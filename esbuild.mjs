// Builds the extension (Node, CommonJS, `vscode` external) and the webview front ends (browser).
//   node esbuild.mjs [--production] [--watch]   the extension and webviews into dist/ (what ships)
//   node esbuild.mjs --test-extension=<dir>     the host suite's test build of the extension
//                                               (test/host/testExtension.ts) into <dir>/extension.js
//   node esbuild.mjs --bench-webview=<dir>      the chat page with the bench's hooks into <dir>
// The two test-only builds never write to dist/: what is packaged cannot pick them up.
import * as esbuild from 'esbuild';
import { existsSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const option = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const testExtensionDir = option('test-extension');
const benchWebviewDir = option('bench-webview');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

const extension = (entry, outdir) => ({
  ...common,
  entryPoints: { extension: entry },
  outdir,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  // Error mapping tells the SDKs' connection errors from API errors by class name
  // (src/llm/errorMapping.ts); minified names turned a refused connection into "stopped the answer".
  keepNames: true,
  // ES module builds first: a UMD build (jsonc-parser's) requires its parts at run time, out of
  // esbuild's reach. Packages with an `exports` map are resolved through it either way.
  mainFields: ['module', 'main'],
});

const webview = (name, entry, outdir) => ({
  ...common,
  entryPoints: { [name]: entry },
  outdir,
  platform: 'browser',
  format: 'iife',
  target: 'chrome120',
  loader: { '.ttf': 'file', '.css': 'css' },
});

const builds = [];
if (testExtensionDir) {
  builds.push(extension('test/host/testExtension.ts', testExtensionDir));
} else if (benchWebviewDir) {
  // Served as chat.js / chat.css, the names the page's HTML asks for.
  builds.push(webview('chat', 'test/bench/webview/main.ts', benchWebviewDir));
} else {
  builds.push(extension('src/extension.ts', 'dist'));
  // Each webview front end is an entry under media/<name>/main.ts, bundled to dist/webview/<name>.js.
  for (const name of ['chat', 'report']) {
    const entry = `media/${name}/main.ts`;
    if (existsSync(entry)) builds.push(webview(name, entry, 'dist/webview'));
  }
  // A production build starts from an empty dist/ so that nothing stale (source maps) is packaged.
  if (production) rmSync('dist', { recursive: true, force: true });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
