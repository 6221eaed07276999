// Where the generated text lives in a document that the user may keep editing while it streams.
// Offsets are moved through every content change; the stream only ever inserts at `end` (or, the
// first time, replaces the selection it was asked to replace), so nothing the user typed is
// overwritten, wherever they type.

/** One content change as VS Code reports it: offsets in the document before the change. */
export interface ContentChange {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

export class TrackedRange {
  private startOffset: number;
  private endOffset: number;
  private replacingSelection: boolean;

  /**
   * `start..end`: the selection to replace, or an empty range at the cursor. Until the first text
   * is written the range is the selection; afterwards it is the generated text.
   */
  constructor(start: number, end: number) {
    this.startOffset = start;
    this.endOffset = end;
    this.replacingSelection = end > start;
  }

  get start(): number {
    return this.startOffset;
  }

  get end(): number {
    return this.endOffset;
  }

  /** True until the first text replaced the selection. */
  get replacing(): boolean {
    return this.replacingSelection;
  }

  /** Where the next text goes: offset and length of the text it replaces. */
  nextEdit(): { readonly offset: number; readonly length: number } {
    return this.replacingSelection
      ? { offset: this.startOffset, length: this.endOffset - this.startOffset }
      : { offset: this.endOffset, length: 0 };
  }

  /** Our own edit (the one `nextEdit` described) landed, as `change`. */
  applyOwn(change: ContentChange): void {
    if (this.replacingSelection) {
      this.startOffset = change.rangeOffset;
      this.replacingSelection = false;
    }
    this.endOffset = change.rangeOffset + change.text.length;
  }

  /** Someone else's edit: the range moves with the text around it and never swallows it. */
  applyForeign(change: ContentChange): void {
    const empty = this.startOffset === this.endOffset;
    // Text typed exactly where the range starts goes before it; at its end, after it.
    this.startOffset = mapOffset(this.startOffset, change, 'after');
    this.endOffset = empty ? this.startOffset : Math.max(this.startOffset, mapOffset(this.endOffset, change, 'before'));
    if (this.replacingSelection && this.startOffset === this.endOffset) {
      // The user removed the selection themselves: there is nothing left to replace.
      this.replacingSelection = false;
    }
  }
}

/**
 * Moves an offset through a change. `assoc` says which side of text inserted exactly at the
 * offset it ends up on. An offset inside replaced text moves after the replacement.
 */
export function mapOffset(offset: number, change: ContentChange, assoc: 'before' | 'after'): number {
  const from = change.rangeOffset;
  const to = from + change.rangeLength;
  const inserted = change.text.length;
  if (offset < from) return offset;
  if (offset > to) return offset + inserted - change.rangeLength;
  if (from === to) return assoc === 'after' ? offset + inserted : offset;
  if (offset === from) return from;
  return from + inserted;
}
