// The conversation's turns in order, reconciled by id against each snapshot so that a snapshot
// taken mid-stream (or at its end) reuses the DOM already drawn instead of redrawing 20k tokens.
import type { ChatViewState } from '../../src/protocol/chat';
import { el, icon } from './dom';
import { TurnElement, type TurnOptions } from './turnView';

export class Transcript {
  readonly root: HTMLElement;
  private readonly empty: HTMLElement;
  private turns = new Map<string, TurnElement>();
  private conversationId = '';
  /** Follow the answer down while the user has not scrolled up to read. */
  private pinned = true;
  private followScheduled = false;
  /** When the reader last moved the view by wheel, touch or key; and a drag of the scroll bar. */
  private readerScrolledAt = Number.NEGATIVE_INFINITY;
  private draggingScrollBar = false;
  /** The height the view last followed to: a scroll with the same height is no layout change. */
  private followedHeight = -1;

  constructor(private readonly options: TurnOptions) {
    this.empty = el(
      'div',
      { class: 'empty' },
      icon('comment-discussion'),
      el('p', {}, 'Ask Rill about your code.'),
      el('p', { class: 'hint' }, 'Attach the selection or the current file with the buttons below the question box. Enter sends, Shift+Enter starts a new line, Esc stops an answer.'),
    );
    this.root = el('main', { class: 'transcript', 'aria-label': 'Conversation', tabindex: '0' }, this.empty);
    // Reaching the end follows the answer again; leaving it stops following only when the reader
    // moved the view. The position also moves by itself: an earlier turn or an off-screen chunk
    // (content-visibility: auto) is laid out at its real height a frame or more after the page
    // scrolled to the end, and that must not read as the reader scrolling up.
    this.root.addEventListener('scroll', () => {
      const r = this.root;
      if (r.scrollHeight - r.scrollTop - r.clientHeight < 40) this.pinned = true;
      // The reader's own move, or a move with no growth under it (an element scrolled into view
      // to be clicked or read): it stops following.
      else if (this.readerIsScrolling() || r.scrollHeight === this.followedHeight) this.pinned = false;
      else this.followIfPinned();
    });
    const readerScrolls = (): void => {
      this.readerScrolledAt = performance.now();
    };
    this.root.addEventListener('wheel', readerScrolls, { passive: true });
    this.root.addEventListener('touchmove', readerScrolls, { passive: true });
    // Any key in the transcript: arrows and pages, and Tab, whose focus move scrolls to the target.
    this.root.addEventListener('keydown', readerScrolls);
    window.addEventListener('pointerup', () => {
      this.draggingScrollBar = false;
    });
    // The reader scrolling up to read shows at once whatever the pacer still holds back. Told by
    // the reader's own input: the scroll position also moves when off-screen chunks are laid out
    // again or the page follows a growing answer.
    const revealAll = (): void => {
      for (const t of this.turns.values()) t.revealAll();
    };
    this.root.addEventListener('wheel', (e) => {
      if (e.deltaY < 0) revealAll();
    }, { passive: true });
    this.root.addEventListener('keydown', (e) => {
      if (e.key === 'PageUp' || e.key === 'ArrowUp' || e.key === 'Home') revealAll();
    });
    this.root.addEventListener('pointerdown', (e) => {
      // A press on the scroll bar (right of the content box) starts dragging it.
      if (e.offsetX <= this.root.clientWidth) return;
      this.draggingScrollBar = true;
      revealAll();
    });
  }

  apply(state: ChatViewState): void {
    if (state.conversationId !== this.conversationId) {
      this.conversationId = state.conversationId;
      this.root.dataset.conversationId = state.conversationId;
      for (const t of this.turns.values()) t.root.remove();
      this.turns = new Map();
      this.pinned = true;
    }
    // A new question (sent, asked from the palette): the reader wants to see it and its answer,
    // wherever they had scrolled to.
    if (state.turns.some((t) => !this.turns.has(t.id))) this.pinned = true;
    const next = new Map<string, TurnElement>();
    state.turns.forEach((data, i) => {
      const isLast = i === state.turns.length - 1;
      const turn = this.turns.get(data.id) ?? new TurnElement(data, this.options);
      turn.update(data, isLast);
      next.set(data.id, turn);
    });
    for (const [id, t] of this.turns) if (!next.has(id)) t.root.remove();
    // Only turns out of place are moved: moving a node re-inserts its whole subtree, which for a
    // long answer means restyling and laying out all of it again.
    let previous: Element = this.empty;
    for (const t of next.values()) {
      if (previous.nextElementSibling !== t.root) previous.after(t.root);
      previous = t.root;
    }
    this.turns = next;
    this.empty.hidden = next.size > 0;
    this.followIfPinned();
  }

  /** The whole received text of a code block in an answer, even while the answer is still being revealed. */
  codeOf(block: Element): string | undefined {
    const id = block.closest('[data-turn-id]')?.getAttribute('data-turn-id');
    return id ? this.turns.get(id)?.codeOf(block) : undefined;
  }

  /** False when the append does not fit what is drawn: the caller asks for a snapshot. */
  append(conversationId: string, turnId: string, offset: number, text: string): boolean {
    if (conversationId !== this.conversationId) return false;
    const turn = this.turns.get(turnId);
    if (!turn || !turn.append(offset, text)) return false;
    this.followIfPinned();
    return true;
  }

  /** The scroll events of a wheel turn or a key press arrive within a few frames of it. */
  private readerIsScrolling(): boolean {
    return this.draggingScrollBar || performance.now() - this.readerScrolledAt < 500;
  }

  private followIfPinned(): void {
    if (!this.pinned || this.followScheduled) return;
    this.followScheduled = true;
    // After the frame's render (scheduled earlier, so it runs first in the same frame).
    requestAnimationFrame(() => {
      this.root.scrollTop = this.followedHeight = this.root.scrollHeight;
      // A turn that has just stopped being the last one (content-visibility: auto) is laid out at
      // its full height only after this frame's callbacks: follow again in the next frame.
      requestAnimationFrame(() => {
        this.followScheduled = false;
        if (this.pinned) this.root.scrollTop = this.followedHeight = this.root.scrollHeight;
      });
    });
  }
}
