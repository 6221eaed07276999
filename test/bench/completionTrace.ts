// A generated typing session over real source files (this repository's own src/): in each file a
// block of lines is taken out and typed back key by key, with a typist's rhythm, pauses at line
// ends and now and then mid-line, and typos corrected with backspace. Seeded: the same seed gives
// the same trace, so every strategy replays exactly the same keystrokes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Keystroke {
  /** Milliseconds after the previous keystroke of the same file (the first: after opening it). */
  readonly gapMs: number;
  readonly kind: 'type' | 'backspace';
  /** Inserted text: one character, or a newline with the next line's indentation (auto-indent). */
  readonly text: string;
  /** A typo: this character is not the file's. */
  readonly typo?: boolean;
}

export interface TypingSession {
  /** Workspace-relative path. */
  readonly path: string;
  /** The whole file: what the typist ends up with. */
  readonly full: string;
  /** The document when the session starts: the file without the block. */
  readonly start: number;
  readonly end: number;
  readonly keystrokes: readonly Keystroke[];
}

export interface TraceOptions {
  readonly root: string;
  readonly seed: number;
  readonly minKeystrokes: number;
}

/** Mulberry32: small, fast, and the same everywhere. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sourceFiles(dir: string, root: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path, root));
    else if (name.endsWith('.ts')) files.push(relative(root, path));
  }
  return files;
}

const NEIGHBOURS = 'qwertyuiopasdfghjklzxcvbnm';

/** Gap between two keys of a burst: log-normal around 120 ms, as measured typists type code. */
function keyGap(rand: () => number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Math.round(Math.min(400, Math.max(45, 120 * Math.exp(0.35 * normal))));
}

function typeBlock(block: string, rand: () => number): Keystroke[] {
  const keys: Keystroke[] = [];
  let gap = 600;
  const push = (kind: Keystroke['kind'], text: string, typo?: boolean) => {
    keys.push({ gapMs: gap, kind, text, ...(typo ? { typo } : {}) });
    gap = keyGap(rand);
  };
  for (let i = 0; i < block.length; i++) {
    const ch = block[i];
    if (ch === '\n') {
      // Enter: the editor indents the new line like the next one.
      const indent = /^[ \t]*/.exec(block.slice(i + 1))![0];
      push('type', '\n' + indent);
      i += indent.length;
      if (rand() < 0.35) gap = 600 + Math.round(rand() * 1200);
      continue;
    }
    if (/[a-z]/.test(ch) && rand() < 0.015) {
      push('type', NEIGHBOURS[Math.floor(rand() * NEIGHBOURS.length)], true);
      gap = 150 + Math.round(rand() * 200);
      push('backspace', '');
    }
    push('type', ch);
    if (rand() < 0.02) gap = 700 + Math.round(rand() * 1300);
  }
  return keys;
}

export function typingTrace(options: TraceOptions): TypingSession[] {
  const rand = random(options.seed);
  const files = sourceFiles(join(options.root, 'src'), options.root);
  // A seeded shuffle, so that the trace visits files of every kind.
  for (let i = files.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [files[i], files[j]] = [files[j], files[i]];
  }
  const sessions: TypingSession[] = [];
  let total = 0;
  for (const path of files) {
    if (total >= options.minKeystrokes) break;
    const full = readFileSync(join(options.root, path), 'utf8').replace(/\r\n/g, '\n');
    const lines = full.split('\n');
    if (lines.length < 30) continue;
    const count = 5 + Math.floor(rand() * 7);
    const first = 5 + Math.floor(rand() * (lines.length - count - 10));
    const start = lines.slice(0, first).join('\n').length + 1;
    const end = lines.slice(0, first + count).join('\n').length;
    const block = full.slice(start, end);
    if (block.trim().length < 80 || block.length > 800) continue;
    const keystrokes = typeBlock(block, rand);
    sessions.push({ path, full, start, end, keystrokes });
    total += keystrokes.length;
  }
  return sessions;
}
