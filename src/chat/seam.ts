// Joins a continuation onto the answer it continues. A model asked to go on from a partial answer
// sometimes repeats its last words, or starts the whole answer over; the joiner holds back the head
// of the continuation until it is clear whether it repeats the answer's end, drops the repeat, and
// lets the rest through as it arrives. Whitespace already shown is never shown twice.
// A server that ignores the prefill starts the answer again, often in slightly different words:
// glued on, that reads "…map of items. EachThe inventory module stores…". When the continuation's
// first words follow the answer's first words closely (and not its last ones), the continuation is
// a new answer and replaces the cut one, so the reader sees one answer, not two spliced mid-word.

import { restartVerdict } from './restartCheck';

/** How far back into the answer a repeat is looked for (a sentence or two). */
const MAX_SEAM_CHARS = 400;

/** What to do with the answer: add `text` to its end, or replace all of it with `text` (a restart). */
export type SeamOutput = { readonly kind: 'append'; readonly text: string } | { readonly kind: 'restart'; readonly text: string };

const append = (text: string): SeamOutput => ({ kind: 'append', text });

export class SeamJoiner {
  /** The answer without its trailing whitespace: what the model was asked to continue. */
  private readonly prefill: string;
  /** Whitespace at the end of the answer, already shown. */
  private readonly shownSpace: string;
  /** Where a repeat may start in `prefill`: word starts within the seam window, and 0 (a restart). */
  private readonly starts: readonly number[];
  private held = '';
  private decided = false;

  constructor(answer: string) {
    this.prefill = answer.trimEnd();
    this.shownSpace = answer.slice(this.prefill.length);
    this.starts = wordStarts(this.prefill);
  }

  /** A piece of the continuation arrived: what to do with the answer now (append '' holds it back). */
  push(text: string): SeamOutput {
    if (this.decided) return append(text);
    this.held += text;
    return this.couldStillRepeat() || this.couldStillRestart() ? append('') : this.decide();
  }

  /** The continuation ended: whatever is still held back, joined. */
  end(): SeamOutput {
    return this.decided ? append('') : this.decide();
  }

  /**
   * True while the held text (past its leading whitespace) is the start of a possible repeat, or a
   * whole one whose next character (the whitespace to merge) has not arrived yet.
   */
  private couldStillRepeat(): boolean {
    const body = this.held.trimStart();
    if (body === '') return true;
    return this.starts.some((i) => this.prefill.startsWith(body, i) && this.prefill.length - i >= body.length);
  }

  /** True while too few words of the continuation arrived to tell whether it starts the answer over. */
  private couldStillRestart(): boolean {
    return restartVerdict(this.prefill, this.held, false) === 'undecided';
  }

  private decide(): SeamOutput {
    this.decided = true;
    const held = this.held;
    this.held = '';
    const body = held.trimStart();
    const lead = held.slice(0, held.length - body.length);
    // The longest repeat of the answer's end the continuation starts with.
    const repeat = this.starts.map((i) => this.prefill.slice(i)).find((tail) => body.startsWith(tail) && significant(tail));
    if (repeat === undefined) {
      return restartVerdict(this.prefill, body, true) === 'restart' ? { kind: 'restart', text: body } : append(this.afterShownSpace(lead, body));
    }
    const rest = body.slice(repeat.length);
    const restBody = rest.trimStart();
    return append(this.afterShownSpace(rest.slice(0, rest.length - restBody.length), restBody));
  }

  /** `lead` + `body`, less the whitespace the answer already shows at its end. */
  private afterShownSpace(lead: string, body: string): string {
    const shown = this.shownSpace;
    if (shown === '') return lead + body;
    if (lead.startsWith(shown)) return lead.slice(shown.length) + body;
    // Whitespace of another kind: a line break the model wants is kept; a space is already there.
    return /\n/.test(lead) && !/\n/.test(shown) ? lead + body : body;
  }
}

/** Indices where a word starts in `text` within the seam window, longest tail first, and 0. */
function wordStarts(text: string): number[] {
  const from = Math.max(0, text.length - MAX_SEAM_CHARS);
  const starts: number[] = [];
  for (let i = from; i < text.length; i++) {
    if (!/\s/.test(text[i] ?? ' ') && (i === 0 || /\s/.test(text[i - 1] ?? ''))) starts.push(i);
  }
  if (from > 0) starts.unshift(0);
  return starts;
}

/**
 * A repeat worth removing: a couple of words, or one long one. A lone short token ("}", "the", "1.")
 * at the seam is far more often what the answer says next than a repeat, in prose and in code.
 */
function significant(tail: string): boolean {
  const words = tail.trim().split(/\s+/);
  const letters = (tail.match(/[\p{L}\p{N}]/gu) ?? []).length;
  return (words.length >= 2 && letters >= 2) || letters >= 6;
}
