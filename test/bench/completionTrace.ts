// What the simulated person writes: blocks of real source files (this repository's own src/), each
// taken out of its file and written back. The document starts on the block's first line, indented
// as the editor would after Enter; the person writes the rest. Seeded: the same seed and tree give
// the same blocks, so every model x profile x strategy writes exactly the same text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

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
  readonly root: string;
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

export function sourceFiles(dir: string, root: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path, root));
    else if (name.endsWith('.ts')) files.push(relative(root, path));
  }
  return files;
}

const isComment = (line: string) => /^\s*(\/\/|\/\*|\*)/.test(line);

/** Blocks of 3 to 7 lines, 90 to 260 characters of code, from different files. */
export function typingScript(options: ScriptOptions): Block[] {
  const rand = random(options.seed);
  const files = sourceFiles(join(options.root, 'src'), options.root);
  // A seeded shuffle, so that the script visits files of every kind.
  for (let i = files.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [files[i], files[j]] = [files[j], files[i]];
  }
  const blocks: Block[] = [];
  for (const path of files) {
    if (blocks.length >= options.blocks) break;
    const full = readFileSync(join(options.root, path), 'utf8').replace(/\r\n/g, '\n');
    const lines = full.split('\n');
    if (lines.length < 30) continue;
    const count = 3 + Math.floor(rand() * 5);
    const first = 5 + Math.floor(rand() * (lines.length - count - 10));
    const chosen = lines.slice(first, first + count);
    // Code, not comments or blank lines: the person writes a piece of logic.
    if (chosen.some((line) => !line.trim() || isComment(line))) continue;
    const lineStart = lines.slice(0, first).join('\n').length + 1;
    const indent = /^[ \t]*/.exec(chosen[0])![0].length;
    const end = lines.slice(0, first + count).join('\n').length;
    const length = end - lineStart - indent;
    if (length < 90 || length > 260) continue;
    blocks.push({ path, full, start: lineStart + indent, end });
  }
  return blocks;
}

/** Other source files, for models that write code from elsewhere. */
export function elsewhereLines(root: string, exclude: readonly string[]): string[] {
  const lines: string[] = [];
  for (const path of sourceFiles(join(root, 'src'), root)) {
    if (exclude.includes(path)) continue;
    for (const line of readFileSync(join(root, path), 'utf8').split('\n')) {
      const text = line.trim();
      if (text.length >= 8 && text.length <= 90 && !isComment(line)) lines.push(text);
    }
  }
  return lines;
}
