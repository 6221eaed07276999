import assert from 'node:assert/strict';
import { TailTrust, hasTail } from '../../../src/completion/tailTrust';
import type { Budgets } from '../../../src/completion/backendStats';
import { backspaced, doc, typed } from './helpers/fixture';

const START = doc('function f(a) {\n  const b = a█\n}\n');
const BLOCK = ' * 2;\n  log(b);\n  return b;';
const budgets = { maxLines: 8, maxTokens: 256 } as unknown as Budgets;

/** Tab on `text` at `state`: the edit, then the item's command. */
function tab(trust: TailTrust, state = START, text = BLOCK, id = 1) {
  const after = typed(state, text);
  trust.observe(after);
  trust.accepted(after, text, id);
  return after;
}

describe('tail trust: deleted lines after a Tab hold suggestions to one line', () => {
  it('deleting the lines after the first makes suggestions single-line, and names the session', () => {
    const trust = new TailTrust();
    const after = tab(trust);
    const settled = trust.observe(backspaced(after, BLOCK.length - ' * 2;'.length));
    assert.deepEqual(settled, { sessionId: 1, fate: 'tail-deleted' });
    assert.equal(trust.limit(budgets).maxLines, 1);
    assert.equal(trust.limit(budgets).maxTokens, 256, 'only the lines are held');
  });

  it('typing on after the block keeps it: blocks stay trusted', () => {
    const trust = new TailTrust();
    const after = tab(trust);
    assert.deepEqual(trust.observe(typed(after, '\n')), { sessionId: 1, fate: 'kept' });
    assert.equal(trust.limit(budgets).maxLines, 8);
  });

  it('a few characters off the last line, an arrow key, or a single-line Tab decide nothing', () => {
    const trust = new TailTrust();
    const after = tab(trust);
    assert.equal(trust.observe(backspaced(after, 2)), undefined, 'the last line is still there');
    // The cursor moves up into the block: the text is still after it.
    const moved = { ...START, prefix: START.prefix + ' * 2;', suffix: '\n  log(b);\n  return b;' + START.suffix };
    assert.equal(trust.observe(moved), undefined);
    const single = new TailTrust();
    single.observe(typed(START, ' * 2;'));
    single.accepted(typed(START, ' * 2;'), ' * 2;', 2);
    assert.equal(single.observe(backspaced(typed(START, ' * 2;'), 5)), undefined);
  });

  it('a last line deleted but for its first characters, then typed over, is a deleted tail, not a kept block', () => {
    const trust = new TailTrust();
    const after = tab(trust);
    // Backspace to the "r" of "return b;" (it matched what the user meant), then type on past the insert's end.
    const back = backspaced(after, 'eturn b;'.length);
    assert.deepEqual(trust.observe(back), { sessionId: 1, fate: 'tail-deleted' });
    assert.equal(trust.singleLine, true);
    const again = new TailTrust();
    const retyped = typed(backspaced(tab(again), 'eturn b;'.length), 'emove(b);\n  done();');
    assert.deepEqual(again.observe(retyped), { sessionId: 1, fate: 'tail-deleted' }, 'its end passed with other text');
  });

  it('a closing token retyped past the insert\'s end keeps the block', () => {
    const trust = new TailTrust();
    const after = tab(trust);
    assert.equal(trust.observe(backspaced(after, 1)), undefined);
    assert.deepEqual(trust.observe(typed(backspaced(after, 1), ',\n')), { sessionId: 1, fate: 'kept' });
  });

  it('deleting the first line too is not a tail verdict: blocks stay trusted', () => {
    const trust = new TailTrust();
    const after = tab(trust);
    assert.deepEqual(trust.observe(backspaced(after, BLOCK.length)), { sessionId: 1, fate: 'all-deleted' });
    const again = tab(trust);
    assert.deepEqual(trust.observe(backspaced(again, BLOCK.length - 2)), { sessionId: 1, fate: 'all-deleted' });
    const past = tab(trust);
    assert.equal(trust.observe(backspaced(past, BLOCK.length + 3)), undefined, 'deleting past the insert: it was something else');
    assert.equal(trust.limit(budgets).maxLines, 8);
  });

  it('a block is tried again after four single-line Tabs, then after eight once it relapses; a kept block ends it', () => {
    const trust = new TailTrust();
    const relapse = () => {
      const after = tab(trust);
      trust.observe(backspaced(after, BLOCK.length - ' * 2;'.length));
    };
    const singleTab = () => {
      trust.observe(typed(START, ' * 2;'));
      trust.accepted(typed(START, ' * 2;'), ' * 2;', 3);
    };
    const singleTabs = (n: number) => {
      for (let i = 0; i < n; i++) singleTab();
    };
    relapse();
    singleTabs(3);
    assert.equal(trust.singleLine, true);
    singleTab();
    assert.equal(trust.singleLine, false, 'after four single-line Tabs a block is tried');
    relapse();
    singleTabs(7);
    assert.equal(trust.singleLine, true, 'the second time it takes eight');
    singleTab();
    assert.equal(trust.singleLine, false);
    const after = tab(trust);
    trust.observe(typed(after, '\n'));
    relapse();
    singleTabs(4);
    assert.equal(trust.singleLine, false, 'a kept block reset the count: four again');
  });

  it('a tail typed over (first line taken, the next contradicted) holds blocks to one line and stops asking ahead past first lines', () => {
    const trust = new TailTrust();
    const text = '\n  const c = b + 1;\n  wrong(1);\n  wrong(2);';
    assert.equal(trust.tailsTrusted, true);
    trust.judged(text, 'contradicted', '\n  const c = b + 1;\n  '.length);
    assert.equal(trust.tailsTrusted, false);
    assert.equal(trust.singleLine, true);
    assert.equal(trust.limit(budgets).maxLines, 1);
    // Four single-line Tabs try blocks again; asking ahead past first lines waits for a kept tail.
    for (let i = 0; i < 4; i++) {
      trust.observe(typed(START, ' * 2;'));
      trust.accepted(typed(START, ' * 2;'), ' * 2;', 3);
    }
    assert.equal(trust.singleLine, false, 'not counted as a relapse: four Tabs, as after the first');
    assert.equal(trust.tailsTrusted, false);
    const after = tab(trust);
    trust.observe(typed(after, '\n'));
    assert.equal(trust.tailsTrusted, true, 'a kept block trusts tails again');
  });

  it('what says nothing of a tail changes nothing: a head contradicted, a Tab typing it through, a whole tail line taken', () => {
    const trust = new TailTrust();
    const text = '\n  const c = b + 1;\n  log(c);\n  wrong(2);';
    trust.judged(text, 'contradicted', '\n  const c'.length);
    trust.judged(text, 'typed-through', text.length);
    assert.equal(trust.tailsTrusted, true);
    assert.equal(trust.singleLine, false);
    trust.judged(text, 'contradicted', '\n  const c = b + 1;\n  '.length);
    assert.equal(trust.tailsTrusted, false);
    trust.judged(text, 'contradicted', '\n  const c = b + 1;\n  log(c);\n  '.length);
    assert.equal(trust.tailsTrusted, false, 'still held to one line');
    for (let i = 0; i < 4; i++) trust.accepted(typed(START, ' * 2;'), ' * 2;', 3);
    assert.equal(trust.tailsTrusted, true, 'its tail line was right: tails are trusted once blocks are tried again');
    assert.equal(hasTail('\n  a();'), false);
    assert.equal(hasTail('a();\n'), false);
    assert.equal(hasTail('a();\n  b();'), true);
  });

  it('reset forgets everything', () => {
    const trust = new TailTrust();
    const after = tab(trust);
    trust.observe(backspaced(after, BLOCK.length - ' * 2;'.length));
    trust.reset();
    assert.equal(trust.singleLine, false);
  });
});
