// The layer rules of the README's "Layout", as facts: every import of every source file is read
// (importGraph.ts) and each rule names the imports that break it, with the rule they break.
import * as assert from 'node:assert/strict';
import { type ImportEdge, importsOf, isIn, isNodeBuiltin, sourceFiles } from './importGraph';

/** The pure core: runs in plain Node, knows nothing of VS Code. */
const CORE = ['src/base/', 'src/llm/', 'src/completion/', 'src/chat/', 'src/report/', 'src/generate/', 'src/protocol/'];
/** The VS Code side: only these may import `vscode`, and the core may not import them. */
const ADAPTERS = ['src/vscode/', 'src/extension.ts'];
/** What the webviews (media/) may import from the extension's source: the shared protocol folder. */
const WEBVIEW_SHARED = ['src/protocol/'];
/** Code that ships or runs outside the test suites; test/ may import it, never the other way round. */
const NOT_TESTS = ['src/', 'media/', 'scripts/', 'demo/', 'tools/'];
/** The demo's sample workspace is a user's project opened in VS Code, not Rill's source. */
const SKIP = ['demo/workspace/'];

const allEdges = (): ImportEdge[] =>
  ['src', 'media', 'scripts', 'demo', 'tools', 'test'].flatMap((folder) => sourceFiles(folder, SKIP)).flatMap((file) => importsOf(file));

function describeEdge(edge: ImportEdge): string {
  return `${edge.from} imports '${edge.specifier}'${edge.file ? ` (${edge.file})` : ''}`;
}

interface Violation {
  readonly edge: ImportEdge;
  readonly rule: string;
}

/** The imports among `edges` that break a rule, each with the rule. */
function layerViolations(edges: readonly ImportEdge[]): Violation[] {
  const found: Violation[] = [];
  const breaks = (edge: ImportEdge, rule: string) => found.push({ edge, rule });
  for (const edge of edges) {
    if (edge.specifier.startsWith('.') && edge.file === undefined) breaks(edge, 'names no file (a rule cannot be checked on it)');
    if (isIn(edge.from, CORE)) {
      if (edge.module === 'vscode') breaks(edge, 'the core (src/{base,llm,completion,chat,report,generate,protocol}) never imports vscode');
      if (edge.file && isIn(edge.file, ADAPTERS)) breaks(edge, 'the core never imports the VS Code adapters (src/vscode/, src/extension.ts)');
    }
    const inWebview = isIn(edge.from, ['media/']) || isIn(edge.from, WEBVIEW_SHARED);
    if (inWebview) {
      if (edge.file && !isIn(edge.file, ['media/', ...WEBVIEW_SHARED])) breaks(edge, `a webview imports only media/ and ${WEBVIEW_SHARED.join(', ')}`);
      if (edge.module && (edge.module === 'vscode' || isNodeBuiltin(edge.module))) breaks(edge, 'a webview runs in a browser: no vscode, no Node built-ins');
    }
    if (isIn(edge.from, NOT_TESTS) && edge.file && isIn(edge.file, ['test/'])) breaks(edge, 'only test/ imports test/');
  }
  return found;
}

describe('Layers: the import rules of the README hold for every file', () => {
  const edges = allEdges();

  it('reads the imports of every kind, and none inside comments or strings', () => {
    const text = [
      "import a from './a';",
      "import type { B } from './b';",
      "export { c } from './c';",
      "export * from './d';",
      "import './e.css';",
      "const f = require('./f');",
      "const g = await import('./g');",
      "import h = require('./h');",
      "// import x from './commented';",
      "const s = \"import y from './in-a-string'\";",
    ].join('\n');
    assert.deepEqual(
      importsOf('src/base/example.ts', text).map((e) => e.specifier),
      ['./a', './b', './c', './d', './e.css', './f', './g', './h'],
    );
  });

  it('sees the whole tree (the rules below are not vacuous)', () => {
    const from = (folder: string) => edges.filter((e) => e.from.startsWith(folder)).length;
    for (const folder of ['src/vscode/', 'src/completion/', 'media/', 'scripts/', 'demo/', 'test/']) {
      assert.ok(from(folder) > 5, `${folder}: ${from(folder)} imports read`);
    }
    assert.ok(edges.some((e) => e.from.startsWith('src/vscode/') && e.module === 'vscode'), 'the adapters import vscode');
    assert.ok(edges.some((e) => e.from.startsWith('media/') && e.file?.startsWith('src/protocol/')), 'the webviews import the protocol');
  });

  it('each rule names the import that breaks it', () => {
    const edge = (from: string, specifier: string, file?: string, module?: string): ImportEdge => ({ from, specifier, file, module });
    assert.deepEqual(
      layerViolations([
        edge('src/chat/x.ts', 'vscode', undefined, 'vscode'),
        edge('src/llm/x.ts', '../vscode/log', 'src/vscode/log.ts'),
        edge('media/chat/x.ts', '../../src/chat/tokens', 'src/chat/tokens.ts'),
        edge('src/protocol/x.ts', '../base/event', 'src/base/event.ts'),
        edge('media/chat/x.ts', 'node:fs', undefined, 'node:fs'),
        edge('scripts/x.ts', '../test/harness/poll', 'test/harness/poll.ts'),
        edge('src/vscode/x.ts', 'vscode', undefined, 'vscode'),
        edge('media/chat/x.ts', 'marked', undefined, 'marked'),
        edge('test/unit/x.test.ts', '../../src/vscode/log', 'src/vscode/log.ts'),
      ]).map((v) => v.rule),
      [
        'the core (src/{base,llm,completion,chat,report,generate,protocol}) never imports vscode',
        'the core never imports the VS Code adapters (src/vscode/, src/extension.ts)',
        'a webview imports only media/ and src/protocol/',
        'a webview imports only media/ and src/protocol/',
        'a webview runs in a browser: no vscode, no Node built-ins',
        'only test/ imports test/',
      ],
    );
  });

  it('holds for the repository', () => {
    const violations = layerViolations(edges).map((v) => `${describeEdge(v.edge)}: ${v.rule}`);
    assert.deepEqual(violations, [], `${violations.length} import(s) break the layer rules:\n  ${violations.join('\n  ')}`);
  });
});
