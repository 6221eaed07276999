// What the simulated person writes: blocks of real source files, each taken out of its file and
// written back. The files are a frozen copy of some of this repository's own src/ (corpus/, as
// .txt so that nothing compiles them), so that the script does not change when src/ does and
// figures stay comparable from commit to commit. The document starts on the block's first line,
// indented as the editor would after Enter; the person writes the rest. Seeded: the same seed gives
// the same blocks, so every model x profile x strategy writes exactly the same text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Block {
  /** Workspace-relative path. */
  readonly path: string;
  /** The whole file: what the document holds once the block is written. */
  readonly full: string;
  /** Where the person's text begins in `full` (after the first line's indentation). */
  readonly start: number;
  /** Where it ends (the end of the block's last line). */
  readonly end: number;
}

export interface ScriptOptions {
  readonly seed: number;
  /** How many blocks to write. */
  readonly blocks: number;
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

/** FNV-1a over a string and a few numbers: a seed for draws that depend only on where they happen. */
export function hashSeed(text: string, ...numbers: number[]): number {
  let h = 0x811c9dc5;
  const mix = (code: number) => {
    h ^= code & 0xffff;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
  for (const n of numbers) {
    mix(n);
    mix(n >>> 16);
  }
  return h >>> 0;
}

/** A standard normal draw (Box-Muller) from two uniform ones. */
export function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

export const CORPUS = join(__dirname, 'corpus');

/** The corpus's files, by the name the model sees (`completion-session.ts`). */
export function sourceFiles(): string[] {
  return readdirSync(CORPUS)
    .filter((name) => name.endsWith('.ts.txt'))
    .sort()
    .map((name) => name.slice(0, -'.txt'.length));
}

const read = (path: string) => readFileSync(join(CORPUS, `${path}.txt`), 'utf8').replace(/\r\n/g, '\n');

const isComment = (line: string) => /^\s*(\/\/|\/\*|\*)/.test(line);

function pickBlock(path: string, full: string, rand: () => number): Block | undefined {
  const lines = full.split('\n');
  const count = 3 + Math.floor(rand() * 5);
  const first = 5 + Math.floor(rand() * (lines.length - count - 10));
  const chosen = lines.slice(first, first + count);
  if (chosen.some((line) => !line.trim() || isComment(line))) return undefined;
  const lineStart = lines.slice(0, first).join('\n').length + 1;
  const indent = /^[ \t]*/.exec(chosen[0])![0].length;
  const end = lines.slice(0, first + count).join('\n').length;
  const length = end - lineStart - indent;
  return length < 90 || length > 260 ? undefined : { path, full, start: lineStart + indent, end };
}

/** Blocks of 3 to 7 lines, 90 to 260 characters of code, from different files. */
export function typingScript(options: ScriptOptions): Block[] {
  const rand = random(options.seed);
  const files = sourceFiles();
  // A seeded shuffle, so that the script visits files of every kind.
  for (let i = files.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [files[i], files[j]] = [files[j], files[i]];
  }
  const blocks: Block[] = [];
  for (const path of files) {
    if (blocks.length >= options.blocks) break;
    const full = read(path);
    const lines = full.split('\n');
    if (lines.length < 30) continue;
    // A few tries per file for a block of code (no comment or blank line, not too short or long).
    for (let attempt = 0; attempt < 6; attempt++) {
      const block = pickBlock(path, full, rand);
      if (block) {
        blocks.push(block);
        break;
      }
    }
  }
  return blocks;
}

/** Lines of the corpus's other files, for models that write code from elsewhere. */
export function elsewhereLines(exclude: readonly string[]): string[] {
  const lines: string[] = [];
  for (const path of sourceFiles()) {
    if (exclude.includes(path)) continue;
    for (const line of read(path).split('\n')) {
      const text = line.trim();
      if (text.length >= 8 && text.length <= 90 && !isComment(line)) lines.push(text);
    }
  }
  return lines;
}
