// Measures, in the page, how a growing ghost text looks to the user: a MutationObserver on the
// active editor notes every change of the ghost text (when the DOM changed, to the sub-millisecond),
// and a requestAnimationFrame loop notes what each painted frame held. A growth step is the ghost
// text showing more lines than ever before; a blank is any time it shows fewer lines than it already
// showed (gone, or half-drawn) until it shows at least as many again. Used by the browser test of
// growing ghost text and by `npm run bench` (completion.growthBlankMsMax).
import type { Page } from 'playwright-core';
import { ACTIVE_EDITOR } from './monaco';

/** [time from performance.now(), ghost text with all whitespace removed]. */
export type GhostSample = readonly [number, string];

export interface GrowthTrace {
  /** Every change of the ghost text, as the MutationObserver saw it. */
  readonly changes: readonly GhostSample[];
  /** The ghost text of every painted frame. */
  readonly frames: readonly GhostSample[];
}

export interface GrowthFigures {
  /** Line counts in the order they first appeared, e.g. [1, 2, 3]. */
  readonly levels: number[];
  /** Growth steps after the first ghost text (levels.length - 1). */
  readonly steps: number;
  /** How long each blank lasted, ms (DOM time: from the change that lost lines to the one that restored them). */
  readonly blanksMs: number[];
  readonly blankMsMax: number;
  /** Painted frames that showed fewer lines than already shown. */
  readonly blankFrames: number;
}

/** Starts recording the active editor's ghost text. The page code is a string: the project compiles without DOM types. */
export async function startGrowthMeter(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const editor = document.querySelector(${JSON.stringify(ACTIVE_EDITOR)});
    if (!editor) throw new Error('no active editor');
    const ghost = () => [...editor.querySelectorAll('.ghost-text-decoration, .ghost-text-decoration-preview, .ghost-text')]
      .map((s) => s.textContent || '').join('').replace(/[\\s\\u00a0]/g, '');
    const trace = { changes: [[performance.now(), ghost()]], frames: [] };
    let last = trace.changes[0][1];
    const observer = new MutationObserver(() => {
      const now = ghost();
      if (now !== last) trace.changes.push([performance.now(), (last = now)]);
    });
    observer.observe(editor, { childList: true, subtree: true, characterData: true });
    let sampling = true;
    const sample = () => {
      trace.frames.push([performance.now(), ghost()]);
      if (sampling) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
    window.__rillGrowthStop = () => {
      observer.disconnect();
      sampling = false;
      return trace;
    };
  })()`);
}

export async function stopGrowthMeter(page: Page): Promise<GrowthTrace> {
  return (await page.evaluate('window.__rillGrowthStop()')) as GrowthTrace;
}

const squash = (text: string) => text.replace(/[\s\u00a0]/g, '');

/** How many of `lines` a ghost text shows, counted from the first (whitespace ignored: spans per token or per line). */
export function levelOf(ghost: string, lines: readonly string[]): number {
  const shown = squash(ghost);
  let n = 0;
  while (n < lines.length && shown.includes(squash(lines[n]))) n++;
  return n;
}

export function growthFigures(trace: GrowthTrace, lines: readonly string[]): GrowthFigures {
  const levels: number[] = [];
  const blanksMs: number[] = [];
  let shown = 0;
  let blankSince: number | undefined;
  for (const [t, ghost] of trace.changes) {
    const level = levelOf(ghost, lines);
    if (level >= shown && level > 0) {
      if (blankSince !== undefined) blanksMs.push(Math.round((t - blankSince) * 10) / 10);
      blankSince = undefined;
      if (level > shown) levels.push(level);
      shown = level;
    } else if (shown > 0) {
      blankSince ??= t;
    }
  }
  let framesShown = 0;
  let blankFrames = 0;
  for (const [, ghost] of trace.frames) {
    const level = levelOf(ghost, lines);
    if (level < framesShown) blankFrames++;
    framesShown = Math.max(framesShown, level);
  }
  return { levels, steps: Math.max(0, levels.length - 1), blanksMs, blankMsMax: blanksMs.length ? Math.max(...blanksMs) : 0, blankFrames };
}
