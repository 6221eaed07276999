// Small text helpers shared by the engine and the post-processing rules.

export function splitLines(text: string): string[] {
  return text.split('\n');
}

export function isBlank(text: string): boolean {
  return !/\S/.test(text);
}

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

/** Visual width of a line's indentation, tabs counted as `tabSize` columns. */
export function indentWidth(line: string, tabSize = 4): number {
  let width = 0;
  for (const ch of line) {
    if (ch === ' ') width++;
    else if (ch === '\t') width += tabSize - (width % tabSize);
    else break;
  }
  return width;
}

/**
 * `line` with its indentation in the document's style (`indentUnit` a tab or spaces): a model trained
 * on spaces often indents a tab-indented file with spaces, and the other way round.
 */
export function restyleIndentation(line: string, indentUnit: string, tabSize: number): string {
  const lead = leadingWhitespace(line);
  const useTabs = indentUnit === '\t';
  if (useTabs ? !lead.includes(' ') : !lead.includes('\t')) return line;
  const width = indentWidth(lead, tabSize);
  const styled = useTabs ? '\t'.repeat(Math.floor(width / tabSize)) + ' '.repeat(width % tabSize) : ' '.repeat(width);
  return styled + line.slice(lead.length);
}

/** The last line of `text` (the part after the last newline). */
export function lastLine(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1);
}

/** The first line of `text` (the part before the first newline). */
export function firstLine(text: string): string {
  const i = text.indexOf('\n');
  return i < 0 ? text : text.slice(0, i);
}

/** The last `count` lines of `text`, nearest last (used for context around the cursor). */
export function tailLines(text: string, count: number): string[] {
  let end = text.length;
  const lines: string[] = [];
  while (lines.length < count && end >= 0) {
    const start = text.lastIndexOf('\n', end - 1);
    lines.unshift(text.slice(start + 1, end));
    if (start < 0) break;
    end = start;
  }
  return lines;
}

/** The first `count` lines of `text`. */
export function headLines(text: string, count: number): string[] {
  const lines: string[] = [];
  let start = 0;
  while (lines.length < count && start <= text.length) {
    const end = text.indexOf('\n', start);
    lines.push(text.slice(start, end < 0 ? text.length : end));
    if (end < 0) break;
    start = end + 1;
  }
  return lines;
}

/** Identifier-like words, used for similarity and for word-boundary cuts. */
export const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
