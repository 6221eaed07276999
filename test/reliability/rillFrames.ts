// Tells whether a stack frame is Rill's code. Frames in the extension's own bundle (dist/) are.
// So are frames in this test bundle that esbuild took from src/ or from Rill's dependencies: the
// host suites drive a copy of the completion engine bundled with the test, and esbuild marks where
// each module starts (`// src/completion/session.ts`), so a line number names its source file.
import { readFileSync } from 'node:fs';

export function rillFrameMatcher(extensionPath: string, testBundle: string): (frame: string) => boolean {
  const starts = moduleStarts(testBundle);
  const dist = `${extensionPath}/dist/`;
  return (frame) => {
    if (frame.includes(dist)) return true;
    const m = /\(?([^\s()]+\.js):(\d+):\d+\)?\s*$/.exec(frame);
    if (!m || m[1] !== testBundle) return false;
    const source = moduleAt(starts, Number(m[2]));
    return source !== undefined && (source.startsWith('src/') || source.startsWith('node_modules/'));
  };
}

interface ModuleStart {
  readonly line: number;
  readonly source: string;
}

function moduleStarts(bundle: string): ModuleStart[] {
  const starts: ModuleStart[] = [];
  readFileSync(bundle, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const m = /^\/\/ ((?:src|test|node_modules)\/\S+)$/.exec(text);
      // A copy: a match is a slice of the bundle's text and would keep all of it (megabytes) alive.
      if (m) starts.push({ line: i + 1, source: Buffer.from(m[1], 'utf8').toString('utf8') });
    });
  // RegExp's legacy statics (RegExp.input, lastMatch) keep the last string matched, here a slice
  // of the bundle's text: a match on a small string lets it go.
  /(?:)/.exec('');
  return starts;
}

function moduleAt(starts: readonly ModuleStart[], line: number): string | undefined {
  let found: string | undefined;
  for (const start of starts) {
    if (start.line > line) break;
    found = start.source;
  }
  return found;
}
