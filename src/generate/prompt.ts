// The chat request behind "Generate at Cursor": the file with the cursor (or the selection) marked,
// the user's instruction, and a system prompt that asks for the code to insert and nothing else.
import { codePointBoundary } from '../base/codePoints';
import type { ChatMessage, ChatRequest } from '../llm/types';

export interface GenerateInput {
  /** Workspace-relative path, shown to the model. */
  readonly path: string;
  readonly languageId: string;
  /** The whole document. */
  readonly text: string;
  /** Offsets into `text`; equal when nothing is selected. */
  readonly selectionStart: number;
  readonly selectionEnd: number;
  readonly instruction: string;
}

export interface GenerateOptions {
  readonly maxTokens?: number;
  readonly temperature?: number;
  /** Most characters of the file sent, split around the cursor (default 24,000). */
  readonly maxFileChars?: number;
}

export const CURSOR = '<CURSOR>';
export const SELECTION_START = '<SELECTION>';
export const SELECTION_END = '</SELECTION>';

const DEFAULT_MAX_FILE_CHARS = 24_000;

export function generateRequest(input: GenerateInput, options: GenerateOptions = {}): ChatRequest {
  const hasSelection = input.selectionEnd > input.selectionStart;
  const system = [
    "You write code that is inserted directly into a file in the user's editor.",
    hasSelection
      ? `Reply with only the code that replaces the text between ${SELECTION_START} and ${SELECTION_END}.`
      : `Reply with only the code to insert at ${CURSOR}.`,
    'No explanations, no markdown, no code fences, and do not repeat the code around it.',
    'Match the surrounding code: its language, style and indentation.',
  ].join(' ');
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    { role: 'user', content: userMessage(input, hasSelection, options.maxFileChars ?? DEFAULT_MAX_FILE_CHARS) },
  ];
  return {
    kind: 'chat',
    messages,
    ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
  };
}

function userMessage(input: GenerateInput, hasSelection: boolean, maxFileChars: number): string {
  const { text, selectionStart: s, selectionEnd: e } = input;
  const marked = hasSelection
    ? `${text.slice(0, s)}${SELECTION_START}${text.slice(s, e)}${SELECTION_END}${text.slice(e)}`
    : `${text.slice(0, s)}${CURSOR}${text.slice(s)}`;
  const markEnd = hasSelection ? e + SELECTION_START.length + SELECTION_END.length : s + CURSOR.length;
  const excerpt = windowAround(marked, s, markEnd, maxFileChars);
  const where = hasSelection ? `The selection is marked with ${SELECTION_START}…${SELECTION_END}.` : `The cursor is marked with ${CURSOR}.`;
  return [
    `File: ${input.path} (${input.languageId})`,
    where,
    '',
    excerpt,
    '',
    `Instruction: ${input.instruction.trim()}`,
  ].join('\n');
}

/**
 * The part of `text` around `[from, to)` that fits in `maxChars`, cut at line boundaries, with a
 * note where lines were left out. Two thirds of the room go before the cursor: what leads up to it
 * says most about what belongs there.
 */
export function windowAround(text: string, from: number, to: number, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const marked = to - from;
  const room = Math.max(0, maxChars - marked);
  let before = Math.floor((room * 2) / 3);
  let after = room - before;
  // Give room one side cannot use to the other.
  if (from < before) {
    after += before - from;
    before = from;
  }
  if (text.length - to < after) {
    before += after - (text.length - to);
    after = text.length - to;
  }
  let start = from - before;
  let end = to + after;
  // A line longer than the room is cut inside it, between characters (never inside an emoji).
  if (start > 0) start = codePointBoundary(text, nextLineStart(text, start, from), 'forward');
  if (end < text.length) end = codePointBoundary(text, lineEndBefore(text, end, to), 'back');
  const omittedAbove = countLines(text, 0, start);
  const omittedBelow = countLines(text, end, text.length);
  return [
    omittedAbove > 0 ? `[… ${omittedAbove} line${omittedAbove === 1 ? '' : 's'} above left out]\n` : '',
    text.slice(start, end),
    omittedBelow > 0 ? `\n[… ${omittedBelow} line${omittedBelow === 1 ? '' : 's'} below left out]` : '',
  ].join('');
}

function nextLineStart(text: string, offset: number, limit: number): number {
  const newline = text.indexOf('\n', offset - 1);
  return newline >= 0 && newline + 1 <= limit ? newline + 1 : offset;
}

function lineEndBefore(text: string, offset: number, limit: number): number {
  const newline = text.lastIndexOf('\n', offset);
  return newline >= limit ? newline : offset;
}

function countLines(text: string, from: number, to: number): number {
  let part = text.slice(from, to);
  // A newline at the edge belongs to the line that was kept.
  if (part.startsWith('\n')) part = part.slice(1);
  if (part.endsWith('\n')) part = part.slice(0, -1);
  return part === '' && to - from <= 1 ? 0 : part.split('\n').length;
}
