// The simulated person: writes each block key by key with a typist's rhythm (completionHabits.ts),
// and presses Tab when the ghost text on screen has a head (its leading line breaks and indentation
// plus its first line with text, at least 4 characters) that is exactly what they are about to
// write, once they had time to react to it. Tab accepts the whole suggestion; accepted text that
// turns out wrong is deleted (Backspace for a few characters on one line, otherwise a selection of
// its lines and Backspace), then the right text is typed. Also measures what the person waited for.
import type { Block } from './completionTrace';
import type { Ghost, SimulatedEditor } from './completionDriver';
import type { Habits } from './completionHabits';

export interface PersonFigures {
  keys: number;
  tabs: number;
  /** Actions that deleted accepted text (each Backspace, or each selected line plus the Backspace). */
  deletions: number;
  /** Characters Tab inserted, and those of them that were right (kept). */
  tabInsertedChars: number;
  tabKeptChars: number;
  /** Characters shown as ghost text that were not what the person wrote (by suggestion, at most once). */
  shownNotKeptChars: number;
  /** Tab -> next ghost text, for Tabs that left more to write; Infinity: none before the next action. */
  tabToGhostMs: number[];
  /** The last key before a pause -> ghost text; Infinity: none during the pause. */
  pauseToGhostMs: number[];
  pauses: number;
  /** Pauses that began with ghost text already on screen (not in pauseToGhostMs). */
  pausesWithGhostVisible: number;
}

export function newPersonFigures(): PersonFigures {
  return { keys: 0, tabs: 0, deletions: 0, tabInsertedChars: 0, tabKeptChars: 0, shownNotKeptChars: 0, tabToGhostMs: [], pauseToGhostMs: [], pauses: 0, pausesWithGhostVisible: 0 };
}

/** Leading line breaks and indentation, plus the first line with text. */
export function headOf(text: string): string {
  const content = /\S/.exec(text);
  if (!content) return text;
  const end = text.indexOf('\n', content.index);
  return end < 0 ? text : text.slice(0, end);
}

export const MIN_HEAD_CHARS = 4;

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Something the person waits for after an action: ghost text. */
interface Wait {
  readonly at: number;
  visibleAt?: number;
}

export class Person {
  private pos = 0;
  private hole = '';
  /** Text at the cursor that is not the block's: a slip, or accepted text that was wrong. */
  private wrong: { text: string; from: 'typo' | 'tab' } | undefined;
  private nextAt = 0;
  private tabAt: number | undefined;
  private pause: Wait | undefined;
  private afterTab: Wait | undefined;
  private wake: (() => void) | undefined;
  private lastGhost: Ghost | undefined;
  /** The last look found the ghost text right but its head too short to take: the next change is looked at again. */
  private watching = false;
  private readonly slipped = new Set<number>();
  private readonly worstBySuggestion = new Map<number, number>();

  constructor(
    private readonly editor: SimulatedEditor,
    private readonly habits: Habits,
    readonly figures: PersonFigures,
  ) {
    editor.onGhost((ghost, at) => this.sawGhost(ghost, at));
  }

  async write(block: Block, uri: string): Promise<void> {
    this.hole = block.full.slice(block.start, block.end);
    this.pos = 0;
    this.wrong = undefined;
    this.tabAt = undefined;
    this.watching = false;
    this.worstBySuggestion.clear();
    this.slipped.clear();
    this.editor.open({ uri, path: block.path, languageId: 'typescript', prefix: block.full.slice(0, block.start), suffix: block.full.slice(block.end), indentUnit: '  ', tabSize: 2 });
    this.nextAt = performance.now() + this.habits.opening(block.path);
    while (this.pos < this.hole.length || this.wrong) {
      const now = performance.now();
      const tabFirst = this.tabAt !== undefined && this.tabAt <= this.nextAt;
      const due = tabFirst ? this.tabAt! : this.nextAt;
      if (now < due) await this.sleepUntil(due);
      else if (tabFirst) this.decideTab(now);
      else this.act(block, now);
    }
    this.closeWaits();
    for (const chars of this.worstBySuggestion.values()) this.figures.shownNotKeptChars += chars;
  }

  private sleepUntil(at: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), Math.max(0, at - performance.now()));
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
    });
  }

  private sawGhost(ghost: Ghost | undefined, at: number): void {
    const previous = this.lastGhost;
    this.lastGhost = ghost;
    if (!ghost) {
      this.tabAt = undefined;
      this.watching = false;
      this.wake?.();
      return;
    }
    if (this.pause && this.pause.visibleAt === undefined) this.pause.visibleAt = at;
    if (this.afterTab && this.afterTab.visibleAt === undefined) this.afterTab.visibleAt = at;
    const rest = this.wrong ? '' : this.hole.slice(this.pos);
    const notKept = ghost.text.length - commonPrefixLength(ghost.text, rest);
    this.worstBySuggestion.set(ghost.sessionId, Math.max(this.worstBySuggestion.get(ghost.sessionId) ?? 0, notKept));
    // Typing through a suggestion shrinks it: the person is already looking at it (and looks again
    // when it was right but too short to take, e.g. `;` before the next line).
    const shrunk = previous?.sessionId === ghost.sessionId && previous.text.endsWith(ghost.text);
    if ((!shrunk || this.watching) && this.tabAt === undefined) {
      this.watching = false;
      this.tabAt = at + this.habits.reaction();
    }
    this.wake?.();
  }

  private decideTab(now: number): void {
    this.tabAt = undefined;
    const ghost = this.editor.ghost;
    if (!ghost || this.wrong) return;
    const head = headOf(ghost.text);
    if (!this.hole.startsWith(head, this.pos)) return;
    if (head.length < MIN_HEAD_CHARS) {
      this.watching = true;
      return;
    }
    this.closeWaits(now);
    const inserted = this.editor.accept();
    const kept = commonPrefixLength(inserted, this.hole.slice(this.pos));
    this.figures.tabs++;
    this.figures.tabInsertedChars += inserted.length;
    this.figures.tabKeptChars += kept;
    this.pos += kept;
    this.wrong = kept < inserted.length ? { text: inserted.slice(kept), from: 'tab' } : undefined;
    this.nextAt = now + this.habits.reread();
    if (!this.wrong && this.pos < this.hole.length) this.afterTab = { at: now };
  }

  private act(block: Block, now: number): void {
    this.closeWaits(now);
    const wrong = this.wrong;
    if (wrong?.from === 'typo') {
      this.editor.deleteBack(wrong.text.length);
      this.figures.keys++;
      this.wrong = undefined;
      this.planNext(block, now, '');
      return;
    }
    if (wrong) {
      const oneLineSlip = wrong.text.length <= 3 && !wrong.text.includes('\n');
      const count = oneLineSlip ? 1 : wrong.text.length;
      this.editor.deleteBack(count);
      this.figures.deletions += oneLineSlip ? 1 : wrong.text.split('\n').length + 1;
      const left = wrong.text.slice(0, wrong.text.length - count);
      this.wrong = left ? { text: left, from: 'tab' } : undefined;
      this.nextAt = now + (left ? this.habits.gapBefore(block.path, this.pos, '').ms : this.habits.reread());
      return;
    }
    const ch = this.hole[this.pos];
    // A slip happens once at a place: the second attempt, after erasing it, is right.
    const typo = this.slipped.has(this.pos) ? undefined : this.habits.typoAt(block.path, this.pos, ch);
    // The person's place moves before the editor reacts (ghost text is judged against it).
    if (typo) {
      this.slipped.add(this.pos);
      this.wrong = { text: typo, from: 'typo' };
      this.editor.type(typo);
      this.figures.keys++;
      this.nextAt = now + this.habits.typoNotice(block.path, this.pos);
      return;
    }
    // Enter: the editor indents the new line as the block does.
    const text = ch === '\n' ? '\n' + /^[ \t]*/.exec(this.hole.slice(this.pos + 1))![0] : ch;
    this.pos += text.length;
    this.editor.type(text);
    this.figures.keys++;
    if (this.pos < this.hole.length) this.planNext(block, now, text);
  }

  private planNext(block: Block, now: number, typed: string): void {
    const gap = this.habits.gapBefore(block.path, this.pos, typed);
    this.nextAt = now + gap.ms;
    if (gap.kind === 'key') return;
    this.figures.pauses++;
    if (this.editor.ghost) this.figures.pausesWithGhostVisible++;
    else this.pause = { at: now };
  }

  /** The person acts: what they waited for either came or did not. */
  private closeWaits(now = performance.now()): void {
    const end = (wait: Wait | undefined, into: number[]) => {
      if (wait) into.push(wait.visibleAt === undefined || wait.visibleAt > now ? Infinity : wait.visibleAt - wait.at);
    };
    end(this.pause, this.figures.pauseToGhostMs);
    end(this.afterTab, this.figures.tabToGhostMs);
    this.pause = undefined;
    this.afterTab = undefined;
  }
}
