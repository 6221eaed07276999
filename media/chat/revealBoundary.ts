// Where a paced reveal may stop. The pacer says roughly how many characters to show; this moves
// that point to the end of a word, and out of a markdown construct that would render one way while
// half shown and another once whole (an inline code span or emphasis whose closing marker is
// hidden, a link before its URL is complete, a code fence's opening line, a table's header before
// its separator row), so paced text grows word by word without flickering. Pure.

/** A word longer than this is revealed in pieces (a URL, a hash, minified code). */
const MAX_WORD_CHARS = 40;
/** A construct whose end is further than this is not waited for. */
const MAX_CONSTRUCT_CHARS = 160;

/**
 * The end (exclusive) of the text to show, given the text received so far, what is shown already
 * (`shown`) and what the pacer allows (`target`, shown < target < text.length). Never less than
 * `shown`; at most `text.length`.
 */
export function revealEnd(text: string, shown: number, target: number): number {
  if (target >= text.length) return text.length;
  if (target <= shown) return shown;
  let end = wordEnd(text, target);
  end = outsideConstructs(text, shown, end);
  return Math.min(text.length, Math.max(shown, end));
}

/** The end of the word `at` falls in, with the whitespace after it; `at` itself for a very long word. */
function wordEnd(text: string, at: number): number {
  if (/\s/.test(text[at - 1] ?? ' ') && !/\s/.test(text[at] ?? ' ')) return at;
  const rest = text.slice(at, at + MAX_WORD_CHARS + 1);
  const space = rest.search(/\s/);
  // No end in sight: the word is still arriving (shown as far as it came) or very long (split).
  if (space < 0) return rest.length > MAX_WORD_CHARS ? at : at + rest.length;
  let end = at + space;
  while (end < text.length && /[ \t]/.test(text[end] ?? '')) end++;
  return end;
}

/** Moves `end` past (or back before) a construct it would cut in half on its line. */
function outsideConstructs(text: string, shown: number, end: number): number {
  const lineStart = text.lastIndexOf('\n', end - 1) + 1;
  const lineEndAt = text.indexOf('\n', end);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
  const line = text.slice(lineStart, end);
  // A fence's opening line (```lang) and a table's header row: shown with the line after them.
  if (/^\s{0,3}(```|~~~)/.test(line) && lineEndAt >= 0) return lineEnd + 1;
  if (/^\s*\|/.test(line) && isTableSeparator(text, lineEnd)) return nextLineEnd(text, lineEnd);
  const open = openMarker(line);
  if (open === undefined) return end;
  const closeAt = findClose(text, end, lineEnd, open.close);
  if (closeAt !== undefined) return closeAt;
  // Its end has not arrived (or is far): stop before it opened, if that still shows something new.
  const before = lineStart + open.at;
  return before > shown ? before : end;
}

interface OpenMarker {
  /** Where in the line the construct starts. */
  readonly at: number;
  /** What ends it. */
  readonly close: string;
}

/** The first construct still open at the end of `line` (outside code spans), if any. */
function openMarker(line: string): OpenMarker | undefined {
  let open: OpenMarker | undefined;
  let i = 0;
  while (i < line.length) {
    const rest = line.slice(i);
    if (open) {
      if (rest.startsWith(open.close)) {
        i += open.close.length;
        open = undefined;
        continue;
      }
      // Inside a code span nothing else opens.
      if (open.close === '`') {
        i++;
        continue;
      }
    }
    if (!open) {
      const ticks = /^`+/.exec(rest)?.[0];
      if (ticks) open = { at: i, close: ticks };
      else if (rest.startsWith('**') || rest.startsWith('__')) open = { at: i, close: rest.slice(0, 2) };
      else if (rest.startsWith('](')) open = { at: i, close: ')' };
      else if (rest.startsWith('[') && !rest.startsWith('[ ]') && !rest.startsWith('[x]')) open = { at: i, close: ']' };
      if (open) {
        i += open.close === ')' ? 2 : open.close.length;
        continue;
      }
    }
    i++;
  }
  // A link's text that closed with `](` continues as its URL: the whole link is one construct.
  return open;
}

/** Where `close` ends within reach on the same line, past `from`. */
function findClose(text: string, from: number, lineEnd: number, close: string): number | undefined {
  const limit = Math.min(lineEnd, from + MAX_CONSTRUCT_CHARS);
  const at = text.indexOf(close, from);
  if (at < 0 || at + close.length > limit) return undefined;
  let end = at + close.length;
  // `[text]` followed by `(url)` is one link.
  if (close === ']' && text[end] === '(') {
    const paren = text.indexOf(')', end);
    if (paren < 0 || paren + 1 > limit) return undefined;
    end = paren + 1;
  }
  return end;
}

function isTableSeparator(text: string, lineEnd: number): boolean {
  if (lineEnd >= text.length) return false;
  const next = text.slice(lineEnd + 1, nextLineEnd(text, lineEnd) - 1);
  return /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/.test(next);
}

/** The end (exclusive, after its newline) of the line that starts after `lineEnd`. */
function nextLineEnd(text: string, lineEnd: number): number {
  const after = text.indexOf('\n', lineEnd + 1);
  return after < 0 ? text.length : after + 1;
}
