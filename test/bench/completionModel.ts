// The bench's models, served by the fake LLM server. Each knows the files being written: it finds the
// cursor by the prompt's end and reads the true text from there. A prompt that ends in a slip is
// continued from the last point that still matches, as a model continues code that almost fits.
// - exact: the true text to its natural end, as FIM models stop: the end of the block the cursor's
//   line opened, or before the line that closes the block the cursor is in, or where the document's
//   text after the cursor begins (the hole's end), whichever comes first;
// - firstLine: the head of that text right (its leading line breaks and first line with text), then
//   as many lines of code from elsewhere as the true text had left;
// - wrong: code from elsewhere only (other files of the tree), as many lines as the true text;
// - pastHole: the true text on and on, past the hole's end and every natural end (the server's
//   token limit stops it).
// A request's own `stop` (a line break, inside a line) is honoured, as servers do.
import type { FakeReply, RecordedRequest } from '../fake-llm/server';
import { hashSeed, normal, random } from './completionTrace';

/** Characters of the prompt's end used to find the cursor in the true file. */
const TAIL = 400;
const MAX_REPLY_CHARS = 900;

export type ModelKind = 'exact' | 'firstLine' | 'wrong' | 'pastHole';
export const MODELS: readonly ModelKind[] = ['exact', 'firstLine', 'wrong', 'pastHole'];

export interface ModelProfile {
  readonly name: string;
  readonly ttftMs: number;
  readonly tokensPerSec: number;
  /** Log-normal spread of time to first token from request to request (network, queueing). */
  readonly ttftSigma: number;
}

export const PROFILES: readonly ModelProfile[] = [
  { name: 'cloud', ttftMs: 150, tokensPerSec: 100, ttftSigma: 0.3 },
  { name: 'current', ttftMs: 300, tokensPerSec: 50, ttftSigma: 0.2 },
  // A local server has no network in between: prompt processing varies less.
  { name: 'local', ttftMs: 800, tokensPerSec: 20, ttftSigma: 0.1 },
];

/** Change in bracket depth over a line and its lowest point, brackets inside quotes ignored. */
function brackets(line: string): { delta: number; lowest: number } {
  let depth = 0;
  let lowest = 0;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) lowest = Math.min(lowest, --depth);
  }
  return { delta: depth, lowest };
}

/** Where the true text from `from` naturally ends (see the file's header), at most `holeEnd`. */
export function naturalEnd(full: string, from: number, holeEnd: number): number {
  const lineStart = full.lastIndexOf('\n', from - 1) + 1;
  let depth = Math.max(0, brackets(full.slice(lineStart, from)).delta);
  const opened = depth > 0;
  let at = full.indexOf('\n', from);
  if (at < 0 || at >= holeEnd) return holeEnd;
  depth += brackets(full.slice(from, at)).delta;
  while (at < holeEnd) {
    const next = full.indexOf('\n', at + 1);
    const lineEnd = next < 0 ? full.length : next;
    const { delta, lowest } = brackets(full.slice(at + 1, lineEnd));
    if (depth + lowest < 0) return at;
    depth += delta;
    if (opened && depth <= 0) return Math.min(lineEnd, holeEnd);
    at = lineEnd;
  }
  return holeEnd;
}

interface Cursor {
  readonly full: string;
  readonly from: number;
  readonly holeEnd: number;
}

function findCursor(prompt: string, suffixHead: string, files: readonly string[]): Cursor | undefined {
  for (let drop = 0; drop <= 3; drop++) {
    const tail = prompt.slice(Math.max(0, prompt.length - drop - TAIL), prompt.length - drop);
    if (!tail) return undefined;
    for (const full of files) {
      const at = full.lastIndexOf(tail);
      if (at < 0) continue;
      const from = at + tail.length;
      const hole = suffixHead.trim() ? full.indexOf(suffixHead, from) : -1;
      return { full, from, holeEnd: hole < 0 ? full.length : hole };
    }
  }
  return undefined;
}

/** `count` consecutive lines of code from elsewhere, picked by `seed`, each indented like `indents`. */
function elsewhere(pool: readonly string[], seed: number, indents: readonly string[], avoid: string): string[] {
  const rand = random(seed);
  for (let attempt = 0; attempt < 8; attempt++) {
    const start = Math.floor(rand() * Math.max(1, pool.length - indents.length));
    const lines = indents.map((indent, i) => indent + pool[(start + i) % pool.length]);
    // Code from elsewhere that happens to begin like the true text would not be wrong.
    if (!avoid || lines[0].trimStart()[0] !== avoid[0]) return lines;
  }
  return indents.map((indent) => `${indent}void 0;`);
}

function truthText(kind: ModelKind, cursor: Cursor, pool: readonly string[], seed: number): string {
  const { full, from, holeEnd } = cursor;
  if (kind === 'pastHole') return full.slice(from, from + MAX_REPLY_CHARS);
  const text = full.slice(from, Math.min(naturalEnd(full, from, holeEnd), from + MAX_REPLY_CHARS));
  if (kind === 'exact') return text;
  const content = /\S/.exec(text);
  if (!content) return text;
  const headEnd = text.indexOf('\n', content.index);
  const lines = text.split('\n');
  if (kind === 'firstLine') {
    const head = headEnd < 0 ? text : text.slice(0, headEnd);
    const restLines = headEnd < 0 ? [] : text.slice(headEnd + 1).split('\n');
    const indents = (restLines.length ? restLines : [lines[lines.length - 1]]).map((line) => /^[ \t]*/.exec(line)![0]);
    return `${head}\n${elsewhere(pool, seed, indents, '').join('\n')}`;
  }
  // wrong: the same shape (leading line breaks and indentation, line count), other code.
  const lead = text.slice(0, content.index);
  const leadLine = lead.slice(lead.lastIndexOf('\n') + 1);
  const firstLineStart = lead.length - leadLine.length;
  const shape = text.slice(firstLineStart).split('\n');
  const indents = shape.map((line, i) => (i === 0 ? leadLine : /^[ \t]*/.exec(line)![0]));
  const wrong = elsewhere(pool, seed, indents, text.slice(content.index));
  return text.slice(0, firstLineStart) + wrong.join('\n');
}

export function benchModel(
  kind: ModelKind,
  profile: ModelProfile,
  files: () => readonly string[],
  pool: readonly string[],
  seed: number,
): (request: RecordedRequest) => FakeReply | undefined {
  const jitter = random(seed ^ 0x9e3779b9);
  return (request) => {
    const body = request.body as { prompt?: unknown; suffix?: unknown; stop?: unknown } | undefined;
    if (typeof body?.prompt !== 'string') return undefined;
    const timing: FakeReply = {
      ttftMs: profile.ttftMs * Math.exp(profile.ttftSigma * normal(jitter)),
      tokensPerSec: profile.tokensPerSec * Math.exp(0.1 * normal(jitter)),
    };
    const suffixHead = typeof body.suffix === 'string' ? body.suffix.slice(0, 200) : '';
    const cursor = findCursor(body.prompt, suffixHead, files());
    if (!cursor) return { ...timing, text: '' };
    let text = truthText(kind, cursor, pool, hashSeed(body.prompt.slice(-200), seed));
    const stops = Array.isArray(body.stop) ? body.stop.filter((s): s is string => typeof s === 'string' && s !== '') : [];
    for (const stop of stops) {
      const at = text.indexOf(stop);
      if (at >= 0) text = text.slice(0, at);
    }
    return { ...timing, text };
  };
}
