import * as assert from 'node:assert/strict';
import { type ContentChange, TrackedRange, mapOffset } from '../../../src/generate/trackedRange';

/**
 * A tiny document model for the tests: applies changes to a string the way VS Code does, and
 * feeds them to the tracker as foreign (the user's) or own (the stream's) edits.
 */
class Doc {
  constructor(
    public text: string,
    readonly range: TrackedRange,
  ) {}

  user(offset: number, length: number, text: string): void {
    const change: ContentChange = { rangeOffset: offset, rangeLength: length, text };
    this.apply(change);
    this.range.applyForeign(change);
  }

  stream(text: string): void {
    const { offset, length } = this.range.nextEdit();
    const change: ContentChange = { rangeOffset: offset, rangeLength: length, text };
    this.apply(change);
    this.range.applyOwn(change);
  }

  get generated(): string {
    return this.text.slice(this.range.start, this.range.end);
  }

  private apply(c: ContentChange): void {
    this.text = this.text.slice(0, c.rangeOffset) + c.text + this.text.slice(c.rangeOffset + c.rangeLength);
  }
}

/** A document with the cursor at `|`. */
function at(marked: string): Doc {
  const offset = marked.indexOf('|');
  return new Doc(marked.replace('|', ''), new TrackedRange(offset, offset));
}

describe('TrackedRange: the stream keeps its place while the user edits', () => {
  it('appends at its own end', () => {
    const d = at('a\n|\nz');
    d.stream('one');
    d.stream('\ntwo');
    assert.equal(d.text, 'a\none\ntwo\nz');
    assert.equal(d.generated, 'one\ntwo');
  });

  it('typing above shifts the insertion point; the user text stays', () => {
    const d = at('top\n|\nbottom');
    d.stream('gen1');
    d.user(0, 0, '// new comment\n');
    d.stream('\ngen2');
    assert.equal(d.text, '// new comment\ntop\ngen1\ngen2\nbottom');
    assert.equal(d.generated, 'gen1\ngen2');
  });

  it('typing below changes nothing for the stream', () => {
    const d = at('top\n|\nbottom');
    d.stream('gen1');
    d.user(d.text.length, 0, '\nmore');
    d.stream('\ngen2');
    assert.equal(d.text, 'top\ngen1\ngen2\nbottom\nmore');
  });

  it('deleting lines above moves the insertion point back', () => {
    const d = at('line1\nline2\n|');
    d.stream('x');
    d.user(0, 6, '');
    d.stream('y');
    assert.equal(d.text, 'line2\nxy');
    assert.equal(d.generated, 'xy');
  });

  it('text typed right at the end of the generated text stays after it', () => {
    const d = at('|');
    d.stream('abc');
    d.user(3, 0, 'USER');
    d.stream('def');
    assert.equal(d.text, 'abcdefUSER');
    assert.equal(d.generated, 'abcdef');
  });

  it('text typed at the cursor before anything arrived goes before the generated text', () => {
    const d = at('x|y');
    d.user(1, 0, 'U');
    d.stream('G');
    assert.equal(d.text, 'xUGy');
  });

  it('an edit inside the generated text keeps the rest in place', () => {
    const d = at('|');
    d.stream('hello world');
    d.user(0, 5, 'HELLO!!');
    d.stream('!');
    assert.equal(d.text, 'HELLO!! world!');
    assert.equal(d.range.end, d.text.length);
  });

  it('replaces the selection with the first text, then appends', () => {
    const text = 'keep OLD keep';
    const d = new Doc(text, new TrackedRange(5, 8));
    assert.equal(d.range.replacing, true);
    d.stream('new');
    assert.equal(d.range.replacing, false);
    d.stream('er');
    assert.equal(d.text, 'keep newer keep');
    assert.equal(d.generated, 'newer');
  });

  it('a selection the user edits around before the first text still gets replaced, their text kept', () => {
    const d = new Doc('a OLD b', new TrackedRange(2, 5));
    d.user(0, 0, '>> ');
    d.user(d.text.length, 0, ' <<');
    d.stream('NEW');
    assert.equal(d.text, '>> a NEW b <<');
  });

  it('a selection the user deleted is not replaced again: the stream inserts there', () => {
    const d = new Doc('a OLD b', new TrackedRange(2, 5));
    d.user(2, 3, '');
    assert.equal(d.range.replacing, false);
    d.stream('NEW');
    assert.equal(d.text, 'a NEW b');
  });
});

describe('mapOffset', () => {
  const change = (rangeOffset: number, rangeLength: number, text: string): ContentChange => ({ rangeOffset, rangeLength, text });
  it('before the change: unchanged', () => assert.equal(mapOffset(2, change(5, 1, 'xyz'), 'before'), 2));
  it('after the change: shifted by its delta', () => assert.equal(mapOffset(10, change(5, 1, 'xyz'), 'before'), 12));
  it('insertion exactly at the offset: depends on the side', () => {
    assert.equal(mapOffset(5, change(5, 0, 'ab'), 'before'), 5);
    assert.equal(mapOffset(5, change(5, 0, 'ab'), 'after'), 7);
  });
  it('inside replaced text: after the replacement', () => assert.equal(mapOffset(6, change(5, 3, 'q'), 'before'), 6));
  it('at the start of replaced text: stays', () => assert.equal(mapOffset(5, change(5, 3, 'q'), 'after'), 5));
});
