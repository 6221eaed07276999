// How an answer that was cut off (Stop, a dropped connection, a reloaded window) is drawn at its
// end. The live reveal never shows half a code span, bold or link (revealBoundary.ts); a cut answer
// cannot wait for the rest, so what is still open at its end is finished for display: an inline
// code span gets its closing backticks, bold its closing marker, and a link cut before its address
// ended shows as its text (its half address would lead nowhere). The text itself is not changed:
// Continue goes on from exactly what was received. An open code fence needs nothing: markdown
// draws it as code to the end. Pure.

/** How a cut answer's end is drawn: its last `drop` characters replaced by `add`, for display only. */
export interface CutEnding {
  readonly drop: number;
  readonly add: string;
}

export const NO_ENDING: CutEnding = { drop: 0, add: '' };

/** An unfinished link (or image) at the end: `[text`, `[text]` or `[text](half-an-address`. */
const OPEN_LINK = /!?\[([^\[\]\n]*)(?:\](?:\([^()\s]*)?)?$/;

/** What a cut-off answer's end is drawn as (see CutEnding). */
export function cutEnding(text: string): CutEnding {
  const lines = text.split(/\r\n?|\n/);
  if (endsInsideFence(lines)) return NO_ENDING;
  const paragraph = lastParagraph(lines);
  if (paragraph === undefined) return NO_ENDING;
  // Inside an open code span a bracket is code.
  const link = openMarkers(paragraph).some((m) => m.startsWith('`')) ? null : OPEN_LINK.exec(paragraph);
  if (!link) return { drop: 0, add: closingMarkers(paragraph) };
  const kept = paragraph.slice(0, link.index) + (link[1] ?? '');
  return { drop: link[0].length, add: (link[1] ?? '') + closingMarkers(kept) };
}

/**
 * The markers to draw after `text` so that the constructs still open at its end render as they
 * would once closed; '' when nothing is open.
 */
export function cutAnswerEnding(text: string): string {
  const lines = text.split(/\r\n?|\n/);
  if (endsInsideFence(lines)) return '';
  const paragraph = lastParagraph(lines);
  return paragraph === undefined ? '' : closingMarkers(paragraph);
}

function closingMarkers(paragraph: string): string {
  return openMarkers(paragraph).reverse().join('');
}

/** Whether the last line is inside a fenced code block that has not closed. */
function endsInsideFence(lines: readonly string[]): boolean {
  let fence: string | undefined;
  for (const line of lines) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (!marker) continue;
    if (fence === undefined) fence = marker;
    // A closing fence is of the same character, at least as long, with nothing after it.
    else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
  }
  return fence !== undefined;
}

/** The lines of the last paragraph (inline constructs never cross a blank line); undefined if the text ends blank or in indented code. */
function lastParagraph(lines: readonly string[]): string | undefined {
  let start = lines.length;
  while (start > 0 && (lines[start - 1] ?? '').trim() !== '') start--;
  const paragraph = lines.slice(start);
  if (paragraph.length === 0) return undefined;
  // Indented code (after a blank line) is code already: a backtick in it is a backtick.
  if (/^( {4}|\t)/.test(paragraph[0] ?? '')) return undefined;
  return paragraph.join('\n');
}

/** The closing markers still owed at the end of `paragraph`, innermost last. */
function openMarkers(paragraph: string): string[] {
  const open: string[] = [];
  let i = 0;
  while (i < paragraph.length) {
    const top = open[open.length - 1];
    const rest = paragraph.slice(i);
    const ticks = /^`+/.exec(rest)?.[0];
    if (top?.startsWith('`')) {
      // Inside a code span only a run of exactly its length closes it; nothing else opens.
      if (ticks === top) open.pop();
      i += ticks?.length ?? 1;
      continue;
    }
    if (rest[0] === '\\') {
      i += 2;
      continue;
    }
    if (ticks) {
      open.push(ticks);
      i += ticks.length;
      continue;
    }
    const strong = rest.startsWith('**') ? '**' : rest.startsWith('__') ? '__' : undefined;
    if (strong) {
      if (top === strong) open.pop();
      // Only a marker before a word opens bold ("2 ** 3" is a power, not bold).
      else if (/\S/.test(rest[2] ?? ' ')) open.push(strong);
      i += 2;
      continue;
    }
    i++;
  }
  return open;
}
