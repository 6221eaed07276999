// The typing the local-server bench replays: in each file of the frozen corpus (completionTrace.ts'
// CORPUS), a block of lines is taken out and typed back key by key with a typist's rhythm (log-normal
// gaps around 120 ms inside a burst, pauses at some line ends and now and then mid-line, typos
// corrected with backspace). A keystroke after a gap of at least BURST_GAP_MS starts a new burst.
// Seeded: the same seed gives the same keystrokes, so both strategies replay exactly the same text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, random, sourceFiles } from './completionTrace';

/** A gap this long ends a burst (the ring may change: the idle module's IDLE_MS). */
export const BURST_GAP_MS = 1000;

export interface Keystroke {
  readonly gapMs: number;
  readonly kind: 'type' | 'backspace';
  /** One character, or a newline with the next line's indentation (auto-indent). */
  readonly text: string;
}

export interface TypingSession {
  readonly path: string;
  /** The whole file: what the document holds once the block is typed. */
  readonly full: string;
  /** The block typed: full.slice(start, end). */
  readonly start: number;
  readonly end: number;
  readonly keystrokes: readonly Keystroke[];
}

const NEIGHBOURS = 'qwertyuiopasdfghjklzxcvbnm';

function keyGap(rand: () => number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Math.round(Math.min(400, Math.max(45, 120 * Math.exp(0.35 * normal))));
}

function typeBlock(block: string, rand: () => number): Keystroke[] {
  const keys: Keystroke[] = [];
  let gap = 1500;
  const push = (kind: Keystroke['kind'], text: string) => {
    keys.push({ gapMs: gap, kind, text });
    gap = keyGap(rand);
  };
  for (let i = 0; i < block.length; i++) {
    const ch = block[i]!;
    if (ch === '\n') {
      const indent = /^[ \t]*/.exec(block.slice(i + 1))![0];
      push('type', '\n' + indent);
      i += indent.length;
      if (rand() < 0.35) gap = 600 + Math.round(rand() * 1200);
      continue;
    }
    if (/[a-z]/.test(ch) && rand() < 0.015) {
      push('type', NEIGHBOURS[Math.floor(rand() * NEIGHBOURS.length)]!);
      gap = 150 + Math.round(rand() * 200);
      push('backspace', '');
    }
    push('type', ch);
    if (rand() < 0.02) gap = 700 + Math.round(rand() * 1300);
  }
  return keys;
}

/** Blocks of 3 to 7 lines (60 to 360 characters) from the corpus's files, in a seeded order, until `minKeystrokes`. */
export function localTypingTrace(seed: number, minKeystrokes: number): TypingSession[] {
  const rand = random(seed);
  const files = sourceFiles();
  for (let i = files.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [files[i], files[j]] = [files[j]!, files[i]!];
  }
  const sessions: TypingSession[] = [];
  let total = 0;
  for (let round = 0; total < minKeystrokes && round < 8; round++) {
    for (const path of files) {
      if (total >= minKeystrokes) break;
      const full = readFileSync(join(CORPUS, `${path}.txt`), 'utf8').replace(/\r\n/g, '\n');
      const lines = full.split('\n');
      const count = 3 + Math.floor(rand() * 5);
      const first = 10 + Math.floor(rand() * Math.max(1, lines.length - count - 15));
      const start = lines.slice(0, first).join('\n').length + 1;
      const end = lines.slice(0, first + count).join('\n').length;
      const block = full.slice(start, end);
      if (block.trim().length < 60 || block.length > 360) continue;
      const keystrokes = typeBlock(block, rand);
      sessions.push({ path, full, start, end, keystrokes });
      total += keystrokes.length;
    }
  }
  return sessions;
}
