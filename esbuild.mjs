// Builds the extension (Node, CommonJS, `vscode` external) and the webview front ends (browser).
import * as esbuild from 'esbuild';
import { existsSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
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
  },
];

// Each webview front end is an entry under media/<name>/main.ts, bundled to dist/webview/<name>.js.
for (const name of ['chat', 'report']) {
  const entry = `media/${name}/main.ts`;
  if (!existsSync(entry)) continue;
  builds.push({
    ...common,
    entryPoints: { [name]: entry },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    loader: { '.ttf': 'file', '.css': 'css' },
  });
}

// A production build starts from an empty dist/ so that nothing stale (source maps) is packaged.
if (production) rmSync('dist', { recursive: true, force: true });

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
